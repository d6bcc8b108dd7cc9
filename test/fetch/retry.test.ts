import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/errors.js';
import { fetchWithRetry, nextRetryDelay } from '../../src/fetch/retry.js';
import { startServer, type TestServer } from './server.js';

let server: TestServer;
let agent: Agent;
/** Per path: how many requests arrived and when. */
const hits = new Map<string, number[]>();

beforeAll(async () => {
  agent = new Agent({ connections: 2 });
  server = await startServer((req, res) => {
    const path = req.url ?? '/';
    const times = hits.get(path) ?? [];
    times.push(Date.now());
    hits.set(path, times);
    const n = times.length;
    switch (path) {
      case '/flaky': // 503 twice, then the page
        if (n <= 2) {
          res.writeHead(503);
          res.end();
        } else res.end('ok');
        return;
      case '/throttled': // 429 once with Retry-After: 1, then the page
        if (n === 1) {
          res.writeHead(429, { 'retry-after': '1' });
          res.end();
        } else res.end('ok');
        return;
      case '/throttled-long':
        res.writeHead(429, { 'retry-after': '3600' });
        res.end();
        return;
      case '/always-503':
        res.writeHead(503);
        res.end();
        return;
      case '/gone':
        res.writeHead(410);
        res.end();
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  });
});

afterAll(async () => {
  await agent?.destroy();
  await server?.close();
});

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('fetchWithRetry against a real server', () => {
  it('retries 503 twice and succeeds', async () => {
    const { waits, sleep } = recorder();
    const r = await fetchWithRetry(server.url('/flaky'), { dispatcher: agent, sleep, random: () => 0.5 });
    expect(r.body.toString()).toBe('ok');
    expect(hits.get('/flaky')).toHaveLength(3);
    expect(waits).toEqual([250, 500]);
  });

  it('does not retry 404 or 410', async () => {
    for (const path of ['/missing', '/gone']) {
      const { waits, sleep } = recorder();
      await expect(fetchWithRetry(server.url(path), { dispatcher: agent, sleep })).rejects.toMatchObject({
        reason: `http-${path === '/gone' ? 410 : 404}`,
        retryable: false,
      });
      expect(hits.get(path)).toHaveLength(1);
      expect(waits).toEqual([]);
    }
  });

  it('gives up after `retries` with the last error', async () => {
    const { waits, sleep } = recorder();
    await expect(fetchWithRetry(server.url('/always-503'), { dispatcher: agent, sleep, retries: 2 })).rejects.toMatchObject({
      reason: 'http-503',
    });
    expect(hits.get('/always-503')).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it('obeys Retry-After (real wait)', async () => {
    const r = await fetchWithRetry(server.url('/throttled'), { dispatcher: agent });
    expect(r.body.toString()).toBe('ok');
    const [first, second] = hits.get('/throttled') ?? [];
    expect(second! - first!).toBeGreaterThanOrEqual(990);
  });

  it('gives up at once when Retry-After exceeds maxDelayMs, so the crawler can reschedule', async () => {
    const { waits, sleep } = recorder();
    const err = await fetchWithRetry(server.url('/throttled-long'), { dispatcher: agent, sleep, maxDelayMs: 60_000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FetchError);
    expect(err).toMatchObject({ reason: 'http-429', retryAfterMs: 3_600_000 });
    expect(hits.get('/throttled-long')).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('stops when the caller aborts during a pause', async () => {
    const controller = new AbortController();
    const pending = fetchWithRetry(server.url('/always-503'), {
      dispatcher: agent,
      signal: controller.signal,
      baseDelayMs: 10_000,
      random: () => 0.99,
    });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(pending).rejects.toMatchObject({ reason: 'http-503' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('nextRetryDelay', () => {
  const retryable = new FetchError('x', { reason: 'http-503', retryable: true, status: 503 });
  const final = new FetchError('x', { reason: 'http-404', retryable: false, status: 404 });
  const throttled = (ms: number) => new FetchError('x', { reason: 'http-429', retryable: true, status: 429, retryAfterMs: ms });
  const max = () => 0.999999;
  const cases: [string, number, unknown, Parameters<typeof nextRetryDelay>[2], number | null][] = [
    ['first retry: up to base', 1, retryable, { random: max }, 499],
    ['second retry: up to 2x base', 2, retryable, { random: max }, 999],
    ['third retry: up to 4x base', 3, retryable, { random: max }, 1999],
    ['jitter can be zero', 1, retryable, { random: () => 0 }, 0],
    ['capped at maxDelayMs', 3, retryable, { random: max, baseDelayMs: 10_000, maxDelayMs: 15_000 }, 14_999],
    ['past retries: none', 4, retryable, {}, null],
    ['retries: 0 means none', 1, retryable, { retries: 0 }, null],
    ['not retryable: none', 1, final, {}, null],
    ['not a FetchError: none', 1, new Error('bug'), {}, null],
    ['Retry-After obeyed exactly', 1, throttled(2_000), { random: max }, 2_000],
    ['Retry-After equal to the cap', 1, throttled(60_000), {}, 60_000],
    ['Retry-After above the cap: give up', 1, throttled(60_001), {}, null],
  ];
  for (const [name, attempt, err, opts, expected] of cases) {
    it(name, () => expect(nextRetryDelay(attempt, err, opts)).toBe(expected));
  }
});
