import type http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import zlib from 'node:zlib';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/errors.js';
import { classifyFailure, DEFAULT_USER_AGENT, fetchUrl, parseRetryAfter } from '../../src/fetch/http.js';
import { closedPort, startServer, type TestServer } from './server.js';

const PAGE = Buffer.from('<html><body><h1>商会新闻</h1><p>正文内容。</p></body></html>');
const BOMB_BYTES = 200 * 1024 * 1024;

/** `bytes` zeros through a compressor, streamed: the bomb is never in memory uncompressed. */
async function compressZeros(bytes: number, compressor: zlib.Gzip | zlib.BrotliCompress | zlib.DeflateRaw): Promise<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024);
  const chunks: Buffer[] = [];
  compressor.on('data', (c: Buffer) => chunks.push(c));
  await pipeline(
    Readable.from(
      (function* () {
        for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk;
      })(),
    ),
    compressor,
  );
  return Buffer.concat(chunks);
}

let server: TestServer;
let agent: Agent;
let gzipBomb: Buffer;
let brotliBomb: Buffer;
let deflateBomb: Buffer;
const seenHeaders: http.IncomingHttpHeaders[] = [];

async function expectFetchError(promise: Promise<unknown>, reason: string, retryable: boolean): Promise<FetchError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  const fetchError = err as FetchError;
  expect({ reason: fetchError.reason, retryable: fetchError.retryable }).toEqual({ reason, retryable });
  return fetchError;
}

beforeAll(async () => {
  [gzipBomb, brotliBomb, deflateBomb] = await Promise.all([
    compressZeros(BOMB_BYTES, zlib.createGzip({ level: 9 })),
    compressZeros(BOMB_BYTES, zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })),
    compressZeros(BOMB_BYTES, zlib.createDeflateRaw({ level: 9 })),
  ]);
  agent = new Agent({ connections: 4, keepAliveTimeout: 5_000 });
  server = await startServer((req, res) => {
    seenHeaders.push(req.headers);
    const path = req.url ?? '/';
    const redirect = (to: string) => {
      res.writeHead(302, { location: to });
      res.end();
    };
    switch (path) {
      case '/page':
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.setHeader('X-Multi', ['a', 'b']);
        res.end(PAGE);
        return;
      case '/gzip':
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync(PAGE));
        return;
      case '/deflate':
        res.writeHead(200, { 'content-encoding': 'deflate' });
        res.end(zlib.deflateSync(PAGE));
        return;
      case '/deflate-raw':
        res.writeHead(200, { 'content-encoding': 'deflate' });
        res.end(zlib.deflateRawSync(PAGE));
        return;
      case '/br':
        res.writeHead(200, { 'content-encoding': 'br' });
        res.end(zlib.brotliCompressSync(PAGE));
        return;
      case '/big-length':
        res.writeHead(200, { 'content-length': String(3 * 1024 * 1024) });
        res.end(Buffer.alloc(3 * 1024 * 1024, 0x61));
        return;
      case '/big-chunked':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(Buffer.alloc(3 * 1024 * 1024, 0x61));
        return;
      case '/gzip-bomb':
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(gzipBomb.length) });
        res.end(gzipBomb);
        return;
      case '/deflate-bomb':
        res.writeHead(200, { 'content-encoding': 'deflate' });
        res.end(deflateBomb);
        return;
      case '/br-bomb':
        res.writeHead(200, { 'content-encoding': 'br', 'content-length': String(brotliBomb.length) });
        res.end(brotliBomb);
        return;
      case '/compress':
        res.writeHead(200, { 'content-encoding': 'compress' });
        res.end('whatever');
        return;
      case '/gzip-corrupt':
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(Buffer.concat([zlib.gzipSync(PAGE).subarray(0, 10), Buffer.alloc(200, 0xff)]));
        return;
      case '/gzip-truncated': {
        const gz = zlib.gzipSync(Buffer.alloc(100_000, 0x62));
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(gz.subarray(0, gz.length - 20));
        return;
      }
      case '/r1':
        return redirect('/r2');
      case '/r2':
        return redirect(server.url('/r3'));
      case '/r3':
        return redirect('/page#frag');
      case '/loop-a':
        return redirect('/loop-b');
      case '/loop-b':
        return redirect('/loop-a');
      case '/to-file':
        return redirect('file:///etc/passwd');
      case '/to-ftp':
        return redirect('ftp://127.0.0.1/x');
      case '/never-headers':
        return; // keeps the socket open without answering
      case '/stall-body':
        res.writeHead(200, { 'content-length': '1000' });
        res.write('x'.repeat(100));
        return;
      case '/trickle': {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => res.write('x'), 30);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/reset':
        req.socket.resetAndDestroy();
        return;
      case '/short-body':
        res.writeHead(200, { 'content-length': '1000' });
        res.write('x'.repeat(100), () => res.socket?.end());
        return;
      case '/short-chunked':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('x'.repeat(100), () => res.socket?.destroy());
        return;
      case '/404':
      case '/410':
      case '/403':
      case '/408':
      case '/500':
      case '/503':
        res.writeHead(Number(path.slice(1)), { 'content-type': 'text/html' });
        res.end('<h1>error</h1>');
        return;
      case '/429':
        res.writeHead(429, { 'retry-after': '2' });
        res.end();
        return;
      case '/conditional':
        if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Wed, 01 Jan 2025 00:00:00 GMT') {
          res.writeHead(304, { etag: '"v1"' });
          res.end();
        } else {
          res.writeHead(200, { etag: '"v1"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT' });
          res.end(PAGE);
        }
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

describe('fetchUrl: bodies', () => {
  it('returns the body, lower-cased and joined headers, and what it sent', async () => {
    const r = await fetchUrl(server.url('/page'), { dispatcher: agent });
    expect(r.status).toBe(200);
    expect(r.body.equals(PAGE)).toBe(true);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['x-multi']).toBe('a, b');
    expect(r.finalUrl).toBe(server.url('/page'));
    expect(r.redirects).toEqual([]);
    expect(r.notModified).toBe(false);
    expect(r.requestHeaders['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toMatch(/^newsharvest\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/newsharvest\/newsharvest\)$/);
    expect(seenHeaders.at(-1)?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(seenHeaders.at(-1)?.['user-agent']).toBe(DEFAULT_USER_AGENT);
  });

  it('sends custom headers and user agent', async () => {
    const r = await fetchUrl(server.url('/page'), { dispatcher: agent, userAgent: 'test-bot/1', headers: { 'X-Probe': 'yes' } });
    expect(r.requestHeaders).toMatchObject({ 'user-agent': 'test-bot/1', 'x-probe': 'yes' });
    expect(seenHeaders.at(-1)).toMatchObject({ 'user-agent': 'test-bot/1', 'x-probe': 'yes' });
  });

  it('reuses the keep-alive connection', async () => {
    const before = server.connections();
    for (let i = 0; i < 5; i++) await fetchUrl(server.url('/page'), { dispatcher: agent });
    expect(server.connections() - before).toBeLessThanOrEqual(1);
  });

  for (const [path, encoding] of [
    ['/gzip', 'gzip'],
    ['/deflate', 'deflate (zlib)'],
    ['/deflate-raw', 'raw deflate'],
    ['/br', 'brotli'],
  ] as const) {
    it(`decodes ${encoding}`, async () => {
      const r = await fetchUrl(server.url(path), { dispatcher: agent });
      expect(r.body.toString()).toBe(PAGE.toString());
    });
  }

  it('refuses a body whose Content-Length exceeds the cap', async () => {
    await expectFetchError(fetchUrl(server.url('/big-length'), { dispatcher: agent, maxBytes: 1024 * 1024 }), 'too-large', false);
  });

  it('cuts a chunked body off while streaming', async () => {
    await expectFetchError(fetchUrl(server.url('/big-chunked'), { dispatcher: agent, maxBytes: 1024 * 1024 }), 'too-large', false);
  });

  it('with truncateAtMaxBytes keeps the first maxBytes instead of failing', async () => {
    for (const path of ['/big-length', '/big-chunked']) {
      const r = await fetchUrl(server.url(path), { dispatcher: agent, maxBytes: 1000, truncateAtMaxBytes: true });
      expect(r.body).toEqual(Buffer.alloc(1000, 0x61));
      expect(r.truncated).toBe(true);
    }
    const bomb = await fetchUrl(server.url('/gzip-bomb'), { dispatcher: agent, maxBytes: 100_000, truncateAtMaxBytes: true });
    expect(bomb.body).toEqual(Buffer.alloc(100_000));
    const small = await fetchUrl(server.url('/page'), { dispatcher: agent, maxBytes: 1000, truncateAtMaxBytes: true });
    expect(small.truncated).toBeUndefined();
  });

  for (const bomb of ['/gzip-bomb', '/br-bomb', '/deflate-bomb']) {
    it(`cuts a ${bomb.slice(1)} (200 MB of zeros) off at the cap without inflating it`, async () => {
      const base = process.memoryUsage().rss;
      let peak = base;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 5);
      try {
        const err = await expectFetchError(
          fetchUrl(server.url(bomb), { dispatcher: agent, maxBytes: 5 * 1024 * 1024 }),
          'too-large',
          false,
        );
        expect(err.message).toContain('decompressed');
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      // Inflating the bomb would take 200 MB; the cap is 5 MB. Allow generous allocator slack.
      expect(peak - base).toBeLessThan(80 * 1024 * 1024);
    });
  }

  it('refuses an unknown Content-Encoding', async () => {
    await expectFetchError(fetchUrl(server.url('/compress'), { dispatcher: agent }), 'bad-encoding', false);
  });

  it('refuses a corrupt gzip body', async () => {
    await expectFetchError(fetchUrl(server.url('/gzip-corrupt'), { dispatcher: agent }), 'bad-encoding', false);
  });

  it('reports a gzip stream that stops early as truncated', async () => {
    await expectFetchError(fetchUrl(server.url('/gzip-truncated'), { dispatcher: agent }), 'truncated', true);
  });
});

describe('fetchUrl: redirects and schemes', () => {
  it('follows a chain of 3', async () => {
    const r = await fetchUrl(server.url('/r1'), { dispatcher: agent });
    expect(r.finalUrl).toBe(server.url('/page'));
    expect(r.redirects).toEqual([server.url('/r2'), server.url('/r3'), server.url('/page')]);
    expect(r.url).toBe(server.url('/r1'));
    expect(r.body.equals(PAGE)).toBe(true);
  });

  it('detects a loop', async () => {
    await expectFetchError(fetchUrl(server.url('/loop-a'), { dispatcher: agent }), 'redirect-loop', false);
  });

  it('stops after maxRedirects', async () => {
    await expectFetchError(fetchUrl(server.url('/r1'), { dispatcher: agent, maxRedirects: 2 }), 'too-many-redirects', false);
  });

  it('stops after 5 redirects by default', async () => {
    const chain = await startServer((req, res) => {
      const n = Number(req.url?.slice(1));
      res.writeHead(302, { location: `/${n + 1}` });
      res.end();
    });
    try {
      await expectFetchError(fetchUrl(chain.url('/0'), { dispatcher: agent }), 'too-many-redirects', false);
    } finally {
      await chain.close();
    }
  });

  for (const path of ['/to-file', '/to-ftp']) {
    it(`refuses a redirect ${path}`, async () => {
      await expectFetchError(fetchUrl(server.url(path), { dispatcher: agent }), 'bad-scheme', false);
    });
  }

  for (const url of ['ftp://127.0.0.1/x', 'file:///etc/passwd', 'javascript:alert(1)']) {
    it(`refuses to start with ${url}`, async () => {
      await expectFetchError(fetchUrl(url, { dispatcher: agent }), 'bad-scheme', false);
    });
  }

  it('refuses an unparsable URL', async () => {
    await expectFetchError(fetchUrl('not a url', { dispatcher: agent }), 'bad-url', false);
  });
});

describe('fetchUrl: network faults', () => {
  it('times out when the server never sends headers', async () => {
    const started = Date.now();
    await expectFetchError(fetchUrl(server.url('/never-headers'), { dispatcher: agent, timeoutMs: 300 }), 'timeout', true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('times out when the body stalls', async () => {
    await expectFetchError(fetchUrl(server.url('/stall-body'), { dispatcher: agent, timeoutMs: 300 }), 'timeout', true);
  });

  it('times out a body that trickles forever (whole-request timer, not idle timer)', async () => {
    await expectFetchError(fetchUrl(server.url('/trickle'), { dispatcher: agent, timeoutMs: 400 }), 'timeout', true);
  });

  it('reports a reset connection', async () => {
    const err = await expectFetchError(fetchUrl(server.url('/reset'), { dispatcher: agent }), 'connection-reset', true);
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('reports a body shorter than its Content-Length as truncated', async () => {
    await expectFetchError(fetchUrl(server.url('/short-body'), { dispatcher: agent }), 'truncated', true);
  });

  it('reports a chunked body cut by a closed connection as truncated', async () => {
    await expectFetchError(fetchUrl(server.url('/short-chunked'), { dispatcher: agent }), 'truncated', true);
  });

  it('reports a refused connection', async () => {
    const port = await closedPort();
    const err = await expectFetchError(fetchUrl(`http://127.0.0.1:${port}/`, { dispatcher: agent }), 'connect-refused', true);
    expect(err.cause).toBeDefined();
  });

  it('reports a caller abort', async () => {
    const controller = new AbortController();
    const pending = fetchUrl(server.url('/never-headers'), { dispatcher: agent, signal: controller.signal });
    await sleep(50);
    controller.abort();
    await expectFetchError(pending, 'aborted', true);
  });
});

describe('fetchUrl: statuses', () => {
  const cases: [string, string, boolean][] = [
    ['/404', 'http-404', false],
    ['/410', 'http-410', false],
    ['/403', 'http-403', false],
    ['/408', 'http-408', true],
    ['/500', 'http-500', true],
    ['/503', 'http-503', true],
  ];
  for (const [path, reason, retryable] of cases) {
    it(`${path} -> ${reason}, retryable ${retryable}`, async () => {
      const err = await expectFetchError(fetchUrl(server.url(path), { dispatcher: agent }), reason, retryable);
      expect(err.status).toBe(Number(path.slice(1)));
    });
  }

  it('429 carries Retry-After', async () => {
    const err = await expectFetchError(fetchUrl(server.url('/429'), { dispatcher: agent }), 'http-429', true);
    expect(err.retryAfterMs).toBe(2000);
  });

  it('conditional GET answered 304 is notModified with an empty body', async () => {
    const fresh = await fetchUrl(server.url('/conditional'), { dispatcher: agent });
    expect(fresh.notModified).toBe(false);
    const etag = fresh.headers.etag ?? null;
    const byEtag = await fetchUrl(server.url('/conditional'), { dispatcher: agent, conditional: { etag, lastModified: null } });
    expect(byEtag).toMatchObject({ status: 304, notModified: true });
    expect(byEtag.body.length).toBe(0);
    expect(byEtag.requestHeaders['if-none-match']).toBe('"v1"');
    const byDate = await fetchUrl(server.url('/conditional'), {
      dispatcher: agent,
      conditional: { etag: null, lastModified: fresh.headers['last-modified'] ?? null },
    });
    expect(byDate.notModified).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 00:00:00 GMT', 0],
    ['soon', null],
    [undefined, null],
  ])('%s -> %s', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});

describe('classifyFailure', () => {
  // Errors as undici and the OS raise them (the code may sit on a cause): faults that cannot be
  // produced on 127.0.0.1 without touching DNS or waiting for a real connect timeout.
  const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });
  const wrapped = (code: string) => new Error('fetch failed', { cause: withCode(code) });
  const cases: [string, Error, 'request' | 'body', string, boolean][] = [
    ['DNS failure', wrapped('ENOTFOUND'), 'request', 'dns', true],
    ['DNS try again', withCode('EAI_AGAIN'), 'request', 'dns', true],
    ['connect timeout', withCode('UND_ERR_CONNECT_TIMEOUT'), 'request', 'timeout', true],
    ['OS timeout', wrapped('ETIMEDOUT'), 'request', 'timeout', true],
    ['headers timeout', withCode('UND_ERR_HEADERS_TIMEOUT'), 'request', 'timeout', true],
    ['body idle timeout', withCode('UND_ERR_BODY_TIMEOUT'), 'body', 'timeout', true],
    ['refused', wrapped('ECONNREFUSED'), 'request', 'connect-refused', true],
    ['reset', wrapped('ECONNRESET'), 'body', 'connection-reset', true],
    ['closed before headers', withCode('UND_ERR_SOCKET', 'other side closed'), 'request', 'connection-reset', true],
    ['closed in the body', withCode('UND_ERR_SOCKET', 'other side closed'), 'body', 'truncated', true],
    ['length mismatch', withCode('UND_ERR_RES_CONTENT_LENGTH_MISMATCH'), 'body', 'truncated', true],
    ['corrupt gzip', withCode('Z_DATA_ERROR'), 'body', 'bad-encoding', false],
    ['malformed HTTP', withCode('HPE_INVALID_CONSTANT'), 'request', 'bad-response', false],
    ['anything else', new Error('weird'), 'request', 'network', true],
  ];
  for (const [name, err, phase, reason, retryable] of cases) {
    it(`${name} -> ${reason}`, () => {
      const classified = classifyFailure(err, 'http://example.com/', phase);
      expect({ reason: classified.reason, retryable: classified.retryable }).toEqual({ reason, retryable });
      expect(classified.cause).toBe(err);
    });
  }
});
