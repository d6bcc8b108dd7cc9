import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FatalError } from '../../src/errors.js';
import { articleContentKey } from '../../src/store/content-key.js';
import { openStore } from '../../src/store/open.js';
import type { Article } from '../../src/types.js';
import { makeArticle, makeResponse, tempDir } from './helpers.js';

const URL1 = 'http://www.example.com/news/show-1.html';

function open() {
  return openStore(path.join(tempDir(), 'nh.db'));
}

function tableCounts(store: ReturnType<typeof open>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of ['pages', 'articles', 'images', 'views_history', 'articles_fts']) {
    out[table] = store.connection.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }
  return out;
}

describe('views of a stored article', () => {
  it('keep the last count seen when a later visit reads none', () => {
    const store = open();
    const run = store.startRun([URL1]);
    store.savePage(run, makeResponse(URL1), makeArticle());
    expect(store.savePage(run, makeResponse(URL1), { ...makeArticle(), views: null })).toBe('unchanged');
    expect([...store.articles({})][0]?.views).toBe(5595);
    expect(store.savePage(run, makeResponse(URL1), { ...makeArticle(), views: null, title: '新标题：晋商年会举行' })).toBe('updated');
    expect([...store.articles({})][0]?.views).toBe(5595);
    store.savePage(run, makeResponse(URL1), { ...makeArticle(), views: 6000 });
    expect([...store.articles({})][0]?.views).toBe(6000);
    store.close();
  });
});

describe('savePage', () => {
  it('stores the response, the article with images and views, and marks the URL done', () => {
    const store = open();
    const run = store.startRun([URL1]);
    store.enqueue([{ url: URL1, depth: 0, foundOn: null }]);
    store.claim(1, new Date());
    const response = makeResponse(URL1, { headers: { etag: '"v1"', 'last-modified': 'Sun, 27 Feb 2022 02:05:00 GMT' } });
    expect(store.savePage(run, response, makeArticle())).toBe('new');
    expect(store.frontierState(URL1)).toBe('done');
    expect(store.hasArticle(URL1)).toBe(true);
    expect(store.hasSite('WWW.example.com')).toBe(true);
    expect(store.hasSite('other.example')).toBe(false);
    expect(store.conditional(URL1)).toEqual({ etag: '"v1"', lastModified: 'Sun, 27 Feb 2022 02:05:00 GMT' });
    expect(store.conditional('http://www.example.com/unknown')).toBeNull();
    expect(store.lastVisit(URL1)).toEqual({ kind: 'article', fetchedAt: '2026-11-27T05:00:00.000Z' });
    expect(store.lastVisit('http://www.example.com/unknown')).toBeNull();
    const about = 'http://www.example.com/about.html';
    store.savePage(run, makeResponse(about, { kind: 'list', fetchedAt: new Date('2026-11-20T05:00:00Z') }), null);
    store.savePage(run, makeResponse(about, { kind: 'other' }), null);
    expect(store.lastVisit(about)).toEqual({ kind: 'other', fetchedAt: '2026-11-27T05:00:00.000Z' });
    const [stored] = [...store.articles({ withViewsHistory: true })];
    const { viewsHistory, ...article } = stored ?? {};
    expect(article).toEqual(makeArticle());
    expect(viewsHistory).toEqual([{ at: '2026-11-27T05:00:00.000Z', views: 5595 }]);
    // The body is stored compressed and comes back byte for byte.
    const [back] = [...store.responses({})];
    expect(Buffer.from(back?.body ?? []).equals(Buffer.from(response.body))).toBe(true);
    expect(back).toMatchObject({ url: URL1, status: 200, kind: 'article', requestHeaders: { 'user-agent': 'newsharvest-test' } });
    const stored_size = store.connection.prepare('SELECT length(body) AS c, body_size AS s, body_encoding AS e FROM pages').get() as {
      c: number;
      s: number;
      e: string;
    };
    expect(stored_size.e).toBe('br');
    expect(stored_size.c).toBeLessThan(stored_size.s / 3);
    store.close();
  });

  it('tells new, updated and unchanged apart; a list page is page-only', () => {
    const store = open();
    const run = store.startRun([]);
    const response = makeResponse(URL1);
    expect(store.savePage(run, response, makeArticle())).toBe('new');
    expect(store.savePage(run, response, makeArticle({ views: 6000, fetchedAt: '2026-11-28T05:00:00.000Z' }))).toBe('unchanged');
    expect(store.savePage(run, response, makeArticle({ editor: '张三' }))).toBe('updated');
    expect(store.savePage(run, response, makeArticle({ editor: '张三', images: [] }))).toBe('updated');
    expect(store.savePage(run, response, makeArticle({ editor: '张三', images: [] }))).toBe('unchanged');
    expect(store.savePage(run, makeResponse('http://www.example.com/list-1.html', { kind: 'list' }), null)).toBe('page-only');
    const [article] = [...store.articles({ withViewsHistory: true })];
    expect(article?.editor).toBe('张三');
    expect(article?.images).toEqual([]);
    expect(article?.viewsHistory?.map((v) => v.views)).toEqual([5595, 6000]);
    expect(tableCounts(store)).toEqual({ pages: 6, articles: 1, images: 0, views_history: 2, articles_fts: 1 });
    store.close();
  });

  it('stores the bytes of an unchanged revisit once, and responses() still gives every body', () => {
    const store = open();
    const run = store.startRun([]);
    const LIST = 'http://www.example.com/news/';
    const v1 = makeResponse(LIST, { kind: 'list', fetchedAt: new Date('2026-11-27T05:00:00Z') });
    const again = makeResponse(LIST, { kind: 'list', fetchedAt: new Date('2026-11-28T05:00:00Z') });
    const changed = makeResponse(LIST, {
      kind: 'list',
      body: Buffer.from(`${v1.body.toString()}<p>新的一条</p>`),
      fetchedAt: new Date('2026-11-29T05:00:00Z'),
    });
    for (const response of [v1, again, again, changed, changed]) store.savePage(run, response, null);
    store.savePage(run, makeResponse(URL1), null);

    const rows = store.connection
      .prepare('SELECT id, url, length(body) AS stored, body_size, body_of FROM pages ORDER BY id')
      .all() as { id: number; url: string; stored: number; body_size: number; body_of: number | null }[];
    expect(rows.map((r) => r.body_of)).toEqual([null, 1, 1, null, 4, null]);
    expect(rows.map((r) => r.stored === 0)).toEqual([false, true, true, false, true, false]);
    // body_size is the response's own size either way.
    expect(rows[1]!.body_size).toBe(v1.body.length);
    expect(rows[4]!.body_size).toBe(changed.body.length);

    const back = [...store.responses({})];
    expect(back.map((r) => r.fetchedAt.toISOString().slice(0, 10))).toEqual([
      '2026-11-27', '2026-11-28', '2026-11-28', '2026-11-29', '2026-11-29', '2026-11-27',
    ]);
    const bodies = back.map((r) => Buffer.from(r.body).toString());
    expect(bodies.slice(0, 3)).toEqual([v1.body.toString(), v1.body.toString(), v1.body.toString()]);
    expect(bodies.slice(3, 5)).toEqual([changed.body.toString(), changed.body.toString()]);
    expect(store.integrityCheck()).toEqual([]);
    store.close();
  });

  it('finds a stored story by its content key, spacing aside; short bodies have none', () => {
    const store = open();
    const run = store.startRun([]);
    const article = makeArticle({ body: '全省开发区项目集中开工，总投资超过千亿元。'.repeat(12) });
    store.savePage(run, makeResponse(URL1), article);
    const key = articleContentKey(` ${article.title} `, article.body!.replaceAll('。', '。 '));
    expect(key).toMatch(/^[0-9a-f]{40}$/);
    expect(store.articlesWithContent(key!)).toEqual([URL1]);
    expect(store.articlesWithContent(articleContentKey('另一个标题', article.body)!)).toEqual([]);
    expect(articleContentKey(article.title, '详见附件。')).toBeNull();
    expect(articleContentKey(article.title, null)).toBeNull();
    store.close();
  });

  it('writes nothing when any part fails', () => {
    const store = open();
    const run = store.startRun([]);
    store.enqueue([{ url: URL1, depth: 0, foundOn: null }]);
    store.claim(1, new Date());
    // An image without src violates NOT NULL after the page and article rows were written.
    const broken = makeArticle({ images: [{ src: null as unknown as string, caption: null, alt: null }] });
    expect(() => store.savePage(run, makeResponse(URL1), broken)).toThrow(/NOT NULL/);
    expect(tableCounts(store)).toEqual({ pages: 0, articles: 0, images: 0, views_history: 0, articles_fts: 0 });
    expect(store.frontierState(URL1)).toBe('in-flight');
    expect(store.search('项目', {})).toEqual([]);
    store.close();
  });

  it('round-trips an article whose optional fields are all null', () => {
    const store = open();
    const bare = makeArticle({
      title: null,
      publishedAt: null,
      source: null,
      summary: null,
      body: null,
      views: null,
      images: [],
      language: null,
      extraction: { viewsUrl: 'http://www.example.com/count.php?id=1', warnings: ['no body found'], profile: 'generic' },
    });
    expect(store.savePage(store.startRun([]), makeResponse(URL1), bare)).toBe('new');
    expect([...store.articles({ withViewsHistory: true })]).toEqual([{ ...bare, viewsHistory: [] }]);
    // Same values with the extraction keys in another order: unchanged.
    const reordered = { ...bare, extraction: { profile: 'generic', viewsUrl: bare.extraction.viewsUrl, warnings: ['no body found'] } };
    expect(store.savePage(store.startRun([]), makeResponse(URL1), reordered)).toBe('unchanged');
    store.close();
  });

  it('keeps images in order with captions and alt', () => {
    const store = open();
    const images = [
      { src: 'http://www.example.com/b.jpg', caption: '图为项目现场', alt: null },
      { src: 'http://www.example.com/a.jpg', caption: null, alt: '签约仪式' },
      { src: 'http://www.example.com/c.jpg', caption: null, alt: null },
    ];
    store.savePage(store.startRun([]), makeResponse(URL1), makeArticle({ images }));
    expect([...store.articles({})][0]?.images).toEqual(images);
    store.close();
  });

  it('addViewsObservation records counter-script counts in the history, ordered by time', () => {
    const store = open();
    store.savePage(store.startRun([]), makeResponse(URL1), makeArticle({ views: null }));
    store.addViewsObservation(URL1, 120, new Date('2026-11-29T00:00:00Z'));
    store.addViewsObservation(URL1, 80, new Date('2026-11-28T00:00:00Z'));
    const [article] = [...store.articles({ withViewsHistory: true })];
    expect(article?.views).toBeNull();
    expect(article?.viewsHistory).toEqual([
      { at: '2026-11-28T00:00:00.000Z', views: 80 },
      { at: '2026-11-29T00:00:00.000Z', views: 120 },
    ]);
    expect([...store.articles({})][0]).not.toHaveProperty('viewsHistory');
    store.close();
  });

  it('updateArticle replaces the article and its index entry', () => {
    const store = open();
    store.savePage(store.startRun([]), makeResponse(URL1), makeArticle());
    store.updateArticle(makeArticle({ title: '晋商大会开幕', body: '晋商代表共商发展', summary: null }));
    expect(store.search('项目', {})).toEqual([]);
    expect(store.search('晋商', {}).map((h) => h.title)).toEqual(['晋商大会开幕']);
    const [article] = [...store.articles({})];
    expect(article?.summary).toBeNull();
    expect(store.integrityCheck()).toEqual([]);
    store.close();
  });

  it('responses() lets the caller write while iterating (reextract)', () => {
    const store = open();
    const run = store.startRun([]);
    for (let i = 0; i < 450; i++) {
      const url = `http://www.example.com/news/${i}.html`;
      store.savePage(run, makeResponse(url), i % 2 === 0 ? makeArticle({ url }) : null);
    }
    store.savePage(run, makeResponse('http://other.example/x.html'), null);
    let seen = 0;
    let lastId = 0;
    for (const response of store.responses({ site: 'www.example.com' })) {
      expect(response.id).toBeGreaterThan(lastId);
      lastId = response.id;
      seen++;
      store.updateArticle(makeArticle({ url: response.url, title: `re ${seen}` }));
    }
    expect(seen).toBe(450);
    expect([...store.responses({})]).toHaveLength(451);
    expect(store.articleCount({})).toBe(450);
    store.close();
  });

  it('a full disk surfaces as "database write failed: disk full" and committed data stays', () => {
    const store = open();
    const run = store.startRun([]);
    store.savePage(run, makeResponse(URL1), makeArticle());
    const pages = store.connection.pragma('page_count', { simple: true }) as number;
    store.connection.pragma(`max_page_count = ${pages}`);
    let caught: unknown;
    try {
      for (let i = 0; i < 50; i++) {
        const url = `http://www.example.com/news/big-${i}.html`;
        const body = Buffer.from(Array.from({ length: 40_000 }, (_, k) => String.fromCharCode(0x4e00 + ((k * 7919 + i) % 20000))).join(''));
        store.savePage(run, makeResponse(url, { body }), makeArticle({ url, body: body.toString() }));
      }
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FatalError);
    expect((caught as Error).message).toBe('database write failed: disk full');
    store.connection.pragma('max_page_count = 1073741823');
    expect(store.hasArticle(URL1)).toBe(true);
    expect(store.integrityCheck()).toEqual([]);
    store.close();
  });
});

describe('runs', () => {
  it('records runs and lists the most recent first', () => {
    const store = open();
    const first = store.startRun(['http://a.example/']);
    store.finishRun(first, 'finished', { pagesFetched: 10, articlesNew: 4, articlesUpdated: 1, failures: 2 });
    const second = store.startRun(['http://b.example/', 'http://c.example/']);
    const runs = store.runs();
    expect(runs.map((r) => r.id)).toEqual([second, first]);
    expect(runs[1]).toMatchObject({
      seeds: ['http://a.example/'],
      pagesFetched: 10,
      articlesNew: 4,
      articlesUpdated: 1,
      failures: 2,
      status: 'finished',
    });
    expect(runs[1]?.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(runs[0]).toMatchObject({ status: 'running', finishedAt: null, seeds: ['http://b.example/', 'http://c.example/'] });
    expect(store.runs(1).map((r) => r.id)).toEqual([second]);
    store.close();
  });
});

describe('siteStats', () => {
  it('counts articles, date range, last crawl and failures per site', () => {
    const store = open();
    const run = store.startRun([]);
    const a = (n: number, publishedAt: string | null): Article =>
      makeArticle({ url: `http://www.example.com/${n}.html`, publishedAt });
    store.savePage(run, makeResponse('http://www.example.com/1.html'), a(1, '2022-02-27T10:05:00+08:00'));
    store.savePage(run, makeResponse('http://www.example.com/2.html', { fetchedAt: new Date('2026-11-28T00:00:00Z') }), a(2, '2021-01-01'));
    store.savePage(run, makeResponse('http://www.example.com/3.html'), a(3, null));
    store.enqueue([
      { url: 'http://b.example/x', depth: 0, foundOn: null },
      { url: 'http://b.example/y', depth: 0, foundOn: null },
      { url: 'http://b.example/z', depth: 0, foundOn: null },
    ]);
    store.markFailed('http://b.example/x', 'http-404', null);
    store.markFailed('http://b.example/y', 'http-404', null);
    store.markFailed('http://b.example/z', 'timeout', null);
    expect(store.siteStats()).toEqual([
      { site: 'b.example', articles: 0, firstPublished: null, lastPublished: null, lastCrawl: null, failuresByReason: { 'http-404': 2, timeout: 1 } },
      {
        site: 'www.example.com',
        articles: 3,
        firstPublished: '2021-01-01T00:00:00.000Z',
        lastPublished: '2022-02-27T02:05:00.000Z',
        lastCrawl: '2026-11-28T00:00:00.000Z',
        failuresByReason: {},
      },
    ]);
    store.close();
  });
});
