/**
 * The CPU-heavy half of handling a page: decode, parse once for links, extract, classify.
 * Pure (bytes in, data out), so the crawl can run it on worker threads while the main thread
 * does the network and the database.
 */
import { type Document, type Element, isTag, isText, textOf, walkElements } from '../extract/dom.js';
import { extractWithDocument } from '../extract/index.js';
import type { SiteProfile } from '../extract/profiles/schema.js';
import type { PageKind } from '../store/types.js';
import type { Article } from '../types.js';
import { classifyPage, UrlClassifier } from './classify.js';
import { discoverLinks, type FoundLink } from './links.js';

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

/** The page's `<title>` text ("headline_栏目_站点"), read from the head only. */
function titleTagOf(doc: Document): string | null {
  let found: string | null = null;
  walkElements(doc, (el) => {
    if (found !== null || el.name === 'body') return false;
    if (el.name !== 'title') return undefined;
    found = el.children.map((c) => (isText(c) ? c.data : '')).join('');
    return false;
  });
  return found;
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

export function analyzePage(input: AnalyzeInput): AnalyzeResult {
  // One decode and one parse serve both extraction and link discovery.
  const { article, doc, headline } = extractWithDocument(input.body, {
    url: input.url,
    contentType: input.contentType,
    profile: input.profile,
    now: input.now,
    timeZone: input.timeZone,
    fetchedAt: input.fetchedAt,
  });
  const links = discoverLinks(doc, input.url);
  const kind = classifyPage(
    { url: input.url, article, links, titleTag: titleTagOf(doc), tradeOffer: isTradeOffer(headline) },
    classifierFor(input.profile),
  );
  return { article, links, kind };
}
