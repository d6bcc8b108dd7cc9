/**
 * URL normalisation: one spelling per page, so the frontier never holds the same page twice.
 * WHATWG URL already lower-cases scheme and host, drops default ports and resolves dot segments;
 * on top of that we drop fragments and tracking parameters and normalise percent-encoding.
 * Parameter order is kept: some portals' scripts read positional query strings.
 */

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
];

/** Characters RFC 3986 calls unreserved: percent-encoding them changes nothing, so decode them. */
const UNRESERVED = /[A-Za-z0-9\-._~]/;

function normalisePercent(part: string): string {
  return part.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => {
    const ch = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
}

function isTracking(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // a malformed escape in a parameter name: compare it as written
  }
  return TRACKING_PARAMS.some((re) => re.test(decoded));
}

/**
 * The normalised form of `input` (resolved against `base` when relative), or null when it is not
 * an http(s) URL or does not parse.
 */
const SESSION_ID_RE = /;jsessionid=[^/?#]*/i;

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
      .filter((pair) => pair !== '' && !isTracking(pair.split('=')[0] ?? ''))
      .map(normalisePercent);
    query = kept.join('&');
  }
  url.search = query === '' ? '' : `?${query}`;
  return url.href;
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
