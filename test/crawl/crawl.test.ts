/**
 * The crawl loop end to end, in process: a real store in a temp folder, a real portal server on
 * 127.0.0.1, the real fetch, politeness and robots modules.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Crawler, type CrawlOptions, type CrawlSummary } from '../../src/crawl/crawl.js';
import { createCrawlDeps } from '../../src/crawl/deps.js';
import { DEFAULT_USER_AGENT } from '../../src/fetch/http.js';
import { buildDemoPortal } from '../../src/scripts/build-demo-portal.js';
import { openStore } from '../../src/store/index.js';
import type { Store, StoredArticle } from '../../src/store/types.js';
import { articleHtml, articleSpec, listHtml } from '../support/fault-server.js';
import { startTestPortal, type TestPortal } from '../support/portal-server.js';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nh-crawl-'));
  dirs.push(dir);
  return path.join(dir, 'test.db');
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function options(seed: string, extra: Partial<CrawlOptions> = {}): CrawlOptions {
  return {
    seeds: [seed],
    concurrency: 4,
    delayMs: 0,
    retries: 1,
    maxPages: null,
    maxDepth: null,
    include: [],
    exclude: [],
    full: false,
    refreshViews: false,
    profile: null,
    timeZone: 'Asia/Shanghai',
    ...extra,
  };
}

async function crawl(
  store: Store,
  seed: string,
  extra: Partial<CrawlOptions> = {},
  fetch: { delayMs?: number; perHost?: number; ignoreRobots?: boolean } = {},
): Promise<CrawlSummary> {
  const crawler = new Crawler(
    store,
    options(seed, { delayMs: fetch.delayMs ?? 0, ...extra }),
    createCrawlDeps({
      delayMs: fetch.delayMs ?? 0,
      perHost: fetch.perHost ?? 4,
      concurrency: extra.concurrency ?? 4,
      timeoutMs: 5000,
      userAgent: DEFAULT_USER_AGENT,
      ignoreRobots: fetch.ignoreRobots ?? false,
    }),
  );
  return crawler.run();
}

function storedArticles(store: Store): StoredArticle[] {
  return [...store.articles({})];
}

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

describe('crawling the sample portal', () => {
  let site: TestPortal;
  let store: Store;
  let summary: CrawlSummary;
  let articles: StoredArticle[];

  beforeAll(async () => {
    site = await startTestPortal();
    store = openStore(tempDb());
    summary = await crawl(store, site.url('/'));
    articles = storedArticles(store);
  });
  afterAll(async () => {
    store.close();
    await site.close();
  });

  it('stores every article once, with its title and views', () => {
    const expected = site.portal.articles;
    expect(articles.map((a) => pathOf(a.url)).sort()).toEqual(expected.map((a) => a.path).sort());
    for (const e of expected) {
      const got = articles.find((a) => pathOf(a.url) === e.path)!;
      expect(got.title, e.path).toBe(e.title);
      expect(got.views, `${e.path} views (${e.cms})`).toBe(e.views);
    }
    expect(summary.articlesNew).toBe(expected.length);
    expect(summary.failedUrls).toBe(0);
  });

  it('fetches every article page once and reads counter scripts', () => {
    for (const e of site.portal.articles) expect(site.requestsTo(e.path), e.path).toHaveLength(1);
    expect(site.requestsMatching(/^\/plus\/count\.php\?/).length).toBeGreaterThan(0);
    expect(site.requestsMatching(/^\/e\/public\/ViewClick\//).length).toBeGreaterThan(0);
  });

  it('stores no list, nav, tag, search or about page as an article', () => {
    const articlePaths = new Set(site.portal.articles.map((a) => a.path));
    expect(articles.filter((a) => !articlePaths.has(pathOf(a.url)))).toEqual([]);
  });

  it('never requests what robots.txt forbids, nor search, tag, login or print links', () => {
    expect(site.requestsTo('/robots.txt').length).toBeGreaterThanOrEqual(1);
    expect(site.requestsMatching(/^\/(member|private)\//)).toEqual([]);
    expect(site.requestsMatching(/search|\/tag\/|tags\.php|c=tag|login|print|comment|erraddsave|stow/)).toEqual([]);
  });

  it('finds articles that only the gzip sitemap lists, and reads the feed', () => {
    expect(site.requestsTo('/sitemap.xml')).toHaveLength(1);
    expect(site.requestsTo('/sitemap-news.xml.gz')).toHaveLength(1);
    expect(site.requestsTo('/rss.xml')).toHaveLength(1);
    expect(articles.some((a) => pathOf(a.url) === '/news/show-101.html')).toBe(true);
  });

  it('walks every page of every section list', () => {
    for (const p of ['/news/list-2.html', '/industry/list_3_2.html', '/policy/index_2.html', '/company/?page=2']) {
      expect(site.requestsTo(p), p).toHaveLength(1);
    }
  });

  it('joins a multi-page article into one Article and does not store its continuation pages', () => {
    const multi = site.portal.articles.filter((a) => a.continuations.length > 0);
    expect(multi.length).toBeGreaterThanOrEqual(2);
    for (const e of multi) {
      const got = articles.find((a) => pathOf(a.url) === e.path)!;
      expect(got.body, e.path).toContain(e.continuationText!);
      expect(got.body, e.path).toContain('本网讯');
      for (const c of e.continuations) {
        expect(articles.some((a) => pathOf(a.url) === c)).toBe(false);
        expect(site.requestsTo(c), c).toHaveLength(1);
        expect(store.frontierState(site.url(c))).toBe('skipped');
      }
    }
  });

  it('decodes GBK pages served without a charset in the header', () => {
    const gbk = site.portal.articles.filter((a) => a.charset === 'gbk');
    expect(gbk.length).toBeGreaterThan(5);
    for (const e of gbk) {
      const got = articles.find((a) => pathOf(a.url) === e.path)!;
      expect(got.body).not.toMatch(/\uFFFD|锟斤拷/);
      expect(got.body).toMatch(/[\u4e00-\u9fff]{10}/);
    }
  });
});

describe('politeness', () => {
  let site: TestPortal | null = null;
  afterEach(async () => {
    await site?.close();
    site = null;
  });

  it('spaces request starts to one host by --delay', async () => {
    site = await startTestPortal();
    const store = openStore(tempDb());
    try {
      await crawl(store, site.url('/'), { maxPages: 8, concurrency: 8 }, { delayMs: 150, perHost: 2 });
    } finally {
      store.close();
    }
    // robots.txt waits its turn like every other request to the site.
    const starts = site.requests.map((r) => r.at).sort((a, b) => a - b);
    expect(site.requests[0]?.path).toBe('/robots.txt');
    expect(starts.length).toBeGreaterThanOrEqual(8);
    // Arrivals, not starts: each carries its own network and event-loop latency, which on a loaded
    // 2-core CI machine differs between two requests by tens of ms. Without the delay they would
    // arrive a few ms apart; the scheduler's own start times are tested exact in politeness.test.ts.
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(100);
  });

  it('keeps at most --concurrency requests in flight, though more pages are in process', async () => {
    const latencyMs = 40;
    site = await startTestPortal({ latencyMs });
    const store = openStore(tempDb());
    try {
      await crawl(store, site.url('/'), { maxPages: 24, concurrency: 2 }, { delayMs: 0, perHost: 8 });
    } finally {
      store.close();
    }
    // A request is in flight from its arrival until the server starts its answer. (Counting
    // [at, at + latencyMs) instead was flaky: a timer can fire a few ms early against the clock, as
    // libuv measures it from the loop's cached time.)
    const spans = site.requests;
    const most = Math.max(
      ...spans.map(({ at: start }) => spans.filter(({ at, answeredAt }) => at <= start && start < answeredAt).length),
    );
    expect(site.requests.length).toBeGreaterThanOrEqual(24);
    expect(most).toBe(2);
  });

  it('lets a robots.txt Crawl-delay raise the delay', async () => {
    site = await startTestPortal({
      files: (files) => {
        files.set('/robots.txt', {
          body: Buffer.from('User-agent: *\nCrawl-delay: 0.4\nDisallow: /member/\n'),
          contentType: 'text/plain',
        });
      },
    });
    const store = openStore(tempDb());
    try {
      await crawl(store, site.url('/'), { maxPages: 4 }, { delayMs: 0 });
    } finally {
      store.close();
    }
    const starts = site.requests.filter((r) => r.path !== '/robots.txt').map((r) => r.at);
    expect(starts.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(390);
  });

  it('fetches nothing robots.txt disallows, seeds included, unless told to ignore it', async () => {
    site = await startTestPortal({
      files: (files) => {
        files.set('/robots.txt', { body: Buffer.from('User-agent: *\nDisallow: /news/\n'), contentType: 'text/plain' });
      },
    });
    const store = openStore(tempDb());
    try {
      await crawl(store, site.url('/'), { maxPages: 60 });
      expect(site.requestsMatching(/^\/news\//)).toEqual([]);
      expect(store.frontierState(site.url('/news/'))).toBe('skipped');
    } finally {
      store.close();
    }
  });
});

describe('incremental crawling', () => {
  it('fetches only new articles and stops paging at a list of known articles', async () => {
    const site = await startTestPortal();
    const store = openStore(tempDb());
    try {
      await crawl(store, site.url('/'));
      const firstRun = site.requests.length;
      const known = site.portal.articles.map((a) => a.path);

      site.serve(buildDemoPortal({ extraNews: 2 }));
      const summary = await crawl(store, site.url('/'));
      const second = site.requests.slice(firstRun).map((r) => r.path);

      expect(summary.articlesNew).toBe(2);
      const fresh = site.portal.articles.filter((a) => !known.includes(a.path));
      expect(fresh).toHaveLength(2);
      for (const a of fresh) expect(second).toContain(a.path);
      // Known articles are not fetched again.
      expect(second.filter((p) => known.includes(p))).toEqual([]);
      // Seeds and the first list page of each section are revisited ...
      expect(second).toContain('/');
      expect(second).toContain('/news/');
      expect(second).toContain('/industry/');
      // ... the news section pages on past its new articles, the unchanged sections do not.
      expect(second).toContain('/news/list-2.html');
      expect(second).not.toContain('/industry/list_3_2.html');
      expect(second).not.toContain('/policy/index_2.html');
      // A page of the site read as neither article nor list (the footer's about page) rests for a week.
      expect(second).not.toContain('/about.html');
      expect(storedArticles(store)).toHaveLength(site.portal.articles.length);

      // --full walks every list page again.
      const beforeFull = site.requests.length;
      await crawl(store, site.url('/'), { full: true });
      const full = site.requests.slice(beforeFull);
      expect(full.map((r) => r.path)).toContain('/industry/list_3_2.html');
      // A page that is not a hub is revisited with a conditional GET and answered 304.
      const about = full.filter((r) => r.path === '/about.html');
      expect(about).toHaveLength(1);
      expect(about[0]).toMatchObject({ conditional: true, status: 304 });
      expect(full.filter((r) => known.includes(r.path))).toEqual([]);

      // The unchanged sections' first list pages, fetched by all three runs, hold their bytes once.
      const industry = store.connection
        .prepare('SELECT length(body) AS stored, body_of FROM pages WHERE url = ? ORDER BY id')
        .all(site.url('/industry/')) as { stored: number; body_of: number | null }[];
      expect(industry).toHaveLength(3);
      expect(industry[0]!.body_of).toBeNull();
      expect(industry.slice(1).map((r) => r.stored)).toEqual([0, 0]);
      expect(industry.slice(1).every((r) => r.body_of !== null)).toBe(true);
    } finally {
      store.close();
      await site.close();
    }
  });

  it('--refresh-views adds a views observation per known article', async () => {
    const site = await startTestPortal();
    const store = openStore(tempDb());
    try {
      await crawl(store, site.url('/'));
      const summary = await crawl(store, site.url('/'), { refreshViews: true });
      expect(summary.viewsObservations).toBeGreaterThanOrEqual(site.portal.articles.length);
      const withHistory = [...store.articles({ withViewsHistory: true })];
      const dede = withHistory.find((a) => a.url.includes('/industry/2022/'))!;
      expect(dede.viewsHistory?.length).toBeGreaterThanOrEqual(2);
    } finally {
      store.close();
      await site.close();
    }
  });
});

describe('discovery', () => {
  it('crawls an article that only the RSS feed links to', async () => {
    const site = await startTestPortal({
      files: (files) => {
        const [path, someArticle] = [...files.entries()].find(([p]) => p.startsWith('/company/20'))!;
        // Its own story (the same one under a second URL would be stored once: see below).
        const title = buildDemoPortal().articles.find((a) => a.path === path)!.title;
        const text = iconv.decode(someArticle.body, 'gbk').replaceAll(title, '只在订阅源里出现的一篇新闻');
        files.set('/company/2022-05-01/999.html', { ...someArticle, body: iconv.encode(text, 'gbk') });
        const rss = files.get('/rss.xml')!;
        files.set('/rss.xml', {
          ...rss,
          body: Buffer.from(
            rss.body.toString('utf-8').replace('</channel>', '<item><link>__ORIGIN__/company/2022-05-01/999.html</link></item></channel>'),
          ),
        });
      },
    });
    const store = openStore(tempDb());
    try {
      await crawl(store, site.url('/'));
      expect(site.requestsTo('/company/2022-05-01/999.html')).toHaveLength(1);
      expect(store.hasArticle(site.url('/company/2022-05-01/999.html'))).toBe(true);
    } finally {
      store.close();
      await site.close();
    }
  });
});

/** What a hand-written test site answers for a path: a page, a redirect, or nothing (404). */
type SiteAnswer = { body: string; contentType?: string } | { redirect: string } | { status: number } | null;

/** A small site on 127.0.0.1 answering from `route`, with the paths it was asked for, in order. */
async function startRoutedSite(
  route: (url: URL) => SiteAnswer,
): Promise<{ origin: string; requests: string[]; times: number[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const times: number[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    times.push(performance.now());
    const answer = route(url);
    if (answer !== null && 'redirect' in answer) {
      res.writeHead(302, { location: answer.redirect });
      res.end();
      return;
    }
    if (answer !== null && 'status' in answer) {
      res.writeHead(answer.status, { 'content-type': 'text/plain' });
      res.end('unavailable');
      return;
    }
    res.writeHead(answer === null ? 404 : 200, { 'content-type': answer?.contentType ?? 'text/html; charset=utf-8' });
    res.end(answer?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    times,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets (one whose answer the crawler dropped unread among them) would hold close() for seconds.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The article pages /<folder>/show-N.html of a routed site. */
function articleAt(url: URL, folder = 'news'): SiteAnswer {
  const id = new RegExp(`^/${folder}/show-(\\d)\\.html$`).exec(url.pathname)?.[1];
  return id ? { body: articleHtml(articleSpec(Number(id))) } : null;
}

describe('an incremental run through a numbered pager', () => {
  it('pages on one page at a time, and stops at the first page of known articles', async () => {
    let fresh = 0;
    const PER_PAGE = 3;
    const PAGES = 4;
    const site = await startRoutedSite((url) => {
      const article = /^\/news\/show-(\d+)\.html$/.exec(url.pathname)?.[1];
      if (article) return { body: articleHtml(articleSpec(Number(article))) };
      if (url.pathname === '/') return { body: listHtml('首页', [{ href: '/news/list-1.html', text: '更多新闻动态' }]) };
      const list = /^\/news\/list-(\d)\.html$/.exec(url.pathname)?.[1];
      if (!list) return null;
      const page = Number(list);
      // Newest first: ids 1..12 on the first run, then `fresh` more on top.
      const ids = Array.from({ length: PER_PAGE }, (_, k) => PER_PAGE * PAGES + fresh - ((page - 1) * PER_PAGE + k));
      const entries = ids.map((id) => ({ href: `/news/show-${id}.html`, text: articleSpec(id).title }));
      const pager = Array.from({ length: PAGES }, (_, k) => `<a href="/news/list-${k + 1}.html">${k + 1}</a>`).join(' ');
      const html = listHtml(`新闻动态 第${page}页`, entries).replace('</ul></div></div>', `</ul></div><div class="pages">${pager}</div></div>`);
      return { body: html };
    });
    const store = openStore(tempDb());
    try {
      await crawl(store, `${site.origin}/`);
      for (let page = 2; page <= PAGES; page++) expect(site.requests).toContain(`/news/list-${page}.html`);
      const firstRun = site.requests.length;
      fresh = 2;
      const summary = await crawl(store, `${site.origin}/`);
      const second = site.requests.slice(firstRun);
      expect(summary.articlesNew).toBe(2);
      // Page 1 holds the new stories, page 2 only known ones: paging ends there, pages 3 and 4 are not read.
      expect(second.filter((p) => p.startsWith('/news/list-'))).toEqual(['/news/list-1.html', '/news/list-2.html']);
    } finally {
      store.close();
      await site.close();
    }
  });
});

describe('a mobile copy naming its desktop article as canonical', () => {
  it('is stored under the canonical URL, once; a canonical link to the home page is ignored', async () => {
    const site = await startRoutedSite((url) => {
      if (url.pathname === '/') {
        return {
          body: listHtml('首页', [
            { href: '/m/news/show-1.html', text: articleSpec(1).title },
            { href: '/m/news/show-2.html', text: articleSpec(2).title },
          ]),
        };
      }
      const mobile = /^\/m\/news\/show-(\d)\.html$/.exec(url.pathname)?.[1];
      if (mobile) {
        const canonical = mobile === '1' ? `/news/show-${mobile}.html` : '/';
        const html = articleHtml(articleSpec(Number(mobile))).replace('</head>', `<link rel="canonical" href="${canonical}"></head>`);
        return { body: html };
      }
      return articleAt(url);
    });
    const store = openStore(tempDb());
    try {
      const summary = await crawl(store, `${site.origin}/`, { concurrency: 1 });
      expect(summary.articlesNew).toBe(2);
      expect(storedArticles(store).map((a) => pathOf(a.url)).sort()).toEqual(['/m/news/show-2.html', '/news/show-1.html']);
    } finally {
      store.close();
      await site.close();
    }
  });
});

describe('pages a crawl cannot or must not have', () => {
  it('reports an anti-bot challenge as blocked and stores nothing for it', async () => {
    const challenge = `<html><head><meta charset="utf-8"></head><body><script>document.cookie="_wafid=8f2a;path=/";location.reload();</script></body></html>`;
    const site = await startRoutedSite((url) => {
      if (url.pathname === '/') {
        return { body: listHtml('首页', [1, 2].map((id) => ({ href: `/zcwj/show-${id}.html`, text: articleSpec(id).title })).concat([{ href: '/news/show-3.html', text: articleSpec(3).title }])) };
      }
      if (url.pathname.startsWith('/zcwj/')) return { body: challenge };
      return articleAt(url);
    });
    const store = openStore(tempDb());
    try {
      const summary = await crawl(store, `${site.origin}/`);
      expect(summary.articlesNew).toBe(1);
      expect(summary.failures['blocked-challenge']).toBe(2);
      expect(store.frontierState(`${site.origin}/zcwj/show-1.html`)).toBe('failed');
      expect(store.connection.prepare("SELECT count(*) FROM pages WHERE url LIKE '%/zcwj/%'").pluck().get()).toBe(0);
    } finally {
      store.close();
      await site.close();
    }
  });

  it('does not download an attachment behind a page-like link: skipped on its headers', async () => {
    const site = await startRoutedSite((url) => {
      if (url.pathname === '/') {
        return { body: listHtml('首页', [{ href: '/news/show-1.html', text: articleSpec(1).title }, { href: '/xxgk/download.jsp?fileId=8812', text: '2024年度工作报告全文下载' }]) };
      }
      if (url.pathname === '/xxgk/download.jsp') return { body: `%PDF-1.4 ${'x'.repeat(200_000)}`, contentType: 'application/pdf' };
      return articleAt(url);
    });
    const store = openStore(tempDb());
    try {
      const summary = await crawl(store, `${site.origin}/`);
      expect(summary.articlesNew).toBe(1);
      expect(store.frontierState(`${site.origin}/xxgk/download.jsp?fileId=8812`)).toBe('skipped');
      expect(store.connection.prepare("SELECT count(*) FROM pages WHERE url LIKE '%download.jsp%'").pluck().get()).toBe(0);
      expect(Object.keys(summary.failures)).not.toContain('not-a-page');
    } finally {
      store.close();
      await site.close();
    }
  });

  it('spaces redirect hops by the host delay, and does not follow a redirect to another site', async () => {
    let origin = '';
    const site = await startRoutedSite((url) => {
      if (url.pathname === '/') return { body: listHtml('首页', [{ href: '/old/show-1.html', text: articleSpec(1).title }, { href: '/ext.html', text: '合作伙伴动态' }]) };
      if (url.pathname === '/old/show-1.html') return { redirect: '/news/show-1.html' };
      if (url.pathname === '/ext.html') return { redirect: `${origin.replace('127.0.0.1', 'localhost')}/elsewhere.html` };
      return articleAt(url);
    });
    origin = site.origin;
    const store = openStore(tempDb());
    try {
      await crawl(store, `${site.origin}/`, { concurrency: 1 }, { delayMs: 300, perHost: 1 });
      const hop = site.requests.indexOf('/old/show-1.html');
      expect(site.requests[hop + 1]).toBe('/news/show-1.html');
      expect(site.times[hop + 1]! - site.times[hop]!).toBeGreaterThanOrEqual(290);
      expect(site.requests).not.toContain('/elsewhere.html');
      expect(store.frontierState(`${site.origin}/ext.html`)).toBe('skipped');
    } finally {
      store.close();
      await site.close();
    }
  });
});

describe('a page that failed for a passing reason', () => {
  it('is tried again by the next run, and a dead link is not', async () => {
    let down = true;
    const site = await startRoutedSite((url) => {
      if (url.pathname === '/') {
        return {
          body: listHtml('首页', [1, 2, 3].map((id) => ({ href: `/news/show-${id}.html`, text: articleSpec(id).title })).concat([
            { href: '/news/show-9.html', text: articleSpec(9).title },
          ])),
        };
      }
      if (url.pathname === '/news/show-2.html' && down) return { status: 503 };
      if (url.pathname === '/news/show-9.html') return null;
      return articleAt(url);
    });
    const store = openStore(tempDb());
    try {
      const first = await crawl(store, `${site.origin}/`, { retries: 1 });
      expect(first.articlesNew).toBe(2);
      expect(first.failures['http-503']).toBe(1);
      expect(store.frontierState(`${site.origin}/news/show-2.html`)).toBe('failed');
      down = false;
      const before = site.requests.length;
      const second = await crawl(store, `${site.origin}/`, { retries: 1 });
      expect(second.articlesNew).toBe(1);
      expect(store.hasArticle(`${site.origin}/news/show-2.html`)).toBe(true);
      expect(site.requests.slice(before)).not.toContain('/news/show-9.html');
    } finally {
      store.close();
      await site.close();
    }
  });
});

describe('traps, without --max-pages', () => {
  it('ends: list pages repeating themselves, empty pages past the last, an endless calendar', async () => {
    const articles = [1, 2, 3].map((id) => ({ href: `/news/show-${id}.html`, text: articleSpec(id).title }));
    const site = await startRoutedSite((url) => {
      const page = Number(url.searchParams.get('page') ?? '1');
      const day = /^\/calendar\/(\d{4}-\d{2}-\d{2})\.html$/.exec(url.pathname)?.[1];
      const shift = (d: number) => new Date(Date.parse(`${day}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
      if (url.pathname === '/') {
        return {
          body: listHtml('首页', [
            ...articles,
            { href: '/news/list.php?page=1', text: '更多新闻动态' },
            { href: '/empty/list.php?page=1', text: '商会通知公告' },
            { href: '/calendar/2026-11-27.html', text: '商会活动日历' },
          ]),
        };
      }
      if (url.pathname === '/news/list.php') {
        // Every page number answers with the same three stories and a link to the next number.
        return { body: listHtml(`新闻动态 第${page}页`, [...articles, { href: `/news/list.php?page=${page + 1}`, text: '下一页' }]) };
      }
      if (url.pathname === '/empty/list.php') {
        return { body: listHtml(`通知公告 第${page}页`, [{ href: `/empty/list.php?page=${page + 1}`, text: '下一页' }]) };
      }
      if (day) {
        return {
          body: listHtml(`${day} 活动日历`, [
            { href: `/calendar/${shift(-1)}.html`, text: '前一天' },
            { href: `/calendar/${shift(1)}.html`, text: '后一天' },
          ]),
        };
      }
      return articleAt(url);
    });
    const store = openStore(tempDb());
    try {
      const summary = await crawl(store, `${site.origin}/`);
      expect(summary.articlesNew).toBe(3);
      const count = (prefix: string) => site.requests.filter((p) => p.startsWith(prefix)).length;
      expect(count('/news/list.php')).toBeLessThanOrEqual(3);
      expect(count('/empty/list.php')).toBeLessThanOrEqual(6);
      expect(count('/calendar/')).toBeLessThanOrEqual(12);
      expect(site.requests.length).toBeLessThan(40);
    } finally {
      store.close();
      await site.close();
    }
  });
});

describe('redirects and robots.txt', () => {
  it('never follows a redirect to where robots.txt forbids, and counts it as skipped, not failed', async () => {
    const site = await startRoutedSite((url) => {
      if (url.pathname === '/robots.txt') return { body: 'User-agent: *\nDisallow: /private/\n', contentType: 'text/plain' };
      if (url.pathname === '/go.php') return { redirect: '/private/show-2.html' };
      if (url.pathname === '/') {
        return {
          body: listHtml('首页', [
            { href: '/news/show-1.html', text: articleSpec(1).title },
            { href: '/go.php?id=2', text: articleSpec(2).title },
          ]),
        };
      }
      return articleAt(url) ?? articleAt(url, 'private');
    });
    const store = openStore(tempDb());
    try {
      const summary = await crawl(store, `${site.origin}/`);
      expect(site.requests).toContain('/go.php');
      expect(site.requests.filter((p) => p.startsWith('/private/'))).toEqual([]);
      expect(summary.articlesNew).toBe(1);
      // (The list template's own nav links 404 here; the refused redirect is not among the failures.)
      expect(Object.keys(summary.failures)).not.toContain('redirect-refused');
      expect(store.frontierState(`${site.origin}/go.php?id=2`)).toBe('skipped');
    } finally {
      store.close();
      await site.close();
    }
  });
});

describe('an article behind a redirect', () => {
  it('is stored once, under the URL it lives at, and that URL is not fetched again', async () => {
    const site = await startRoutedSite((url) => {
      if (url.pathname === '/old/show-3.html') return { redirect: '/news/show-3.html' };
      if (url.pathname === '/') return { body: listHtml('首页', [{ href: '/old/show-3.html', text: articleSpec(3).title }, { href: '/more.html', text: '更多新闻动态' }]) };
      // Reached after the redirect has been followed: a link to the article's own URL.
      if (url.pathname === '/more.html') return { body: listHtml('新闻动态', [{ href: '/news/show-3.html', text: articleSpec(3).title }]) };
      return articleAt(url);
    });
    const store = openStore(tempDb());
    try {
      const summary = await crawl(store, `${site.origin}/`, { concurrency: 1 });
      expect(summary.articlesNew).toBe(1);
      expect(storedArticles(store).map((a) => pathOf(a.url))).toEqual(['/news/show-3.html']);
      expect(site.requests.filter((p) => p === '/news/show-3.html')).toHaveLength(1);
    } finally {
      store.close();
      await site.close();
    }
  });
});

describe('an alias redirecting to a page the crawl has', () => {
  it('is not followed: the target is fetched once, the alias skipped, not failed', async () => {
    const site = await startRoutedSite((url) => {
      if (url.pathname === '/news/index.html') return { redirect: '/news/' };
      if (url.pathname === '/old/show-1.html') return { redirect: '/news/show-1.html' };
      if (url.pathname === '/') {
        return { body: listHtml('首页', [{ href: '/news/', text: '更多新闻动态' }, { href: '/news/show-1.html', text: articleSpec(1).title }]) };
      }
      if (url.pathname === '/news/') {
        return {
          body: listHtml('新闻动态', [
            { href: '/news/show-1.html', text: articleSpec(1).title },
            { href: '/news/show-2.html', text: articleSpec(2).title },
            { href: '/news/index.html', text: '新闻首页' },
            { href: '/old/show-1.html', text: '旧址：晋商年会' },
          ]),
        };
      }
      return articleAt(url);
    });
    const store = openStore(tempDb());
    try {
      const summary = await crawl(store, `${site.origin}/`, { concurrency: 1 });
      expect(summary.articlesNew).toBe(2);
      expect(site.requests.filter((p) => p === '/news/')).toHaveLength(1);
      expect(site.requests.filter((p) => p === '/news/show-1.html')).toHaveLength(1);
      expect(site.requests).toContain('/old/show-1.html');
      expect(store.frontierState(`${site.origin}/old/show-1.html`)).toBe('skipped');
      expect(store.frontierState(`${site.origin}/news/index.html`)).toBe('skipped');
      // (The list template's own nav links 404 here; the aliases are not among the failures.)
      expect(Object.keys(summary.failures)).toEqual(['http-404']);
    } finally {
      store.close();
      await site.close();
    }
  });
});

describe('list pagination named like article continuations', () => {
  it('reads index_2.html and index_3.html of a section reached as index.html: they are pages of a list', async () => {
    const site = await startRoutedSite((url) => {
      const listPage = /^\/news\/index(?:_(\d))?\.html$/.exec(url.pathname);
      if (url.pathname === '/') return { body: listHtml('首页', [{ href: '/news/index.html', text: '更多新闻动态' }]) };
      if (!listPage) return articleAt(url);
      const page = Number(listPage[1] ?? '1');
      const entries = [1, 2].map((k) => (page - 1) * 2 + k).map((id) => ({ href: `/news/show-${id}.html`, text: articleSpec(id).title }));
      const next = page < 3 ? [{ href: `/news/index_${page + 1}.html`, text: '下一页' }] : [];
      return { body: listHtml(`新闻动态 第${page}页`, [...entries, ...next]) };
    });
    const store = openStore(tempDb());
    try {
      const summary = await crawl(store, `${site.origin}/`);
      expect(site.requests).toContain('/news/index_3.html');
      expect(summary.articlesNew).toBe(6);
    } finally {
      store.close();
      await site.close();
    }
  });
});

describe('a portal whose root only redirects', () => {
  it('follows the meta refresh to the real home page and crawls everything from there', async () => {
    const site = await startTestPortal({
      files: (files) => {
        // The home page moves to /portal/ (its links are root-relative); / only sends browsers there.
        files.set('/portal/', files.get('/')!);
        // No sitemap or feed to fall back on: every article must be found through /portal/.
        for (const path of [...files.keys()]) if (/sitemap|rss|atom/.test(path)) files.delete(path);
        files.set('/', {
          contentType: 'text/html; charset=utf-8',
          body: Buffer.from('<html><head><meta http-equiv="refresh" content="0; url=/portal/"></head><body></body></html>'),
        });
      },
    });
    const store = openStore(tempDb());
    try {
      const summary = await crawl(store, site.url('/'));
      expect(site.requestsTo('/portal/')).toHaveLength(1);
      // All but the one story the demo portal lists only in its (here removed) sitemap.
      expect(summary.articlesNew).toBe(site.portal.articles.length - 1);
    } finally {
      store.close();
      await site.close();
    }
  });
});

describe('one story under two URLs', () => {
  it('is stored once: the second URL is fetched, recognised and skipped', async () => {
    const twin = '/news/show.php?itemid=109';
    const site = await startTestPortal({
      files: (files) => {
        files.set(twin, files.get('/news/show-109.html')!);
        const home = files.get('/')!;
        const html = home.body.toString('utf-8').replace('</body>', `<ul><li><a href="${twin}">临汾陶瓷企业集体“上云”</a></li></ul></body>`);
        files.set('/', { ...home, body: Buffer.from(html) });
      },
    });
    const store = openStore(tempDb());
    try {
      const summary = await crawl(store, site.url('/'));
      expect(site.requestsTo(twin)).toHaveLength(1);
      expect(site.requestsTo('/news/show-109.html')).toHaveLength(1);
      expect(summary.articlesDuplicate).toBe(1);
      const stored = storedArticles(store).map((a) => pathOf(a.url));
      expect(stored.filter((p) => p === twin || p === '/news/show-109.html')).toHaveLength(1);
      expect(stored).toHaveLength(site.portal.articles.length);
      expect(store.frontierState(site.url(twin))).toBe('done');

      // A later run that walks everything does not store it either.
      const again = await crawl(store, site.url('/'), { full: true });
      expect(again.articlesNew).toBe(0);
      expect(storedArticles(store)).toHaveLength(site.portal.articles.length);
    } finally {
      store.close();
      await site.close();
    }
  });
});

describe('scope options', () => {
  it('--max-depth counts links from the seed but not list paging', async () => {
    const site = await startTestPortal();
    const store = openStore(tempDb());
    try {
      await crawl(store, site.url('/'), { maxDepth: 1 });
      // Section lists are one link from the home page, and so are all their pages ...
      expect(site.requestsTo('/industry/list_3_2.html')).toHaveLength(1);
      // ... but the articles only those lists link to are two links away.
      const oldestIndustry = site.portal.articles.filter((a) => a.path.startsWith('/industry/')).at(-1)!;
      expect(site.requestsTo(oldestIndustry.path)).toEqual([]);
      // Articles linked from the home page itself are one link away.
      const newestIndustry = site.portal.articles.find((a) => a.path.startsWith('/industry/'))!;
      expect(site.requestsTo(newestIndustry.path)).toHaveLength(1);
    } finally {
      store.close();
      await site.close();
    }
  });

  it('--exclude and --include keep the crawl to the URLs asked for', async () => {
    const site = await startTestPortal();
    const store = openStore(tempDb());
    try {
      await crawl(store, site.url('/'), { exclude: ['/company/'], include: ['/(news|company|industry)/', '^http://[^/]+/$'] });
      expect(site.requestsMatching(/^\/company\//)).toEqual([]);
      expect(site.requestsMatching(/^\/(policy|html)\//)).toEqual([]);
      expect(site.requestsMatching(/^\/news\/show-/).length).toBeGreaterThan(5);
    } finally {
      store.close();
      await site.close();
    }
  });

  it('--max-pages stops after that many pages and leaves the rest queued for the next run', async () => {
    const site = await startTestPortal();
    const store = openStore(tempDb());
    try {
      const first = await crawl(store, site.url('/'), { maxPages: 10 });
      expect(first.pagesFetched).toBeLessThanOrEqual(12); // continuation pages ride along with their article
      expect(first.queuedLeft).toBeGreaterThan(0);
      expect(first.interrupted).toBe(false);
      await crawl(store, site.url('/'));
      expect(storedArticles(store)).toHaveLength(site.portal.articles.length);
    } finally {
      store.close();
      await site.close();
    }
  });
});
