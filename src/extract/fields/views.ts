/**
 * View counters. A number printed after 浏览/点击/阅读 (or inside `span#hits`) is the count; when a
 * CMS script writes it instead, the script's absolute URL goes to `viewsUrl` so the crawler can
 * fetch it (DedeCMS count.php, PHPCMS api.php?op=count, EmpireCMS e/public/ViewClick, PowerEasy GetHits.asp,
 * home-grown ASP/JSP portals' hits.asp and count.asp?id=N).
 */
import { absoluteUrl, type Element, ownText, textWithin } from '../dom.js';
import { cleanViews, VIEWS_TIMES_RE } from './byline.js';
import type { LineParser } from './layout.js';
import type { PageScan } from './scan.js';

/** Script URLs that write a view count. The generic entries match counter scripts inside a meta line. */
export const COUNTER_SCRIPT_RE =
  /\/plus\/count\.php\?(?:[^"']*&)?view=yes|[/?]api\.php\?op=count|\/e\/public\/viewclick\/|\/count\.(?:php|asp|aspx|jsp)\?(?:[^"']*&)?(?:aid|id)=|articleclick|\/hits?\.(?:php|asp|aspx|jsp)|[?&]op=hits|getclick|showclick|gethits|\/click\.(?:php|asp|aspx|jsp)|viewcount|dynclicks|\/visitcount\/articlehits\.jsp|[?&]a=arcclick/i;

/**
 * EmpireCMS's ViewClick writes the view count only for `down=0` (or no `down`, `addclick=1` also counts
 * the visit); `down=1` is downloads, 2 comments, 3–4 ratings, 5/6 the 顶/踩 (digg) counts the stock
 * template shows in `td#diggnum` (e/public/ViewClick/index.php of EmpireCMS 8.0).
 */
const OTHER_COUNTER_RE = /\/e\/public\/viewclick\/[^"']*[?&]down=[1-9]/i;

/**
 * A script library, not a counter: a static `.js` file without a query (博达 VSB's
 * /system/resource/js/dynclicks.js defines the function an inline call then runs).
 */
const STATIC_LIBRARY_RE = /\.js(?:#.*)?$/i;

/** Longest script URL read as a counter's: `[^"']*&` in COUNTER_SCRIPT_RE scans to the end of the URL at each "count.php?". */
const MAX_COUNTER_SRC_CHARS = 2048;
/** Visible characters of an element read as a view counter ("12", "阅读 1,234 次"). */
const MAX_COUNTER_TEXT_CHARS = 64;

/** The first counter script among `srcs`, resolved against the page URL. */
export function counterScriptUrl(srcs: readonly string[], base: URL): string | null {
  for (const src of srcs) {
    if (src.length <= MAX_COUNTER_SRC_CHARS && COUNTER_SCRIPT_RE.test(src) && !OTHER_COUNTER_RE.test(src) && !STATIC_LIBRARY_RE.test(src)) {
      const url = absoluteUrl(src, base);
      if (url !== null) return url;
    }
  }
  return null;
}

const LIST_ANCESTOR_DEPTH = 5;

/** A far line that is nothing but a counter ("阅读数(15878）") still counts. */
const MAX_VIEWS_LINE_CHARS = 20;

const LIST_CLASS_RE = /(?:^|[-_\s])(?:li|list|rank|hot|related|recommend|side|sidebar)(?:$|[-_\s\d])/i;

export function findViews(
  scan: PageScan,
  order: number[],
  parse: LineParser,
  near: (index: number) => boolean,
  base: URL,
  consumedLines: Set<number>,
): { views: number | null; viewsUrl: string | null } {
  let views: number | null = null;
  let viewsUrl: string | null = null;
  for (const index of order) {
    const p = parse(index);
    if (p === null || p.line.comment) continue;
    const field = p.fields.find((f) => f.kind === 'views');
    if (field === undefined) continue;
    const farOk = p.byline || p.line.text.length <= MAX_VIEWS_LINE_CHARS || VIEWS_TIMES_RE.test(p.line.text);
    if (!near(index) && (!farOk || inList(p.line.el))) continue;
    consumedLines.add(index);
    views = cleanViews(field.raw);
    viewsUrl = counterScriptUrl(p.line.scripts, base);
    // The number may sit in the next line (`浏览：<br><span id="hits">12</span>`) or come after a script.
    if (views === null && field.raw.trim() === '') {
      const next = scan.lines[index + 1];
      if (next !== undefined && !next.comment) {
        views = cleanViews(next.text);
        if (viewsUrl === null) viewsUrl = counterScriptUrl(next.scripts, base);
      }
    }
    break;
  }
  if (views === null) {
    for (const { el } of scan.counters) {
      // A counter shows a number; nested counter-named blocks each holding the page's text cost text × depth.
      const text = textWithin(el, MAX_COUNTER_TEXT_CHARS);
      const n = text === null ? null : cleanViews(text);
      if (n !== null) {
        views = n;
        break;
      }
    }
  }
  if (views === null) {
    // An eye icon and a number on the headline's meta line; elsewhere they count other articles.
    const eye = scan.eyeCounts.find(({ line }) => near(line));
    if (eye !== undefined) views = cleanViews(eye.count);
  }
  if (viewsUrl === null) viewsUrl = counterScriptUrl(scan.scripts.map((s) => s.src), base);
  if (viewsUrl === null && views === null) viewsUrl = inlineCounterUrl(scan, base);
  return { views, viewsUrl };
}

/**
 * Counters asked by an inline call rather than a script of their own, and the address each
 * call's library asks for the number:
 * - 博达 VSB (university and government sites): `_showDynClicks("wbnews", 1412614994, 1081)` →
 *   /system/resource/code/news/click/dynclicks.jsp?clickid=1081&owner=1412614994&clicktype=wbnews;
 * - JEECMS: `Cms.viewCount("", "8123")` (the site's base path, the content id) →
 *   /content_view.jspx?contentId=8123, which answers `[views, comments, downs, ups]`.
 */
const INLINE_COUNTERS: readonly { marker: string; re: RegExp; url: (m: RegExpExecArray) => string }[] = [
  {
    marker: '_showDynClicks',
    re: /_showDynClicks\(\s*["'](\w{1,40})["']\s*,\s*(\d{1,15})\s*,\s*(\d{1,15})\s*\)/,
    url: (m) => `/system/resource/code/news/click/dynclicks.jsp?clickid=${m[3]}&owner=${m[2]}&clicktype=${m[1]}`,
  },
  {
    marker: 'Cms.viewCount',
    re: /Cms\.viewCount\(\s*["']([\w/.-]{0,60})["']\s*,\s*["']?(\d{1,15})["']?/,
    url: (m) => `${m[1]!.replace(/\/$/, '')}/content_view.jspx?contentId=${m[2]}`,
  },
];

function inlineCounterUrl(scan: PageScan, base: URL): string | null {
  for (const el of scan.inlineScripts) {
    const code = ownText(el);
    if (code.length > MAX_COUNTER_CALL_SCRIPT_CHARS) continue;
    for (const counter of INLINE_COUNTERS) {
      if (!code.includes(counter.marker)) continue;
      const m = counter.re.exec(code);
      if (m !== null) return absoluteUrl(counter.url(m), base);
    }
  }
  return null;
}

/** The inline call sits in a short script of the page's own; a long one is a library or an application. */
const MAX_COUNTER_CALL_SCRIPT_CHARS = 2000;

/** Inside a list item or a ranking box: a related article's counter, not this one's. */
export function inList(el: Element | null): boolean {
  let node: Element | null = el;
  for (let depth = 0; node !== null && depth < LIST_ANCESTOR_DEPTH; depth++) {
    if (node.name === 'li' || node.name === 'dd' || LIST_CLASS_RE.test(`${node.attribs.class ?? ''} ${node.attribs.id ?? ''}`)) return true;
    node = node.parent?.type === 'tag' ? (node.parent as Element) : null;
  }
  return false;
}
