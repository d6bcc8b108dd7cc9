/**
 * Which URLs a crawl may visit: the seeds' registrable domains (public-suffix aware, so two
 * sites under gov.cn are not one domain), narrowed by --include / --exclude, bounded by depth.
 */
import { getDomain } from 'tldts';
import { UsageError } from '../errors.js';

export interface ScopeOptions {
  include?: string[];
  exclude?: string[];
  /** Links deeper than this from a seed are not followed (pagination does not count as depth). */
  maxDepth?: number | null;
}

/** Compiles a user's regular expression, or throws a UsageError naming the option. */
export function compilePattern(option: string, source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
    throw new UsageError(`${option} "${source}" is not a valid regular expression: ${reason}`);
  }
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The scope key of a URL: its registrable domain; for an IP address, localhost or a bare
 * intranet name (no public suffix) the host together with its port, since there the port is
 * what tells two sites apart.
 */
export function siteKey(url: URL): string {
  const host = url.hostname.toLowerCase();
  if (IPV4.test(host) || host.startsWith('[') || host === 'localhost' || host.endsWith('.localhost')) {
    return url.host.toLowerCase();
  }
  const domain = getDomain(host, { allowPrivateDomains: false });
  return domain ?? url.host.toLowerCase();
}

/** Hosts whose scope key was computed; a crawl meets few hosts and asks about each one thousands of times. */
const HOST_CACHE_LIMIT = 10_000;

export class Scope {
  private readonly keys: Set<string>;
  /** url.host → whether that host is one of the seeds' sites (the public-suffix lookup is the costly step). */
  private readonly hostInScope = new Map<string, boolean>();
  private readonly include: RegExp[];
  private readonly exclude: RegExp[];
  readonly maxDepth: number | null;

  constructor(seeds: string[], options: ScopeOptions = {}) {
    this.keys = new Set(seeds.map((seed) => siteKey(new URL(seed))));
    this.include = (options.include ?? []).map((src) => compilePattern('--include', src));
    this.exclude = (options.exclude ?? []).map((src) => compilePattern('--exclude', src));
    this.maxDepth = options.maxDepth ?? null;
  }

  /** Same site as a seed, http(s), and through the include/exclude filters. */
  allows(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
    let sameSite = this.hostInScope.get(parsed.host);
    if (sameSite === undefined) {
      sameSite = this.keys.has(siteKey(parsed));
      if (this.hostInScope.size >= HOST_CACHE_LIMIT) this.hostInScope.clear();
      this.hostInScope.set(parsed.host, sameSite);
    }
    if (!sameSite) return false;
    if (this.exclude.some((re) => re.test(url))) return false;
    if (this.include.length > 0 && !this.include.some((re) => re.test(url))) return false;
    return true;
  }

  withinDepth(depth: number): boolean {
    return this.maxDepth === null || depth <= this.maxDepth;
  }
}
