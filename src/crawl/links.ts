/**
 * Link discovery from the one parsed tree of a page. Each link carries where it was found
 * (navigation, a repeated list item, a pager, the hot-search bar), because that, more than the
 * URL, says what it leads to.
 */
import type { AnyNode } from 'domhandler';
import { DOCUMENT_EXTENSIONS } from '../extract/cues.js';
import { absoluteUrl, type Document, type Element, ownText, parseHtml, textOf, walkElements } from '../extract/dom.js';
import { execAll } from '../regex.js';
import { hrefInCharset, normalizeUrl } from './url.js';

export type LinkRole = 'nav' | 'list-item' | 'pager' | 'next-page' | 'content' | 'feed';

export interface FoundLink {
  url: string;
  text: string;
  role: LinkRole;
  /** Inside a heading (h1–h4): a blog or archive page heads each entry with its link. */
  heading?: true;
}

/** Containers whose links are site chrome: menus, headers, footers, breadcrumbs. */
const NAV_CONTAINER = /(^|[\s_-])(nav|navbar|menu|topbar|top|header|head|foot|footer|crumbs?|breadcrumb|position|place|pos|sitemap|copyright|links?)([\s_-]|$)/i;
/**
 * The header of a piece of content, not of the site: Bootstrap/Joomla! `div.page-header` around an
 * entry's h2 link, WordPress `header.entry-header`, Hexo `header.post-header`. Such a class does
 * not make its links navigation.
 */
const CONTENT_HEADER = /(^|\s)(?:page|entry|post|article|item|node)[-_](?:header|head)(?=\s|$)/gi;
/** Containers of a pager: DESTOON div.pages, DedeCMS ul.pagelist / div.dede_pages, PHPCMS #pages, EmpireCMS .pageLink, Discuz! div.pg. */
const PAGER_CONTAINER = /(^|[\s_-])(pages|epages|pagelist|pagination|pager|page|paging|dede_pages|pagelink|pagebar|pagenav|page-nav|fenye|list_page|showpage|pg|pgs)([\s_-]|$)/i;
/** Containers of hot-search words and tag clouds; their links are searches, never content. */
const SEARCH_CONTAINER = /(^|[\s_-])(search|hot-?search|search_?kw|search_word|destoon_word|keyword|hotword|tags?|keytags)([\s_-]|$)/i;
const NEXT_TEXT = /^[\s«‹<]*(下一页|下页|后一页|next( page)?|›|»|>)[\s»›>]*$/i;
const PAGER_TEXT = /^(\d{1,4}|下一页|上一页|下页|上页|首页|尾页|末页|最后一页|第\d+页|next|prev|previous|»|«|›|‹)$/i;

/** Links that never lead to an article and are not worth a request. */
const NEVER_FOLLOW = [
  /[/?&](search|so)(\.php|\.asp|\.aspx|\.jsp|\.html?)?([/?&#]|$)/i,
  /[?&](kw|keyword|keywords|wd|q|srchtxt|searchword|keyboard)=/i,
  // WordPress searches (/?s=词); ThinkPHP routes through s=/path (index.php?s=/home/article/id/12).
  /[?&]s=(?!\/|%2F)/i,
  // Tag pages: /tag/x/, tags.php?/x/, Z-Blog tags-5.html, tag_waimao.html.
  /[/?&]tags?(?:[-_][^/?#.]*)?(?:\.php|\.html?)?(?:[/?&=]|$)/i,
  /[?&](c|a|m)=(tag|search|comment|member|login|register)\b/i,
  /\/(member|user|passport|login|logon|register|reg|signup|signin|logout)([/._?-]|$)/i,
  /(login|logout|register|reg)\.(php|asp|aspx|jsp|html?)/i,
  /\/e\/(member|search|pl|public|extend|enews|DoPrint)\b/i,
  /[/?&](print|doprint|printpage)([/._?=&-]|$)/i,
  // Guestbooks (留言板) under their common names too: liuyan.asp, gbook.php, /lyb/, MessageBoard.aspx.
  /[/?&](comment|comments|pl|digg|vote|feedback|guestbook|report|liuyan|gbook|lyb|message_?board)([/._?=&-]|$)/i,
  // DedeCMS /plus/: only view.php (dynamic article) and list.php (dynamic list) are pages.
  /\/plus\/(?!(view|list)\.php)/i,
  /\bapi\.php\b/i,
  new RegExp(`\\.(?:jpe?g|png|gif|bmp|webp|svg|ico|css|js|txt|gz|tar|exe|apk|mp3|mp4|avi|flv|swf|wmv|${DOCUMENT_EXTENSIONS})(?:[?#]|$)`, 'i'),
];

/** Link text that is a document's file name ("2024年公开表.pdf"): an attachment, not a page. */
const DOCUMENT_NAME_RE = new RegExp(`\\.(?:${DOCUMENT_EXTENSIONS})\\s*$`, 'i');

export function isNeverFollow(url: string): boolean {
  return NEVER_FOLLOW.some((re) => re.test(url));
}

/** The page's main region: `<main>` or an element with role="main". */
function isMainRegion(el: Element): boolean {
  return el.name === 'main' || (el.attribs.role ?? '').toLowerCase() === 'main';
}

function classAndId(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
}

/** What one element says about the links inside it (bit flags). */
const NAV = 1;
const PAGER = 2;
const SEARCH = 4;
const LIST_ITEM = 8;
/** A "热搜：" label among the element's children: marks its own links only, not deeper ones. */
const SEARCH_LABEL = 16;
const HEADING = 32;
/** How many ancestors of a link are looked at for its context. */
const CONTEXT_DEPTH = 12;

function ownFlags(el: Element): number {
  let flags = 0;
  const name = el.name;
  const contentHeader = (el.attribs.class ?? '').search(CONTENT_HEADER) >= 0;
  if (name === 'nav' || (name === 'header' && !contentHeader) || name === 'footer') flags |= NAV;
  if (name === 'li' || name === 'dd' || name === 'dt' || name === 'tr') flags |= LIST_ITEM;
  else if (name === 'h1' || name === 'h2' || name === 'h3' || name === 'h4') flags |= HEADING;
  // The page's own classes name its type ("multi tag", WordPress "archive tag"), not a region.
  if (name === 'body' || name === 'html') return flags;
  const cls = el.attribs.class;
  const id = el.attribs.id;
  if (cls || id) {
    const marks = contentHeader ? classAndId(el).replace(CONTENT_HEADER, ' ') : classAndId(el);
    if (PAGER_CONTAINER.test(marks)) flags |= PAGER;
    else if (SEARCH_CONTAINER.test(marks)) flags |= SEARCH;
    else if (NAV_CONTAINER.test(marks)) flags |= NAV;
  }
  for (const c of el.children) {
    if (c.type === 'tag' && (c as Element).name === 'strong') {
      if (/热搜|热门搜索|热门标签|热词|标签[：:]/.test(textOf(c))) flags |= SEARCH_LABEL;
      break;
    }
  }
  return flags;
}

/**
 * Root-relative and absolute hrefs resolve the same on every page of an origin; what they resolve
 * to (null: not followable) is cached across pages (bounded), since menus and rankings repeat on
 * every page. One map per origin, looked up once per page, keyed by the href as written: keying
 * one map by origin + href built a new string per link to hash (5% of the page worker's time on
 * the bench portal).
 */
const siteWideCache = new Map<string, Map<string, string | null>>();
let siteWideEntries = 0;
const SITE_WIDE_CACHE_LIMIT = 50_000;

function originCache(origin: string): Map<string, string | null> {
  let hrefs = siteWideCache.get(origin);
  if (!hrefs) {
    hrefs = new Map();
    siteWideCache.set(origin, hrefs);
  }
  return hrefs;
}

/**
 * A copy of `text` that shares no memory with the page: the parser's attribute values are slices
 * of the whole decoded page, and a cache key kept as such a slice would keep that page alive.
 * Slicing a fresh concatenation flattens it into a string of the href's own length.
 */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}

/**
 * The normalised URL a link leads to, or null when it is not worth following. `raw` is the link
 * as written; its query is sent in the page's `charset` (hrefInCharset).
 */
function followable(raw: string, charset: string, base: URL, origin: string, hrefs: Map<string, string | null>): string | null {
  const href = hrefInCharset(raw, charset);
  const siteWide = href.startsWith('http://') || href.startsWith('https://') || (href.startsWith('/') && !href.startsWith('//'));
  if (!siteWide) {
    if (/^\s*(javascript|mailto|tel|data|about):/i.test(href)) return null;
    const url = normalizeUrl(href, base);
    return url && !isNeverFollow(url) ? url : null;
  }
  let url = hrefs.get(href);
  if (url === undefined) {
    url = normalizeUrl(href.startsWith('/') ? `${origin}${href}` : href);
    if (url && isNeverFollow(url)) url = null;
    if (siteWideEntries >= SITE_WIDE_CACHE_LIMIT) {
      siteWideCache.clear();
      hrefs.clear();
      siteWideCache.set(origin, hrefs);
      siteWideEntries = 0;
    }
    hrefs.set(detached(href), url);
    siteWideEntries++;
  }
  return url;
}

/** `<meta http-equiv="refresh" content="0; url=/portal/index.html">`: where the page sends a browser. */
const META_REFRESH_URL = /^\s*\d*(?:\.\d+)?\s*[;,]?\s*url\s*=\s*(['"]?)([^'"]+)\1/i;
/**
 * A script that sends the browser elsewhere at once: `location.href = "/news/"`,
 * `window.location.replace('/portal/')`, `top.location = '...'`. Only read on a shell page (see
 * SHELL_PAGE_LINKS): on a real page such lines are click handlers.
 */
const SCRIPT_REDIRECT =
  /\b(?:(?:window|top|self|parent|document)\.)?location(?:\.href)?\s*=\s*(['"])([^'"\s]+)\1|\blocation\.(?:replace|assign)\(\s*(['"])([^'"\s]+)\3\s*\)/g;
/** A page with fewer followable links than this is a shell (a redirect, a frameset) whose targets lead on. */
const SHELL_PAGE_LINKS = 5;

/**
 * TRS (government portals) writes its pager with a script: createPageHTML(pageCount, current,
 * "index", "shtml") links index.shtml, index_1.shtml … index_{pageCount-1}.shtml; article pages
 * use it too with the article's own name.
 */
const TRS_PAGER_RE = /createPageHTML\(\s*(\d{1,4})\s*,\s*\d{1,4}\s*,\s*["']([\w.-]{1,80})["']\s*,\s*["'](\w{1,8})["']/;
const MAX_SCRIPT_PAGES = 500;

function scriptRecords(script: Element): [string, string][] {
  const code = ownText(script);
  return code.includes('<record') ? recordAnchors(code) : [];
}

/**
 * The further pages of a Hanweb column: `?uid=<unit>&pageNum=<n>` on the column's own address,
 * which jcms serves with that page's records. The unit is the datastore's (its element's id, or
 * the unitid of its data feed); the page count comes from the jpage setup's totalRecord and
 * perPage (or the datastore's own <totalrecord>/<totalpage>).
 */
const JCMS_UNIT_RE = /[?&]unitid=(\d{1,12})/;
const JCMS_TOTAL_RE = /\btotalRecord\s*[:=]\s*['"]?(\d{1,7})|<totalrecord>\s*(\d{1,7})\s*<\/totalrecord>/i;
const JCMS_PER_PAGE_RE = /\bperPage\s*[:=]\s*['"]?(\d{1,4})/;
const JCMS_PAGES_RE = /<totalpage>\s*(\d{1,5})\s*<\/totalpage>/i;

function datastorePages(store: Element, scripts: readonly string[]): string[] {
  const code = ownText(store);
  const parentId = store.parent && store.parent.type === 'tag' ? (store.parent as Element).attribs.id : undefined;
  const unit = /^\d{1,12}$/.test(parentId ?? '') ? parentId! : JCMS_UNIT_RE.exec(code)?.[1];
  if (unit === undefined) return [];
  let pages = Number(JCMS_PAGES_RE.exec(code)?.[1] ?? 0);
  if (pages === 0) {
    for (const script of [code, ...scripts]) {
      const total = JCMS_TOTAL_RE.exec(script);
      const perPage = JCMS_PER_PAGE_RE.exec(script);
      if (total !== null && perPage !== null && Number(perPage[1]) > 0) {
        pages = Math.ceil(Number(total[1] ?? total[2]) / Number(perPage[1]));
        break;
      }
    }
  }
  const out: string[] = [];
  for (let n = 2; n <= Math.min(pages, MAX_SCRIPT_PAGES); n++) out.push(`?uid=${unit}&pageNum=${n}`);
  return out;
}

function scriptPager(script: Element): string[] {
  const code = ownText(script);
  if (!code.includes('createPageHTML')) return [];
  const m = TRS_PAGER_RE.exec(code);
  if (m === null) return [];
  const count = Math.min(Number(m[1]), MAX_SCRIPT_PAGES);
  const pages: string[] = [];
  for (let i = 0; i < count; i++) pages.push(i === 0 ? `${m[2]}.${m[3]}` : `${m[2]}_${i}.${m[3]}`);
  return pages;
}

/**
 * A pager link that calls a page function instead of linking: href="javascript:goPage(3)",
 * onclick="gotoPage('3');return false". One numeric argument only: ASP.NET's
 * __doPostBack('pager','3') posts a form and cannot be followed.
 */
const JS_PAGE_CALL = /^\s*(?:javascript:\s*)?(?:return\s+)?([A-Za-z_$][\w$]{0,40})\(\s*(['"]?)(\d{1,4})\2\s*\)\s*(?:;|$)/;
/** How much of a page function's code is read for the address it builds. */
const PAGE_FUNCTION_SPAN = 800;

/**
 * The address a page function builds from its page number, as a template: the function must be
 * defined in the page's own scripts and join quoted text around its parameter
 * (`location.href = 'list_' + n + '.html'`, `window.location = "?page=" + p`). Null when it builds
 * the address any other way: a guessed address would only cost failed requests.
 */
function pageFunctionTemplate(name: string, scripts: readonly string[]): { prefix: string; suffix: string } | null {
  const escaped = name.replace(/\$/g, '\\$');
  const definition = new RegExp(
    `(?:function\\s+${escaped}\\s*\\(\\s*([A-Za-z_$][\\w$]*)|\\b${escaped}\\s*=\\s*function\\s*\\(\\s*([A-Za-z_$][\\w$]*))`,
  );
  for (const code of scripts) {
    const m = definition.exec(code);
    if (m === null) continue;
    const param = (m[1] ?? m[2])!.replace(/\$/g, '\\$');
    const span = code.slice(m.index + m[0].length, m.index + m[0].length + PAGE_FUNCTION_SPAN);
    const built = new RegExp(
      `(['"])([^'"\\s]{0,200})\\1\\s*\\+\\s*${param}\\b(?:\\s*\\+\\s*(['"])([^'"\\s]{0,60})\\3)?`,
    ).exec(span);
    if (built === null) continue;
    const prefix = built[2]!;
    const suffix = built[4] ?? '';
    // An address, not a message ("第" + n + "页") or an element id ("page" + n).
    if (/[/?.=]/.test(prefix + suffix)) return { prefix, suffix };
  }
  return null;
}

/**
 * A list kept as data for a script to write out: Hanweb (大汉 jcms) government portals put each
 * column's entries in `<script type="text/xml"><datastore><recordset><record><![CDATA[<li><a href=…>`,
 * and the page shows no anchor of its own. Only the records are read: the datastore's
 * `<nextgroup>` is the script's data feed, not a page.
 */
const RECORD_RE = /<record>\s*(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?\s*<\/record>/gi;

/** Anchors of a script's data records: [href, text]. */
function recordAnchors(code: string): [string, string][] {
  const records = execAll(RECORD_RE, code).map((m) => m[1]!);
  if (records.length === 0) return [];
  const out: [string, string][] = [];
  walkElements(parseHtml(records.join('\n')), (el) => {
    if (el.name === 'a' && el.attribs.href) out.push([el.attribs.href, textOf(el).trim() || (el.attribs.title ?? '').trim()]);
    return undefined;
  });
  return out;
}

/** An option of a page jump box: "第2页", "2", "2/6". */
const PAGE_OPTION_TEXT = /^\s*(?:第\s*\d{1,4}\s*页|\d{1,4}(?:\s*\/\s*\d{1,4})?)\s*$/;
/** An option value that is a page address, not a number or a keyword. */
const PAGE_OPTION_VALUE = /[/?.]/;


/** Marks the end of an element's children on the walk's stack. */
const LEAVE = Symbol('leave');

/**
 * Every followable link of a page, normalised, deduplicated (first role wins, except that a
 * pager role beats any other), with javascript:, mailto:, search, tag, login, print and comment
 * links left out.
 *
 * `charset` is the page's: a link's query is sent in it, as a browser does (hrefInCharset).
 *
 * One walk over the tree, keeping the open ancestors on a stack: a link's context is read from
 * its nearest ancestors (their flags computed at most once, and only for ancestors of links).
 */
export function discoverLinks(doc: Document, pageUrl: string, charset = 'utf-8'): FoundLink[] {
  const base = new URL(pageUrl);
  // URL.origin is computed on every read: read it once (again when <base> changes it).
  let origin = base.origin;
  let hrefs = originCache(origin);
  const byUrl = new Map<string, FoundLink>();
  const self = normalizeUrl(pageUrl);
  // Pages repeat links (nav, related, rankings): resolve each distinct href once.
  const resolved = new Map<string, string | null>();
  /** What only counts on a shell page: iframe targets, and inline scripts (read for redirects then). */
  const shellTargets: string[] = [];
  const shellScripts: Element[] = [];
  const ancestors: Element[] = [];
  /** Own flags of `ancestors[i]`, -1 until needed. */
  const ancestorFlags: number[] = [];
  const stack: (AnyNode | typeof LEAVE)[] = [...doc.children].reverse();

  const contextFlags = (): number => {
    let flags = 0;
    /** Past the page's main region (<main>, role="main"), outer wrappers say nothing of its links. */
    let outsideMain = false;
    const last = ancestors.length - 1;
    for (let i = last; i >= 0 && last - i < CONTEXT_DEPTH; i--) {
      // An <article>'s own header and footer (WordPress header.entry-header around the post's
      // title link) are the article's, not the site's navigation.
      if (ancestors[i]!.name === 'article') flags &= ~NAV;
      let own = ancestorFlags[i]!;
      if (own < 0) {
        own = ownFlags(ancestors[i]!);
        ancestorFlags[i] = own;
      }
      // A wrapper around the whole page (Joomla! Protostar div.body#top, Drupal div#page-wrapper)
      // is named like a top bar or a pager, but the main region inside it is neither.
      if (outsideMain) own &= ~(NAV | PAGER);
      flags |= i === last ? own : own & ~SEARCH_LABEL;
      if (isMainRegion(ancestors[i]!)) outsideMain = true;
    }
    return flags;
  };

  /** A page of the pager a script writes (TRS createPageHTML). */
  const addPager = (raw: string): void => {
    const url = followable(raw, charset, base, origin, hrefs);
    if (url && url !== self && !byUrl.has(url)) byUrl.set(url, { url, text: '', role: 'pager' });
  };

  /** An entry of a list kept as script data (see RECORD_RE). */
  const addRecord = (raw: string, text: string): void => {
    const url = followable(raw.trim(), charset, base, origin, hrefs);
    if (url && url !== self && !byUrl.has(url)) byUrl.set(url, { url, text, role: 'list-item' });
  };

  /** A link the page leads a browser to by itself (refresh, frame, redirect): followed as navigation. */
  const addTarget = (raw: string): void => {
    const url = followable(raw.trim(), charset, base, origin, hrefs);
    if (url && url !== self && !byUrl.has(url)) byUrl.set(url, { url, text: '', role: 'nav' });
  };

  /** Script data lists of the page (Hanweb datastores), paged once the page's scripts are known. */
  const datastores: Element[] = [];
  /** Page numbers a page function is called with from the pager (see JS_PAGE_CALL). */
  const pageCalls = new Map<string, Set<number>>();
  /** Whether `call` is a page function's call from the pager (then noted). */
  const notePageCall = (el: Element, call: string): boolean => {
    const m = JS_PAGE_CALL.exec(call);
    if (m === null || m[1] === 'void') return false;
    const flags = contextFlags();
    const text = textOf(el);
    if ((flags & PAGER) === 0 && !PAGER_TEXT.test(text) && !NEXT_TEXT.test(text)) return false;
    const page = Number(m[3]);
    // Page 1 is the page the section starts at, already known; many page functions special-case it.
    if (page < 2) return true;
    let pages = pageCalls.get(m[1]!);
    if (!pages) {
      pages = new Set();
      pageCalls.set(m[1]!, pages);
    }
    pages.add(page);
    return true;
  };

  const visitLink = (el: Element): void => {
    const href = el.attribs.href;
    if (!href || href === '#' || href.startsWith('javascript:')) {
      const onclick = el.attribs.onclick;
      if (!(href && notePageCall(el, href)) && onclick) notePageCall(el, onclick);
    }
    if (!href) return;
    let url = resolved.get(href);
    if (url === undefined) {
      url = followable(href, charset, base, origin, hrefs);
      resolved.set(href, url);
    }
    if (!url || url === self) return;
    const rel = (el.attribs.rel ?? '').toLowerCase();
    if (rel.includes('nofollow') && /login|register/.test(url)) return;
    const flags = contextFlags();
    if ((flags & (SEARCH | SEARCH_LABEL)) !== 0) return;
    const text = textOf(el);
    // An attachment behind a script address (download.jsp?fileId=8812) shows its file name.
    if (DOCUMENT_NAME_RE.test(text)) return;
    let role: LinkRole;
    if (NEXT_TEXT.test(text) || rel.includes('next')) role = 'next-page';
    else if ((flags & PAGER) !== 0 && (text === '' || PAGER_TEXT.test(text))) role = 'pager';
    else if ((flags & NAV) !== 0) role = 'nav';
    else if ((flags & LIST_ITEM) !== 0) role = 'list-item';
    else role = 'content';
    const known = byUrl.get(url);
    const heading = (flags & HEADING) !== 0;
    if (!known) byUrl.set(url, heading ? { url, text, role, heading: true } : { url, text, role });
    else if ((role === 'next-page' || role === 'pager') && known.role !== 'next-page') known.role = role;
    else if (heading && !known.heading && text !== '') {
      // The entry's headline, met after its date or thumbnail link to the same post: its text and place count.
      known.text = text;
      known.heading = true;
      if (known.role !== 'next-page' && known.role !== 'pager') known.role = role;
    }
  };

  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === LEAVE) {
      ancestors.pop();
      ancestorFlags.pop();
      continue;
    }
    // Scripts are elements of their own type in the tree; read for redirects below.
    if (node.type !== 'tag' && node.type !== 'script') continue;
    const el = node as Element;
    const name = el.name;
    if (name === 'a' || name === 'area') {
      visitLink(el);
    } else if (el.attribs.onclick && (name === 'span' || name === 'li' || name === 'button' || name === 'em')) {
      notePageCall(el, el.attribs.onclick);
    } else if (name === 'script') {
      if (!el.attribs.src) {
        shellScripts.push(el);
        for (const target of scriptPager(el)) addPager(target);
        const records = scriptRecords(el);
        for (const [href, text] of records) addRecord(href, text);
        if (records.length > 0) datastores.push(el);
      }
      continue;
    } else if (name === 'style') {
      continue;
    } else if (name === 'meta') {
      if ((el.attribs['http-equiv'] ?? '').toLowerCase() === 'refresh') {
        const target = META_REFRESH_URL.exec(el.attribs.content ?? '');
        if (target) addTarget(target[2]!);
      }
    } else if (name === 'option' && el.attribs.value && PAGE_OPTION_VALUE.test(el.attribs.value) && PAGE_OPTION_TEXT.test(ownText(el))) {
      // A jump box of page numbers (<select onchange="location=this.value"><option value="list.jsp?pageNo=2">第2页).
      addPager(el.attribs.value);
    } else if (name === 'frame' && el.attribs.src) {
      addTarget(el.attribs.src);
    } else if (name === 'iframe' && el.attribs.src) {
      shellTargets.push(el.attribs.src);
    } else if (name === 'base' && el.attribs.href) {
      const b = absoluteUrl(el.attribs.href, base);
      if (b) {
        base.href = b;
        origin = base.origin;
        hrefs = originCache(origin);
      }
    } else if (name === 'link') {
      const rel = (el.attribs.rel ?? '').toLowerCase();
      const type = (el.attribs.type ?? '').toLowerCase();
      if (rel.includes('alternate') && /(rss|atom)\+xml/.test(type)) {
        const href = absoluteUrl(el.attribs.href, base);
        const url = href && normalizeUrl(href);
        if (url && !byUrl.has(url)) byUrl.set(url, { url, text: el.attribs.title ?? '', role: 'feed' });
      }
    }
    const children = el.children;
    if (children.length === 0) continue;
    ancestors.push(el);
    ancestorFlags.push(-1);
    stack.push(LEAVE);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  if (datastores.length > 0) {
    const scripts = shellScripts.map(ownText).filter((code) => code.includes('perPage'));
    // Resolved against the column's own address, without the query of the page we are on.
    const column = `${base.origin}${base.pathname}`;
    for (const store of datastores) for (const query of datastorePages(store, scripts)) addPager(`${column}${query}`);
  }
  if (pageCalls.size > 0) {
    const scripts = shellScripts.map(ownText);
    for (const [fn, pages] of pageCalls) {
      const template = pageFunctionTemplate(fn, scripts);
      if (template === null) continue;
      for (const page of [...pages].sort((a, b) => a - b)) addPager(`${template.prefix}${page}${template.suffix}`);
    }
  }
  // A portal's root is sometimes only a redirect or a frame around the real home page.
  if (byUrl.size < SHELL_PAGE_LINKS) {
    for (const script of shellScripts) {
      const code = ownText(script);
      for (const m of execAll(SCRIPT_REDIRECT, code)) shellTargets.push(m[2] ?? m[4] ?? '');
    }
    for (const target of shellTargets) addTarget(target);
  }
  return [...byUrl.values()];
}
