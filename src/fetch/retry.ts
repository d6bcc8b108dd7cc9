/**
 * Retry policy for fetches: exponential backoff with full jitter (AWS Architecture Blog,
 * "Exponential Backoff And Jitter") for failures the FetchError marks retryable, and the
 * server's Retry-After obeyed as long as it stays under the cap.
 *
 * nextRetryDelay() is pure so the crawler can write `retryAt` into its frontier instead of
 * sleeping; fetchWithRetry() is the same policy for callers that simply want to wait
 * (robots.txt, the `extract <url>` command).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { FetchError } from '../errors.js';
import { type FetchOptions, type FetchResult, fetchUrl } from './http.js';

export const DEFAULT_RETRIES = 3;
export const DEFAULT_BASE_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 60_000;

export interface RetryPolicy {
  /** Attempts after the first. @default 3 */
  retries?: number;
  /** Backoff ceiling for the first retry; doubles each attempt. @default 500 */
  baseDelayMs?: number;
  /**
   * No wait is longer. A Retry-After above it is not waited for: the fetch gives up so the
   * crawler can reschedule the URL for later. @default 60000
   */
  maxDelayMs?: number;
  /** Source of jitter in [0, 1); injectable for tests. @default Math.random */
  random?: () => number;
}

export interface RetryOptions extends FetchOptions, RetryPolicy {
  /** How to wait; injectable for tests. Defaults to a timer that the `signal` cancels. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Milliseconds to wait before the next attempt, or null when there should be none: the error
 * is not retryable, `attempt` (failed attempts so far, from 1) exceeds `retries`, or the server
 * asked for a longer pause than `maxDelayMs`.
 */
export function nextRetryDelay(attempt: number, err: unknown, opts: RetryPolicy = {}): number | null {
  const retries = opts.retries ?? DEFAULT_RETRIES;
  const base = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const max = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const random = opts.random ?? Math.random;
  if (!(err instanceof FetchError) || !err.retryable || attempt > retries) return null;
  if (err.retryAfterMs !== null) return err.retryAfterMs <= max ? err.retryAfterMs : null;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** fetchUrl() with retries for retryable failures; throws the last FetchError. */
export async function fetchWithRetry(url: string, options: RetryOptions = {}): Promise<FetchResult> {
  const sleep = options.sleep ?? ((ms: number) => delay(ms, undefined, { signal: options.signal }));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchUrl(url, options);
    } catch (err) {
      // A caller who aborted wants no more attempts, whatever the error says.
      if (options.signal?.aborted) throw err;
      const wait = nextRetryDelay(attempt, err, options);
      if (wait === null) throw err;
      // An abort during the pause ends the retries with the failure that caused them.
      await sleep(wait).catch(() => {
        throw err;
      });
    }
  }
}
