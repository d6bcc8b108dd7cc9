/**
 * The fault server must really misbehave the way the reliability tests say it does; otherwise a
 * crawl "surviving" it proves nothing. Checked here with node:http directly, no newsharvest code.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleSpec, HOSTILE, startHostileSite, startPortal, startRobotsSite, type TestSite } from '../support/fault-server.js';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  error: string | null;
}

/** One GET, no redirects followed, at most `limit` body bytes kept, `timeoutMs` overall. */
function get(url: string, { limit = 1 << 20, timeoutMs = 1500 } = {}): Promise<RawResponse> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let status = 0;
    let headers: http.IncomingHttpHeaders = {};
    let settled = false;
    const finish = (error: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ status, headers, body: Buffer.concat(chunks), error });
    };
    const req = http.get(url, { agent: false }, (res) => {
      status = res.statusCode ?? 0;
      headers = res.headers;
      res.on('data', (chunk: Buffer) => {
        if (size < limit) chunks.push(chunk);
        size += chunk.length;
        if (size >= limit) finish('limit');
      });
      res.on('end', () => finish(null));
      res.on('aborted', () => finish('aborted'));
      res.on('error', (err) => finish(err.message));
    });
    req.on('error', (err: NodeJS.ErrnoException) => finish(err.code ?? err.message));
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
  });
}

describe('fault server', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startHostileSite();
  }, 120_000);
  afterAll(() => site.close());

  it('serves good articles in DESTOON markup, UTF-8', async () => {
    const res = await get(site.origin + HOSTILE.good[0]);
    expect(res.status).toBe(200);
    const text = res.body.toString('utf8');
    expect(text).toContain(`<h1 class="title" id="title">${articleSpec(101).title}</h1>`);
    expect(text).toContain('核心提示：');
  });

  it('answers 503 twice, then the article', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(site.origin + HOSTILE.unavailableTwice)).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('answers 429 with Retry-After: 1 once, then the article', async () => {
    const first = await get(site.origin + HOSTILE.tooManyRequests);
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('1');
    expect((await get(site.origin + HOSTILE.tooManyRequests)).status).toBe(200);
  });

  it('sends GBK bytes under a utf-8 Content-Type', async () => {
    const res = await get(site.origin + HOSTILE.gbkLabelledUtf8);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body.toString('utf8')).not.toContain(articleSpec(203).title);
    expect(iconv.decode(res.body, 'gbk')).toContain(articleSpec(203).title);
  });

  it('never sends headers; stalls mid-body; resets; sends less than Content-Length', async () => {
    expect((await get(site.origin + HOSTILE.neverHeaders, { timeoutMs: 500 })).error).toBe('timeout');
    const stall = await get(site.origin + HOSTILE.stallMidBody, { timeoutMs: 500 });
    expect(stall.status).toBe(200);
    expect(stall.error).toBe('timeout');
    expect(stall.body.length).toBe(2000);
    expect((await get(site.origin + HOSTILE.connectionReset)).error).toBe('ECONNRESET');
    const short = await get(site.origin + HOSTILE.shortContentLength);
    expect(short.status).toBe(200);
    expect(short.body.length).toBeLessThan(Number(short.headers['content-length']));
    expect(short.error).not.toBeNull();
  });

  it('answers 404 and 410', async () => {
    expect((await get(site.origin + HOSTILE.notFound)).status).toBe(404);
    expect((await get(site.origin + HOSTILE.gone)).status).toBe(410);
  });

  it('redirects in a loop, in a chain of 8, to file: and to ftp:', async () => {
    const loop1 = await get(site.origin + HOSTILE.redirectLoop);
    const loop2 = await get(site.origin + loop1.headers.location);
    expect(loop2.headers.location).toBe(HOSTILE.redirectLoop);
    let location: string = HOSTILE.redirectChain;
    let hops = 0;
    while (hops < 20) {
      const res = await get(site.origin + location);
      if (res.status !== 302) break;
      location = res.headers.location!;
      hops++;
    }
    expect(hops).toBe(8);
    expect(location).toBe(HOSTILE.chainEnd);
    expect((await get(site.origin + HOSTILE.redirectToFile)).headers.location).toBe('file:///etc/passwd');
    expect((await get(site.origin + HOSTILE.redirectToFtp)).headers.location).toMatch(/^ftp:/);
  });

  it('sends a gzip bomb of about 1 MB that inflates past 1 GB-scale', async () => {
    const res = await get(site.origin + HOSTILE.gzipBomb, { limit: 2 << 20 });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.length).toBeGreaterThan(500_000);
    expect(res.body.length).toBeLessThan(2_000_000);
    // Inflate only the first 64 KB of the wire bytes: already far more than a page should be.
    const inflated = zlib.gunzipSync(res.body.subarray(0, 65_536), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    expect(inflated.length).toBeGreaterThan(50 * 1024 * 1024);
  });

  it('sends a brotli bomb', async () => {
    const res = await get(site.origin + HOSTILE.brotliBomb);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body.length).toBeLessThan(100_000);
  });

  it('streams 300 MB (chunked and with a declared length)', async () => {
    const chunked = await get(site.origin + HOSTILE.huge, { limit: 4 << 20 });
    expect(chunked.headers['content-length']).toBeUndefined();
    expect(chunked.error).toBe('limit');
    const declared = await get(site.origin + HOSTILE.hugeDeclared, { limit: 1 << 20 });
    expect(Number(declared.headers['content-length'])).toBe(300 * 1024 * 1024);
  });

  it('sends binary as text/html and 200,000 nested divs', async () => {
    const bin = await get(site.origin + HOSTILE.binary);
    expect(bin.headers['content-type']).toMatch(/^text\/html/);
    expect(bin.body.includes(0)).toBe(true);
    const deep = await get(site.origin + HOSTILE.deepNesting, { limit: 4 << 20 });
    expect(deep.body.toString().split('<div>').length - 1).toBe(200_000);
  });

  it('has endless page and calendar traps', async () => {
    const page = (await get(`${site.origin}${HOSTILE.pageTrap}?page=1000`)).body.toString();
    expect(page).toContain('page=1001');
    const day = (await get(`${site.origin}${HOSTILE.calendarTrap}1999-12-31.html`)).body.toString();
    expect(day).toContain('2000-01-01.html');
  });

  it('records every request with its time', () => {
    expect(site.requestsTo(HOSTILE.unavailableTwice)).toHaveLength(3);
    const times = site.requests.map((r) => r.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});

describe('robots variants and the portal', () => {
  it('robots.txt answers 503 or 404 on separate servers', async () => {
    const down = await startRobotsSite('5xx');
    const missing = await startRobotsSite('404');
    try {
      expect(down.port).not.toBe(missing.port);
      expect((await get(`${down.origin}/robots.txt`)).status).toBe(503);
      expect((await get(`${missing.origin}/robots.txt`)).status).toBe(404);
      expect((await get(`${missing.origin}/news/show-501.html`)).status).toBe(200);
    } finally {
      await down.close();
      await missing.close();
    }
  });

  it('the portal pages through its lists to every article', async () => {
    const portal = await startPortal({ articles: 25, perList: 10 });
    try {
      const seen = new Set<string>();
      let next: string | null = '/news/list-1.html';
      while (next) {
        const text = (await get(portal.origin + next)).body.toString();
        for (const m of text.matchAll(/href="(\/news\/show-\d+\.html)"/g)) seen.add(m[1]!);
        next = /href="(\/news\/list-\d+\.html)"[^>]*>下一页/.exec(text)?.[1] ?? null;
      }
      expect(seen.size).toBe(25);
    } finally {
      await portal.close();
    }
  });
});
