/**
 * URL normalisation: one spelling per page, so the frontier never holds the same page twice.
 * WHATWG URL already lower-cases scheme and host, drops default ports and resolves dot segments;
 * on top of that we drop fragments and tracking parameters and normalise percent-encoding.
 * Parameter order is kept: some portals' scripts read positional query strings.
 */

import iconv from 'iconv-lite';

/** Charsets whose pages' URLs are UTF-8 all through (WHATWG: "utf-8" for UTF-16 documents too). */
const UTF8_URL_CHARSETS: ReadonlySet<string> = new Set(['utf-8', 'utf-16le', 'utf-16be']);
const NON_ASCII_RUN_RE = /[^\x00-\x7f]+/g;
const NON_ASCII_RE = /[^\x00-\x7f]/;

/**
 * A link as a browser sends it from a page in `charset`: the query's non-ASCII text is
 * percent-encoded in the page's own charset (WHATWG URL: the query encoding is the document's),
 * the path in UTF-8 as always. An old GBK portal's `list.asp?ClassName=行业新闻` asks for
 * ClassName=%D0%D0%D2%B5%D0%C2%CE%C5; its UTF-8 spelling names no column the server knows.
 */
export function hrefInCharset(href: string, charset: string): string {
  if (UTF8_URL_CHARSETS.has(charset) || !NON_ASCII_RE.test(href) || !iconv.encodingExists(charset)) return href;
  const query = href.indexOf('?');
  if (query === -1) return href;
  const hash = href.indexOf('#', query);
  const end = hash === -1 ? href.length : hash;
  const encoded = href.slice(query, end).replace(NON_ASCII_RUN_RE, (run) => {
    let out = '';
    for (const byte of iconv.encode(run, charset)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    return out;
  });
  return href.slice(0, query) + encoded + href.slice(end);
}

/** Query parameters that only track the visitor (analytics, share links); they never select content. */
const TRACKING_PARAMS = [
  /^utm_/i,
  /^spm$/i,
  /^scm$/i,
  /^gclid$/i,
  /^fbclid$/i,
  /^msclkid$/i,
  /^yclid$/i,
  /^mc_[ce]id$/i,
  /^_hs(enc|mi)$/i,
  /^from(_?source)?$/i,
  /^share_?(token|from|source)$/i,
  /^wfr$/i,
  /^isappinstalled$/i,
  // WeChat share links (…&scene=1&srcid=0520…&sharer_sharetime=…): which chat the link came through.
  /^(?:sub)?scene$/i,
  /^srcid$/i,
  /^sharer_\w+$/i,
  /^clicktime$/i,
  /^enterid$/i,
];

/**
 * Session ids a server writes into every link for visitors without cookies: a new one per
 * response, so one page gets endless URLs. Names that only ever hold a session.
 */
const SESSION_PARAMS = [/^phpsessid$/i, /^jsessionid$/i, /^aspsessionid\w*$/i, /^(?:php)?sessid$/i, /^session_?id$/i, /^cfid$/i, /^cftoken$/i];
/**
 * `sid` is a session id on some portals (sid=3f2a…e9, 26–40 random characters) and a section
 * id on others (list.php?sid=3): only a long token with letters and digits is a session.
 */
const SESSION_SID = /^s(?:ess)?id$/i;
const SESSION_TOKEN = /^(?=[^&]*[a-z])(?=[^&]*\d)[a-z0-9,-]{16,}$/i;
/**
 * Cache-busters: a timestamp of now (10 or 13 digits, seconds or ms since 1970) or Math.random()
 * under a name that only ever carries one (jQuery's `_=`, `_t=`, `t=`, `ts=`, `rnd=`).
 */
const CACHE_BUSTER_NAME = /^(?:_|_t|t|ts|_ts|timestamp|time|rnd|rand|random|nocache|_dc)$/i;
const CACHE_BUSTER_VALUE = /^(?:1\d{9}|1\d{12}|0\.\d{6,})$/;

/** Characters RFC 3986 calls unreserved: percent-encoding them changes nothing, so decode them. */
const UNRESERVED = /[A-Za-z0-9\-._~]/;

function normalisePercent(part: string): string {
  return part.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => {
    const ch = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
}

function decodedOrRaw(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // a malformed escape: compare it as written
    return part;
  }
}

/** Whether a query pair only tracks the visitor, carries a session id or busts a cache. */
function isTracking(pair: string): boolean {
  const eq = pair.indexOf('=');
  const name = decodedOrRaw(eq < 0 ? pair : pair.slice(0, eq));
  if (TRACKING_PARAMS.some((re) => re.test(name)) || SESSION_PARAMS.some((re) => re.test(name))) return true;
  if (eq < 0) return false;
  const value = decodedOrRaw(pair.slice(eq + 1));
  if (SESSION_SID.test(name) && SESSION_TOKEN.test(value)) return true;
  return CACHE_BUSTER_NAME.test(name) && CACHE_BUSTER_VALUE.test(value);
}

/**
 * The normalised form of `input` (resolved against `base` when relative), or null when it is not
 * an http(s) URL or does not parse.
 */
const SESSION_ID_RE = /;(?:jsessionid|phpsessid|sessionid|sid)=[^/?#]*/i;

export function normalizeUrl(input: string, base?: string | URL): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/\.+$/, '');
  // A Java server's session id in the path (detail.jsp;jsessionid=…?id=84) changes on every visit.
  url.pathname = normalisePercent(url.pathname.replace(SESSION_ID_RE, ''));

  let query = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  if (query !== '') {
    // Split by hand instead of URLSearchParams: it would re-encode values (GBK-escaped keywords,
    // "+" versus "%20") and change the URL the server sees.
    const kept = query
      .split('&')
      .filter((pair) => pair !== '' && !isTracking(pair))
      .map(normalisePercent);
    query = kept.join('&');
  }
  url.search = query === '' ? '' : `?${query}`;
  return url.href;
}

/** A URL object, or null for a string that is none. */
export function urlOrNull(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The unit of politeness: the host name (two ports of one host are one server to spare). */
export function hostKey(url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  return u.hostname.toLowerCase();
}

export function originOf(url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  return u.origin;
}

/**
 * Paths an IIS server answers in any letter case (ASP and ASP.NET on a case-insensitive file
 * system), whose ASP query parameter names are read in any case too: `ShowNews.asp?id=5`,
 * `/shownews.asp?ID=5` and `SHOWNEWS.ASP?Id=5` are one page.
 */
const CASE_INSENSITIVE_PATH = /\.(?:asp|aspx|asa|ashx)$/i;
/** A pager's first page spelled out (`&page=1`): the list itself. Not `p=1`, WordPress's post 1. */
const FIRST_PAGE_PAIR = /^(?:page|pageno|page_no|pagenum|pageindex|curpage|currentpage)=1$/i;

/**
 * One key for the spellings of one page: the path and parameter names case-folded on an IIS
 * path, a spelled-out first page dropped. Null for a URL that has no such other spelling.
 */
export function spellingKey(url: string): string | null {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  const iis = CASE_INSENSITIVE_PATH.test(path);
  if (!iis && (query < 0 || !/=1(?:&|$)/.test(url))) return null;
  const u = urlOrNull(url);
  if (u === null) return null;
  let pairs = u.search === '' ? [] : u.search.slice(1).split('&');
  pairs = pairs.filter((pair) => !FIRST_PAGE_PAIR.test(pair));
  if (iis) {
    pairs = pairs.map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? pair.toLowerCase() : pair.slice(0, eq).toLowerCase() + pair.slice(eq);
    });
  }
  return `${u.origin}${iis ? u.pathname.toLowerCase() : u.pathname}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
}
