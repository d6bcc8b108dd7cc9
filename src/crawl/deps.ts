/**
 * The crawl's real collaborators from src/fetch: undici fetches, per-host politeness, robots.txt
 * and the retry backoff. Tests and the bench use the same wiring.
 */
import type { FetchError } from '../errors.js';
import { fetchUrl } from '../fetch/http.js';
import { HostScheduler, hostKey } from '../fetch/politeness.js';
import { fetchWithRetry, nextRetryDelay } from '../fetch/retry.js';
import { RobotsCache } from '../fetch/robots.js';
import type { CrawlDeps, CrawlRobots } from './crawl.js';
import { createAnalyzer, defaultWorkerCount } from './worker-pool.js';

export interface FetchSettings {
  delayMs: number;
  perHost: number;
  /** Requests in flight over all hosts (--concurrency); no cap when absent. */
  concurrency?: number;
  timeoutMs: number;
  userAgent: string;
  ignoreRobots: boolean;
  /** Threads that extract pages beside the main thread (0: extract on the main thread). */
  workers?: number;
}

/** Longest pause a failed URL waits before its next attempt (a Retry-After can ask for more). */
const MAX_RETRY_WAIT_MS = 10 * 60_000;

export function createCrawlDeps(settings: FetchSettings): CrawlDeps {
  const fetchOptions = { timeoutMs: settings.timeoutMs, userAgent: settings.userAgent };
  const scheduler = new HostScheduler({ delayMs: settings.delayMs, perHost: settings.perHost, concurrency: settings.concurrency });
  const robots: CrawlRobots | null = settings.ignoreRobots
    ? null
    : new RobotsCache({
        fetchOptions: { userAgent: settings.userAgent, timeoutMs: settings.timeoutMs },
        // robots.txt is a request to the site like any other: it waits its turn and delay.
        fetch: (url, options) => scheduler.schedule(hostKey(url), () => fetchWithRetry(url, options)),
      });
  return {
    fetcher: {
      fetch: (url, opts) =>
        fetchUrl(url, {
          ...fetchOptions,
          conditional: opts.conditional ?? null,
          signal: opts.signal,
          ...(opts.mayFollow ? { mayFollow: opts.mayFollow } : {}),
          ...(opts.acceptBody ? { acceptBody: opts.acceptBody } : {}),
        }),
    },
    scheduler,
    robots,
    analyzer: createAnalyzer(settings.workers ?? defaultWorkerCount()),
    retryDelayMs(attempt: number, err: FetchError): number {
      if (err.retryAfterMs !== null) return Math.min(err.retryAfterMs, MAX_RETRY_WAIT_MS);
      // The crawl counts attempts itself; the policy here only supplies the backoff.
      return nextRetryDelay(attempt, err, { retries: Number.MAX_SAFE_INTEGER, maxDelayMs: MAX_RETRY_WAIT_MS }) ?? 1000;
    },
  };
}
