/**
 * The headline. Candidates are h1–h3 and elements whose class/id says "title"; each is scored by
 * how much of the `<title>` it covers (portals write `<title>` as "headline_栏目_站点"), its tag and
 * its position. Meta tags (og:title…) and the `<title>` minus its site tail are the fallbacks.
 */
import { isTrailingListHeading } from '../boilerplate.js';
import { isBylineLine } from '../cues.js';
import { collapseSpaces, type Element, isText, linesOf } from '../dom.js';
import type { Marked, PageScan } from './scan.js';

export interface TitleResult {
  title: string | null;
  element: Element | null;
  /** Line index where the headline is, -1 when it came from a meta tag. */
  line: number;
  /** The headline element also holds the meta line (PHPCMS `<h1>title<br><span>date 来源…</span></h1>`). */
  holdsMetaLine: boolean;
}

/** Separators between headline, column and site name in `<title>`. */
const TITLE_SEPARATOR_RE = /\s*(?:[_|｜]|\s-\s|\s–\s|\s—\s|--|—|-{1,2}(?=[^\d\s])|::|»)\s*/;
const MIN_TITLE_CHARS = 4;
const MAX_TITLE_CHARS = 150;
const MAX_CANDIDATES = 400;
/** Visible characters beyond which an element is no headline (with its meta line, if it holds one). */
const MAX_HEADLINE_ELEMENT_CHARS = 2000;
const META_TITLE_KEYS = ['og:title', 'twitter:title', 'title', 'articletitle', 'headline', 'name'];

/** NFKC and no whitespace: how the scorer compares titles. */
export function normalizeForCompare(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');
}

/** `<title>` minus its "_栏目_站点" / " - 站点" tail. */
export function stripSiteTail(titleTag: string): string {
  const parts = titleTag.split(TITLE_SEPARATOR_RE).filter((p) => p.trim().length > 0);
  if (parts.length <= 1) return titleTag.trim();
  // The headline is the longest part; site and column names are short.
  let best = parts[0]!;
  for (const part of parts) if (part.length > best.length * 1.5) best = part;
  return best.trim();
}

/**
 * The names the site gives itself, compared as normalizeForCompare does: og:site_name and
 * application-name, and the outer parts of a `<title>` of several parts ("headline | 新京报").
 */
export function siteNames(scan: PageScan): Set<string> {
  const names = new Set<string>();
  for (const key of ['og:site_name', 'application-name']) {
    const name = normalizeForCompare(scan.metas.get(key) ?? '');
    if (name !== '') names.add(name);
  }
  const parts = scan.titleTag.split(TITLE_SEPARATOR_RE).filter((p) => p.trim().length > 0);
  if (parts.length > 1) {
    names.add(normalizeForCompare(parts[0]!));
    names.add(normalizeForCompare(parts[parts.length - 1]!));
  }
  return names;
}

/** "主题：", "标题：" that forum and blog pages print before the headline. */
const TITLE_LABEL_RE = /^(?:主题|标题|题目|文章标题|帖子主题)\s*[:：]\s*/;
/** Tag remnants and "- -" trails that old blog templates leave around the headline. */
const TITLE_TAG_NOISE_RE = /<\/?[a-z][^>]*>/gi;
const PRIVATE_USE_RE = /[\ue000-\uf8ff]/g;
const TITLE_TRAILING_CHAR_RE = /[\s\-–—_|]/;
const SENTENCE_RE = /[。！!]$|，.*，.*，/;
const MIN_TAG_MATCH_SCORE = 30;
const MIN_VISUAL_SCORE = 14;
/** When `<title>` says nothing ("显示", empty), a weaker visual candidate still beats it. */
const MIN_VISUAL_SCORE_NO_TAG = 5;
const MAX_HEADLINE_LINES = 4;
const HAN_END_RE = /[\u4e00-\u9fff，。：；！？、“”《》（）]$/;
const HAN_START_RE = /^[\u4e00-\u9fff，。：；！？、“”《》（）]/;
const CATEGORY_RE = /^[[［][^\]］]{1,12}[\]］]$/;
/** Labels portals prepend inside the headline element ("原创", "独家"), absent from `<title>`. */
const MAX_BADGE_CHARS = 4;
/** Lines after a visual candidate in which a byline or date confirms it as the headline. */
const CONFIRM_LINES = 4;
const DATE_HINT_RE = /(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}/;
/**
 * A date that confirms a headline above it: year, month and day. "2023年5月汽车工业经济运行情况" is
 * the next headline, not a date line, and must not vouch for the "联系我们" box above it.
 */
const CONFIRM_DATE_RE = /(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}/;

/**
 * Tag remnants, private-use characters and the trailing "- -" run out, as one regex
 * (`<\/?[a-z][^>]*>|[\ue000-\uf8ff]|[\s\-–—_|]+$`) did; that one rescanned to the end of the
 * text from every character of a long dash run and from every "<a" after the last ">".
 */
function cleanTitle(text: string): string {
  let end = text.length;
  while (end > 0 && TITLE_TRAILING_CHAR_RE.test(text.charAt(end - 1))) end--;
  const head = text.slice(0, end);
  // A tag remnant ends at a ">": none starts after the last one.
  const lastClose = head.lastIndexOf('>') + 1;
  const stripped = head.slice(0, lastClose).replace(TITLE_TAG_NOISE_RE, '') + head.slice(lastClose);
  return stripped.replace(PRIVATE_USE_RE, '').replace(TITLE_LABEL_RE, '').trim();
}

/** The headline lines of a heading: up to the first meta line (PHPCMS puts the date line inside the h1). */
function headlineText(el: Element): { text: string; kept: string[]; lines: number; holdsMetaLine: boolean } {
  const lines = linesOf(el);
  const kept: string[] = [];
  let holdsMetaLine = false;
  for (const line of lines) {
    if (isBylineLine(line) || (kept.length > 0 && DATE_HINT_RE.test(line) && line.length < 60)) {
      holdsMetaLine = true;
      break;
    }
    kept.push(line);
    if (kept.length >= MAX_HEADLINE_LINES) break;
  }
  let text = cleanTitle(joinLines(kept));
  // Blogs put the category before the headline as its own link: "<a>[湖湘文化]</a><a>陈天华《警世钟》</a>".
  const category = categoryLinkText(el);
  if (category !== null && text.startsWith(category) && text.length > category.length + 1) text = text.slice(category.length).trim();
  return { text, kept, lines: lines.length, holdsMetaLine };
}

/**
 * The first lines of a headline element that make up the `<title>`'s headline, when lines follow
 * that are not part of it: a "播报文章" audio button or a "收藏" badge set inside the `<h1>`.
 */
function leadingLinesMatching(lines: readonly string[], tagHead: string): string | null {
  for (let n = 1; n < lines.length; n++) {
    const head = lines.slice(0, n);
    if (normalizeForCompare(head.join('')) === tagHead) return cleanTitle(joinLines(head));
  }
  return null;
}

/** Lines of one headline: Han text joins without a space ("…禁止在" + "嫩江…"), Latin words keep theirs. */
function joinLines(lines: string[]): string {
  let out = lines[0] ?? '';
  for (const line of lines.slice(1)) out += HAN_END_RE.test(out) && HAN_START_RE.test(line) ? line : ` ${line}`;
  return out;
}

function categoryLinkText(el: Element): string | null {
  let first: Element | null = null;
  let links = 0;
  const stack: Element[] = [el];
  while (stack.length > 0 && links < 3) {
    const node = stack.pop()!;
    if (node.name === 'a') {
      links++;
      first ??= node;
    }
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!;
      if (child.type === 'tag') stack.push(child as Element);
    }
  }
  if (first === null || links < 2) return null;
  // Its own text only: an unclosed first <a> swallows the second in htmlparser2's tree.
  const text = collapseSpaces(
    first.children.map((child) => (isText(child) ? child.data : '')).join(''),
  );
  return CATEGORY_RE.test(text) ? text : null;
}

function tagWeight(el: Element): number {
  switch (el.name) {
    case 'h1':
      return 14;
    case 'h2':
      return 8;
    case 'h3':
      return 4;
    default:
      return 3;
  }
}

function inLink(el: Element): boolean {
  if (el.name === 'a') return true;
  let node = el.parent;
  for (let depth = 0; node !== null && depth < 3; depth++) {
    if ((node as Element).name === 'a') return true;
    node = node.parent;
  }
  // A heading whose only content is a link is a list item title.
  const kids = el.children.filter((c) => c.type === 'tag' || (c.type === 'text' && c.data.trim() !== ''));
  return kids.length === 1 && (kids[0] as Element).name === 'a';
}

/** Font size, bold and centring: how table-layout pages of the 2000s mark their headline. */
function emphasisScore(el: Element): number {
  let score = 0;
  let node: Element | null = el;
  for (let depth = 0; node !== null && depth < 4; depth++) {
    const size = Number.parseInt(node.attribs.size ?? '', 10);
    if (node.name === 'font' && size >= 4) score += 5;
    else if (node.name === 'font' && size === 3) score += 3;
    if ((node.attribs.align ?? '').toLowerCase() === 'center' || node.name === 'center') score += 3;
    if (node.name === 'b' || node.name === 'strong') score += 2;
    if (/font-size\s*:\s*(?:1[6-9]|[2-4]\d)px|font-weight\s*:\s*(?:bold|[6-9]00)/i.test(node.attribs.style ?? '')) score += 3;
    node = node.parent?.type === 'tag' ? (node.parent as Element) : null;
  }
  return Math.min(score, 12);
}

/**
 * Whether a byline or a date follows within CONFIRM_LINES of a line. Hundreds of candidates on a
 * portal page ask about the same few lines, so each line is judged once per page.
 */
function bylineConfirmer(scan: PageScan): (from: number) => boolean {
  /** Per line: 0 not judged yet, 1 a byline or date line, 2 neither. */
  const verdicts = new Uint8Array(scan.lines.length);
  const confirms = (index: number): boolean => {
    if (verdicts[index] === 0) {
      const text = scan.lines[index]!.text;
      const yes = text.length <= 160 && (isBylineLine(text) || (CONFIRM_DATE_RE.test(text) && text.length <= 80));
      verdicts[index] = yes ? 1 : 2;
    }
    return verdicts[index] === 1;
  };
  return (from) => {
    for (let i = from; i < from + CONFIRM_LINES && i < scan.lines.length; i++) if (confirms(i)) return true;
    return false;
  };
}

interface Scored {
  score: number;
  text: string;
  cand: Marked;
  holdsMetaLine: boolean;
  /** A byline or date line follows it. */
  confirmed: boolean;
}

export function findTitle(scan: PageScan): TitleResult {
  const tag = normalizeForCompare(scan.titleTag);
  const tagHead = normalizeForCompare(stripSiteTail(scan.titleTag));
  const tagParts = scan.titleTag.split(TITLE_SEPARATOR_RE).filter((p) => p.trim().length > 0);
  // The site's name is the last part ("headline_栏目_站点"), or the first when the headline is last ("站点 » headline").
  const lastPart = tagParts.length > 1 ? normalizeForCompare(tagParts[tagParts.length - 1]!) : null;
  const siteName = lastPart === tagHead ? normalizeForCompare(tagParts[0] ?? '') : lastPart;
  let bestMatch: Scored | null = null;
  let bestVisual: Scored | null = null;
  const seen = new Set<string>();
  const confirmedByByline = bylineConfirmer(scan);
  const h1Count = scan.headings.filter((h) => h.el.name === 'h1').length;

  const consider = (cand: Marked, visualOnly: boolean): void => {
    // An element spanning many lines is a container, not a headline: skip it before reading its text.
    if (cand.end - cand.line > MAX_HEADLINE_LINES + 2) return;
    // Nor one holding a page of text on a few lines (400 nested unclosed <b> each read the whole
    // page): the scan's lines it spans say so without reading it.
    let spanned = 0;
    for (let i = cand.line; i < cand.end && i < scan.lines.length; i++) spanned += scan.lines[i]!.text.length;
    if (spanned > MAX_HEADLINE_ELEMENT_CHARS) return;
    const headline = headlineText(cand.el);
    const { lines, holdsMetaLine } = headline;
    let text = headline.text;
    if (text.length < 2 || text.length > MAX_TITLE_CHARS) return;
    // "相关文章", "热点推荐": the heading of a list of other articles, however big its type.
    if (isTrailingListHeading(text)) return;
    const norm = normalizeForCompare(text);
    if (norm.length < 2) return;
    const linked = inLink(cand.el);
    let match = 0;
    if (tag.length > 0) {
      if (tag.startsWith(norm)) match = 40 + Math.min(norm.length, 40);
      else if (norm.length >= MIN_TITLE_CHARS && tag.includes(norm)) match = 30 + Math.min(norm.length, 40);
      else if (tagHead.length >= 6 && norm.includes(tagHead) && norm.length <= tagHead.length * 1.5) {
        match = 30 + Math.min(tagHead.length, 40);
        if (norm.endsWith(tagHead) && norm.length - tagHead.length <= MAX_BADGE_CHARS) text = stripSiteTail(scan.titleTag);
        else text = leadingLinesMatching(headline.kept, tagHead) ?? text;
      }
      // A short part of a long <title> is suspect, unless it is the page's one <h1> (a recipe's "红烧排骨"
      // in "【红烧排骨的做法步骤图，怎么做好吃】…"), which is not the site's name.
      const soleH1 = cand.el.name === 'h1' && h1Count === 1 && norm.length >= MIN_TITLE_CHARS && norm !== siteName;
      if (match > 0 && tagHead.length > 0 && norm.length < tagHead.length / 3 && !soleH1) match -= 20;
      // The site's part of "栏目--站点", printed in a logo bar, is not a headline; an h1 holding it is
      // (MediaWiki: "金锺国 - 维基百科，自由的百科全书", where the longer part is the site).
      if (norm === siteName && cand.el.name !== 'h1') match = 0;
    }
    const confirmed = confirmedByByline(cand.line + Math.max(lines, 1));
    const weight = visualOnly ? 1 : tagWeight(cand.el);
    let score = weight + match + (confirmed ? 8 : 0) - (linked ? 25 : 0) - (seen.has(norm) ? 5 : 0);
    seen.add(norm);
    if (match > 0 && (bestMatch === null || score > bestMatch.score)) bestMatch = { score, text, cand, holdsMetaLine, confirmed };
    // Visual candidates: emphasised, short, not a sentence, and followed by the byline.
    if (norm.length < MIN_TITLE_CHARS || norm.length > 60 || SENTENCE_RE.test(text)) return;
    // Blogs link their headline to the post itself; a byline right under it vouches for it.
    score = weight + emphasisScore(cand.el) + (confirmed ? 10 : 0) - (linked ? (confirmed ? 4 : 8) : 0);
    if (bestVisual === null || score > bestVisual.score) bestVisual = { score, text, cand, holdsMetaLine, confirmed };
  };
  for (const cand of scan.headings.slice(0, MAX_CANDIDATES)) consider(cand, false);
  for (const cand of scan.emphasised.slice(0, MAX_CANDIDATES)) consider(cand, true);

  const result = (best: Scored): TitleResult => ({
    title: best.text,
    element: best.cand.el,
    line: best.cand.line,
    holdsMetaLine: best.holdsMetaLine,
  });
  const matched = bestMatch as Scored | null;
  const visual = bestVisual as Scored | null;
  // A one-part <title> that no element with a date line under it matches, while a headline with
  // one exists: the <title> is the site's name (a county media centre's every page).
  const titleIsSiteName = tagParts.length <= 1 && visual?.confirmed === true && (matched === null || !matched.confirmed);
  if (matched !== null && matched.score >= MIN_TAG_MATCH_SCORE && !titleIsSiteName) {
    return result(extendAlongTag(matched, scan, tag));
  }
  // A headline the byline or date line follows outranks og:title and the like, which sites word for
  // sharing ("第135届广交会开幕首日…" over the printed "广交会首日…").
  if (visual?.confirmed && visual.score >= MIN_VISUAL_SCORE) return result(visual);
  for (const key of META_TITLE_KEYS) {
    const value = scan.metas.get(key);
    // Collapsed first, as page text is: TITLE_SEPARATOR_RE's \s* is quadratic on a run of spaces.
    const title = value === undefined ? '' : cleanTitle(stripSiteTail(collapseSpaces(value)));
    if (title.length < MIN_TITLE_CHARS) continue;
    // The page's heading that says the meta title word for word is the headline shown: the body and
    // the byline are found from it (news sites word <title> for search, og:title as printed).
    const shown = headingSaying(scan, normalizeForCompare(title));
    if (shown !== null) return { title: shown.text, element: shown.el, line: shown.line, holdsMetaLine: false };
    return { title, element: null, line: -1, holdsMetaLine: false };
  }
  const fromTag = cleanTitle(stripSiteTail(scan.titleTag));
  const minVisual = fromTag.length < 6 || titleIsSiteName ? MIN_VISUAL_SCORE_NO_TAG : MIN_VISUAL_SCORE;
  if (visual !== null && visual.score >= minVisual) return result(visual);
  return { title: fromTag.length > 0 ? fromTag : null, element: null, line: -1, holdsMetaLine: false };
}

/** The first h1 (else h2) whose whole text is `norm`, not inside a link. */
function headingSaying(scan: PageScan, norm: string): { el: Element; line: number; text: string } | null {
  for (const name of ['h1', 'h2']) {
    for (const cand of scan.headings.slice(0, MAX_CANDIDATES)) {
      if (cand.el.name !== name || cand.end - cand.line > MAX_HEADLINE_LINES || inLink(cand.el)) continue;
      const { text } = headlineText(cand.el);
      if (normalizeForCompare(text) === norm) return { el: cand.el, line: cand.line, text };
    }
  }
  return null;
}

/** A headline broken over several blocks ("吉林省人民政府关于禁止在" / "吉林省嫩江干流…"): join while `<title>` continues. */
function extendAlongTag(best: Scored, scan: PageScan, tag: string): Scored {
  let text = best.text;
  let norm = normalizeForCompare(text);
  if (!tag.startsWith(norm)) return best;
  for (let i = best.cand.line + 1; i < best.cand.line + MAX_HEADLINE_LINES && i < scan.lines.length; i++) {
    const next = scan.lines[i]!.text;
    const joined = norm + normalizeForCompare(next);
    if (next.length === 0 || !tag.startsWith(joined)) break;
    text = joinLines([text, next]);
    norm = joined;
  }
  return { ...best, text };
}
