/**
 * robots.txt after RFC 9309 (the Robots Exclusion Protocol).
 *
 * parseRobots() is pure: groups of user-agent lines with their allow/disallow rules, the
 * non-standard but common Crawl-delay, and Sitemap lines. RobotsCache fetches /robots.txt once
 * per origin and applies the RFC's status rules:
 *   2xx                      -> parse (content past ROBOTS_MAX_BYTES ignored, §2.5)
 *   4xx, too many redirects  -> "unavailable": everything allowed (§2.3.1.3)
 *   5xx, 429, network error  -> "unreachable": everything disallowed for this run (§2.3.1.4)
 */
import { FetchError } from '../errors.js';
import type { FetchResult } from './http.js';
import { fetchWithRetry, type RetryOptions } from './retry.js';

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB. */
export const ROBOTS_MAX_BYTES = 500 * 1024;
/** Our product token: what a site names in `User-agent:` to address newsharvest. */
export const ROBOTS_PRODUCT_TOKEN = 'newsharvest';

interface Rule {
  allow: boolean;
  /** Normalised pattern (percent-encoding canonical, see normalisePath). */
  pattern: string;
}

interface Group {
  /** Lower-case product tokens of the group's user-agent lines ("*" for any). */
  agents: string[];
  rules: Rule[];
  crawlDelayMs: number | null;
}

/** Keys as sites write them, including the misspellings Google's parser accepts. */
const KEYS: ReadonlyMap<string, 'user-agent' | 'allow' | 'disallow' | 'crawl-delay' | 'sitemap'> = new Map([
  ['user-agent', 'user-agent'],
  ['useragent', 'user-agent'],
  ['user agent', 'user-agent'],
  ['allow', 'allow'],
  ['disallow', 'disallow'],
  ['dissallow', 'disallow'],
  ['dissalow', 'disallow'],
  ['disalow', 'disallow'],
  ['diasllow', 'disallow'],
  ['disallaw', 'disallow'],
  ['crawl-delay', 'crawl-delay'],
  ['crawldelay', 'crawl-delay'],
  ['sitemap', 'sitemap'],
  ['site-map', 'sitemap'],
]);

const UNRESERVED = /[A-Za-z0-9\-._~]/;
/** ASCII that WHATWG URL parsing percent-encodes in a path, so a raw pattern meets URL.pathname. */
const URL_ENCODED_ASCII = new Set(['"', '<', '>', '`', '{', '}']);

/**
 * RFC 9309 §2.2.2: compare paths with non-ASCII characters percent-encoded as UTF-8, and
 * percent-encoded unreserved characters decoded (`%62` is `b`); other escapes kept, with
 * upper-case hex so `%2f` and `%2F` compare equal.
 */
export function normalisePath(path: string): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(path.slice(i + 1, i + 3))) {
      const hex = path.slice(i + 1, i + 3).toUpperCase();
      const decoded = String.fromCharCode(Number.parseInt(hex, 16));
      out += UNRESERVED.test(decoded) ? decoded : `%${hex}`;
      i += 2;
    } else if (c.charCodeAt(0) > 0x7e || c.charCodeAt(0) < 0x21 || URL_ENCODED_ASCII.has(c)) {
      const code = path.codePointAt(i)!;
      const char = String.fromCodePoint(code);
      for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      i += char.length - 1;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Whether `path` matches `pattern` (`*` any run of characters, a final `$` the end). Tracks
 * every position the pattern could have reached, O(path × pattern): patterns with many `*`
 * cannot backtrack exponentially as a RegExp would.
 */
export function patternMatches(pattern: string, path: string): boolean {
  let positions = [0];
  for (let j = 0; j < pattern.length; j++) {
    const c = pattern[j];
    if (c === '$' && j === pattern.length - 1) return positions.includes(path.length);
    if (c === '*') {
      const from = positions[0]!;
      positions = [];
      for (let p = from; p <= path.length; p++) positions.push(p);
      continue;
    }
    const next: number[] = [];
    for (const p of positions) if (p < path.length && path[p] === c) next.push(p + 1);
    if (next.length === 0) return false;
    positions = next;
  }
  return true;
}

/**
 * The product token of a user-agent string or User-agent line value: "Googlebot/2.1" ->
 * "googlebot", "newsharvest/0.1.0 (+https://...)" -> "newsharvest".
 */
export function productToken(value: string): string {
  if (value.trim().startsWith('*')) return '*';
  return (/^[A-Za-z_-]+/.exec(value.trim())?.[0] ?? '').toLowerCase();
}

export class Robots {
  readonly #groups: Group[];
  /** Absolute sitemap URLs, in file order. */
  readonly sitemaps: readonly string[];

  constructor(groups: Group[], sitemaps: string[]) {
    this.#groups = groups;
    this.sitemaps = sitemaps;
  }

  /** A robots.txt that allows everything (unavailable, §2.3.1.3). */
  static allowAll(): Robots {
    return new Robots([], []);
  }

  /** A robots.txt that disallows everything (unreachable, §2.3.1.4). */
  static disallowAll(): Robots {
    return new Robots([{ agents: ['*'], rules: [{ allow: false, pattern: '/' }], crawlDelayMs: null }], []);
  }

  /**
   * The groups that apply to `productToken`: every group naming it (merged, §2.2.1), else every
   * `*` group, else none.
   */
  #groupsFor(product: string): Group[] {
    const token = product.toLowerCase();
    const named = this.#groups.filter((g) => g.agents.includes(token));
    return named.length > 0 ? named : this.#groups.filter((g) => g.agents.includes('*'));
  }

  /**
   * Whether `pathAndQuery` (or an absolute URL) may be fetched. The longest matching pattern
   * wins; on a tie, allow wins (§2.2.2). /robots.txt itself is always allowed.
   */
  isAllowed(pathOrUrl: string, product: string = ROBOTS_PRODUCT_TOKEN): boolean {
    let path = pathOrUrl;
    if (!pathOrUrl.startsWith('/')) {
      const url = new URL(pathOrUrl);
      path = url.pathname + url.search;
    }
    if (path === '/robots.txt') return true;
    const target = normalisePath(path);
    let best: Rule | null = null;
    for (const group of this.#groupsFor(product)) {
      for (const rule of group.rules) {
        if (best !== null && rule.pattern.length < best.pattern.length) continue;
        if (!patternMatches(rule.pattern, target)) continue;
        if (best === null || rule.pattern.length > best.pattern.length || (rule.allow && !best.allow)) best = rule;
      }
    }
    return best === null || best.allow;
  }

  /** Crawl-delay of the groups that apply, in ms; null when none says. */
  crawlDelayMs(product: string = ROBOTS_PRODUCT_TOKEN): number | null {
    for (const group of this.#groupsFor(product)) if (group.crawlDelayMs !== null) return group.crawlDelayMs;
    return null;
  }
}

/** Parses robots.txt text. `baseUrl` (the robots.txt URL) resolves relative Sitemap lines. */
export function parseRobots(text: string, baseUrl?: string): Robots {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | null = null;
  let inAgentLines = false;

  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = KEYS.get(line.slice(0, colon).trim().toLowerCase());
    const value = line.slice(colon + 1).trim();
    if (key === undefined) continue;

    switch (key) {
      case 'user-agent': {
        // Consecutive user-agent lines share one group; one after a rule starts a new group.
        if (current === null || !inAgentLines) {
          current = { agents: [], rules: [], crawlDelayMs: null };
          groups.push(current);
        }
        inAgentLines = true;
        const token = productToken(value);
        if (token !== '') current.agents.push(token);
        break;
      }
      case 'allow':
      case 'disallow':
        inAgentLines = false;
        // An empty Disallow allows everything, which is what no rule does too.
        if (current !== null && value !== '') current.rules.push({ allow: key === 'allow', pattern: normalisePath(value) });
        break;
      case 'crawl-delay': {
        inAgentLines = false;
        const seconds = Number(value);
        if (current !== null && Number.isFinite(seconds) && seconds >= 0 && current.crawlDelayMs === null) {
          current.crawlDelayMs = Math.round(seconds * 1000);
        }
        break;
      }
      case 'sitemap':
        // Sitemap lines belong to no group and do not end one.
        try {
          sitemaps.push(new URL(value, baseUrl).href);
        } catch {
          // not a URL: ignored, as the RFC ignores any unparsable line
        }
        break;
    }
  }
  return new Robots(groups, sitemaps);
}

/** How an origin's robots.txt was obtained, so a crawl can report why it skipped a site. */
export interface RobotsEntry {
  robots: Robots;
  status: 'parsed' | 'allow-all' | 'disallow-all';
  /** Why: "http-404", "http-503", "timeout", ... (null when parsed). */
  reason: string | null;
  /** HTTP status of the final response, when there was one. */
  httpStatus: number | null;
}

export type RobotsFetch = (url: string, options: RetryOptions) => Promise<FetchResult>;

export interface RobotsCacheOptions {
  /** Product token matched against User-agent lines. @default the token of fetchOptions.userAgent, else "newsharvest" */
  productToken?: string;
  /** The fetch to use; receives the options below plus the robots limits. @default fetchWithRetry */
  fetch?: RobotsFetch;
  /** Passed to every robots.txt fetch (dispatcher, userAgent, timeouts, retries). */
  fetchOptions?: RetryOptions;
}

/** Retries for robots.txt: a 5xx blocks a whole site for the run, so it is worth a second look. */
const ROBOTS_RETRIES = 2;

function originOf(url: string): string {
  const origin = new URL(url).origin;
  if (origin === 'null') throw new FetchError(`No origin for ${url}`, { reason: 'bad-url', retryable: false });
  return origin;
}

/** Status and reasons meaning "unavailable" (allow all) rather than "unreachable". */
const UNAVAILABLE_REASONS = new Set(['too-many-redirects', 'redirect-loop', 'bad-scheme', 'bad-redirect', 'too-large']);

export class RobotsCache {
  readonly #product: string;
  readonly #fetch: RobotsFetch;
  readonly #fetchOptions: RetryOptions;
  readonly #entries = new Map<string, Promise<RobotsEntry>>();

  constructor(options: RobotsCacheOptions = {}) {
    const fromAgent = options.fetchOptions?.userAgent ? productToken(options.fetchOptions.userAgent) : '';
    this.#product = options.productToken ?? (fromAgent !== '' && fromAgent !== '*' ? fromAgent : ROBOTS_PRODUCT_TOKEN);
    this.#fetch = options.fetch ?? fetchWithRetry;
    this.#fetchOptions = options.fetchOptions ?? {};
  }

  /** The robots.txt of `url`'s origin, fetched once; concurrent callers share the fetch. */
  entry(url: string): Promise<RobotsEntry> {
    const origin = originOf(url);
    let entry = this.#entries.get(origin);
    if (entry === undefined) {
      entry = this.#load(origin);
      this.#entries.set(origin, entry);
    }
    return entry;
  }

  async isAllowed(url: string): Promise<boolean> {
    return (await this.entry(url)).robots.isAllowed(url, this.#product);
  }

  /** Crawl-delay for newsharvest at `origin` (any URL of it), in ms; null when none. */
  async crawlDelayMs(origin: string): Promise<number | null> {
    return (await this.entry(origin)).robots.crawlDelayMs(this.#product);
  }

  /** Sitemap URLs the origin's robots.txt lists (a copy the caller may keep). */
  async sitemaps(origin: string): Promise<string[]> {
    return [...(await this.entry(origin)).robots.sitemaps];
  }

  async #load(origin: string): Promise<RobotsEntry> {
    const robotsUrl = `${origin}/robots.txt`;
    let result: FetchResult;
    try {
      result = await this.#fetch(robotsUrl, {
        retries: ROBOTS_RETRIES,
        ...this.#fetchOptions,
        maxRedirects: 5,
        maxBytes: ROBOTS_MAX_BYTES,
        truncateAtMaxBytes: true,
        conditional: null,
      });
    } catch (err) {
      if (!(err instanceof FetchError)) throw err;
      const unavailable = (err.status !== null && err.status >= 400 && err.status < 500 && err.status !== 429) || UNAVAILABLE_REASONS.has(err.reason);
      return {
        robots: unavailable ? Robots.allowAll() : Robots.disallowAll(),
        status: unavailable ? 'allow-all' : 'disallow-all',
        reason: err.reason,
        httpStatus: err.status,
      };
    }
    // A body cut at the limit may end mid-line; that last partial line is dropped.
    let text = result.body.toString('utf8');
    if (result.truncated) text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
    return { robots: parseRobots(text, result.finalUrl), status: 'parsed', reason: null, httpStatus: result.status };
  }
}
