/**
 * The CPU-heavy half of handling a page: decode, parse once for links, extract, classify.
 * Pure (bytes in, data out), so the crawl can run it on worker threads while the main thread
 * does the network and the database.
 */
import { type Document, type Element, isTag, isText, ownText, textOf, walkElements } from '../extract/dom.js';
import { extractWithDocument } from '../extract/index.js';
import type { SiteProfile } from '../extract/profiles/schema.js';
import type { PageKind } from '../store/types.js';
import type { Article } from '../types.js';
import { classifyPage, UrlClassifier } from './classify.js';
import { discoverLinks, type FoundLink } from './links.js';
import { normalizeUrl } from './url.js';

export interface AnalyzeInput {
  body: Uint8Array;
  url: string;
  contentType: string | null;
  fetchedAt: Date;
  now: Date;
  /** --timezone; else the site profile's zone, else Asia/Shanghai (extract decides). */
  timeZone?: string | undefined;
  profile: SiteProfile | null;
}

export interface AnalyzeResult {
  article: Article;
  links: FoundLink[];
  kind: PageKind;
  /** The page's `<link rel="canonical">`, absolute and normalised; null when absent or unreadable. */
  canonical: string | null;
}

const classifiers = new WeakMap<SiteProfile, UrlClassifier>();
const genericClassifier = new UrlClassifier(null);

function classifierFor(profile: SiteProfile | null): UrlClassifier {
  if (!profile) return genericClassifier;
  let c = classifiers.get(profile);
  if (!c) {
    c = new UrlClassifier(profile);
    classifiers.set(profile, c);
  }
  return c;
}

/**
 * What the head says: the `<title>` text ("headline_栏目_站点") and the canonical address
 * (`<link rel="canonical">`, the copy a mobile or tracking URL stands for). Read from the head only.
 */
function headOf(doc: Document): { titleTag: string | null; canonical: string | null } {
  let titleTag: string | null = null;
  let canonical: string | null = null;
  walkElements(doc, (el) => {
    if (el.name === 'body') return false;
    if (el.name === 'title' && titleTag === null) {
      titleTag = ownText(el);
      return false;
    }
    if (el.name === 'link' && canonical === null && (el.attribs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical')) {
      canonical = el.attribs.href?.trim() || null;
    }
    return undefined;
  });
  return { titleTag, canonical };
}

/**
 * Labels of a B2B trade offer's spec table, printed beside its headline (DESTOON sell/buy:
 * `<h1 class="title_trade">` over "单价: 起订: 供货总量: 发货期限: 有效期至:"). A news story has none.
 */
const TRADE_LABEL_RE =
  /^(?:单价|价格|报价|起订|起订量|最小起订量|供货总量|供应总量|发货期限|需求数量|需求总量|价格要求|有效期至|询价|产品规格|规格型号|计量单位|包装说明)\s*[:：]?$/;
const MIN_TRADE_LABELS = 3;
/** Elements looked at in the tables and lists beside the headline: a spec table, not a whole page. */
const TRADE_SCAN_ELEMENTS = 120;
const SPEC_CONTAINERS = new Set(['table', 'tbody', 'dl', 'ul']);
const SPEC_LABEL_TAGS = new Set(['td', 'th', 'dt', 'span', 'label', 'li']);

/**
 * Whether the headline sits with a trade offer's spec table: at least three distinct labels in a
 * table or list beside it (its siblings), each a cell or item of its own.
 */
function isTradeOffer(headline: Element | null): boolean {
  const around = headline?.parent;
  if (!around || !isTag(around)) return false;
  const labels = new Set<string>();
  let seen = 0;
  for (const sibling of around.children) {
    if (!isTag(sibling) || !SPEC_CONTAINERS.has(sibling.name)) continue;
    walkElements(sibling, (el) => {
      if (++seen > TRADE_SCAN_ELEMENTS || labels.size >= MIN_TRADE_LABELS) return false;
      if (!SPEC_LABEL_TAGS.has(el.name)) return undefined;
      const text = textOf(el).trim();
      if (text.length <= 8 && TRADE_LABEL_RE.test(text)) labels.add(text.replace(/[:：]$/, ''));
      return undefined;
    });
    if (labels.size >= MIN_TRADE_LABELS) return true;
  }
  return false;
}

/**
 * A member directory's company page (会员单位, 企业库): a company's name for a headline over its
 * profile, with the directory's fields: 公司简介, 主营业务, 公司地址, 注册资本, 会员级别… Both are
 * needed: a story about a company may close with its address.
 */
const COMPANY_NAME_RE = /(?:有限公司|有限责任公司|股份公司|集团|公司|厂|合作社|商行|事务所|研究院)$/;
const COMPANY_FIELD_RE =
  /^(?:公司简介|企业简介|公司介绍|主营业务|主营产品|主营|经营范围|公司地址|企业地址|公司网址|企业网址|注册资本|成立时间|成立日期|法定代表人|法人代表|企业类型|企业性质|会员级别|所属行业|员工人数)\s*(?:[:：]|$)/;
const MIN_COMPANY_FIELDS = 2;
/** Elements looked at in the headline's block: a profile, not a whole page. */
const COMPANY_SCAN_ELEMENTS = 400;
const COMPANY_FIELD_TAGS = new Set(['h2', 'h3', 'h4', 'td', 'th', 'dt', 'li', 'span', 'label', 'strong', 'b', 'div', 'p']);

function isCompanyProfile(headline: Element | null, title: string | null): boolean {
  const around = headline?.parent;
  if (!around || !isTag(around) || title === null || !COMPANY_NAME_RE.test(title.trim())) return false;
  const fields = new Set<string>();
  let seen = 0;
  walkElements(around, (el) => {
    if (++seen > COMPANY_SCAN_ELEMENTS || fields.size >= MIN_COMPANY_FIELDS) return false;
    if (!COMPANY_FIELD_TAGS.has(el.name)) return undefined;
    // Only the element's own first text: a label cell, a heading, or "会员级别：理事单位 …".
    const first = el.children.find((c) => isText(c) && c.data.trim() !== '');
    const text = first !== undefined && isText(first) ? first.data.trim() : '';
    const m = text.length > 0 ? COMPANY_FIELD_RE.exec(text.replace(/[\s\u3000]+/g, '')) : null;
    if (m !== null) fields.add(m[0].replace(/[:：]$/, ''));
    return undefined;
  });
  return fields.size >= MIN_COMPANY_FIELDS;
}

/** A player beside the headline: the page is a video story, its text a few lines at most. */
const PLAYER_MARK_RE = /(?:^|[\s_-])(?:player|video-?player|vjs|prism-player|tcplayer|video-?box)(?:$|[\s_-])/i;
const VIDEO_HOST_RE = /player|video|v\.qq\.com|youku|bilibili|iqiyi|cctv\.com\/.*\.swf/i;
const MEDIA_SCAN_ELEMENTS = 400;

function hasPlayer(headline: Element | null): boolean {
  const around = headline?.parent;
  if (!around || !isTag(around)) return false;
  let seen = 0;
  let found = false;
  walkElements(around, (el) => {
    if (found || ++seen > MEDIA_SCAN_ELEMENTS) return false;
    const name = el.name;
    if (name === 'video' || name === 'embed' || name === 'object') found = true;
    else if (name === 'iframe' && VIDEO_HOST_RE.test(el.attribs.src ?? '')) found = true;
    else if ((el.attribs.class !== undefined || el.attribs.id !== undefined) && PLAYER_MARK_RE.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`)) found = true;
    return found ? false : undefined;
  });
  return found;
}

export function analyzePage(input: AnalyzeInput): AnalyzeResult {
  // One decode and one parse serve both extraction and link discovery.
  const { article, doc, charset, headline } = extractWithDocument(input.body, {
    url: input.url,
    contentType: input.contentType,
    profile: input.profile,
    now: input.now,
    timeZone: input.timeZone,
    fetchedAt: input.fetchedAt,
  });
  const links = discoverLinks(doc, input.url, charset);
  const head = headOf(doc);
  const canonical = head.canonical === null ? null : normalizeUrl(head.canonical, input.url);
  const kind = classifyPage(
    {
      url: input.url,
      article,
      links,
      titleTag: head.titleTag,
      canonical,
      directoryEntry: isTradeOffer(headline) || isCompanyProfile(headline, article.title),
      // Looked for only when the other rules leave the page undecided: most pages are not asked.
      player: () => hasPlayer(headline),
    },
    classifierFor(input.profile),
  );
  return { article, links, kind, canonical };
}
