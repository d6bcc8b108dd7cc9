/**
 * INTERIM robots.txt reader used by the crawl until src/fetch's RobotsCache lands; same method
 * names (isAllowed, crawlDelayMs, sitemaps) so the swap is one import. Rules: groups for our
 * product token or `*`, longest match wins, Allow wins ties; 4xx = allow all, 5xx or network
 * failure = disallow all (RFC 9309).
 */
import { fetchUrl } from '../fetch/http.js';
import type { CrawlRobots } from './crawl.js';

interface Rules {
  rules: { allow: boolean; path: string }[];
  crawlDelayMs: number | null;
  sitemaps: string[];
  disallowAll: boolean;
}

function parse(text: string, token: string): Rules {
  const groups: { agents: string[]; rules: Rules['rules']; delay: number | null }[] = [];
  const sitemaps: string[] = [];
  let current: (typeof groups)[number] | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'sitemap') {
      sitemaps.push(value);
      continue;
    }
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], delay: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      if (value !== '') current.rules.push({ allow: key === 'allow', path: value });
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.delay = seconds * 1000;
    }
  }
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && token.includes(a)));
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes('*'));
  return {
    rules: chosen.flatMap((g) => g.rules),
    crawlDelayMs: chosen.find((g) => g.delay !== null)?.delay ?? null,
    sitemaps,
    disallowAll: false,
  };
}

function matches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const re = new RegExp(`^${body.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}${anchored ? '$' : ''}`);
  return re.test(path);
}

export class InterimRobots implements CrawlRobots {
  private readonly cache = new Map<string, Promise<Rules>>();
  constructor(private readonly options: { userAgent: string; timeoutMs: number }) {}

  private rules(origin: string): Promise<Rules> {
    let pending = this.cache.get(origin);
    if (!pending) {
      pending = this.load(origin);
      this.cache.set(origin, pending);
    }
    return pending;
  }

  private async load(origin: string): Promise<Rules> {
    const none: Rules = { rules: [], crawlDelayMs: null, sitemaps: [], disallowAll: false };
    try {
      const res = await fetchUrl(`${origin}/robots.txt`, { timeoutMs: this.options.timeoutMs, userAgent: this.options.userAgent, maxBytes: 512 * 1024 });
      if (res.status >= 500) return { ...none, disallowAll: true };
      if (res.status >= 400) return none;
      const token = (this.options.userAgent.split('/')[0] ?? '').toLowerCase();
      return parse(res.body.toString('utf-8'), token);
    } catch (err) {
      const status = (err as { status?: number | null }).status ?? null;
      if (status !== null && status >= 400 && status < 500) return none;
      return { ...none, disallowAll: true };
    }
  }

  async isAllowed(url: string): Promise<boolean> {
    const u = new URL(url);
    const rules = await this.rules(u.origin);
    if (rules.disallowAll) return false;
    const target = u.pathname + u.search;
    let best: { allow: boolean; length: number } | null = null;
    for (const rule of rules.rules) {
      if (!matches(rule.path, target)) continue;
      if (!best || rule.path.length > best.length || (rule.path.length === best.length && rule.allow)) {
        best = { allow: rule.allow, length: rule.path.length };
      }
    }
    return best?.allow ?? true;
  }

  async crawlDelayMs(origin: string): Promise<number | null> {
    return (await this.rules(origin)).crawlDelayMs;
  }

  async sitemaps(origin: string): Promise<string[]> {
    return (await this.rules(origin)).sitemaps;
  }
}
