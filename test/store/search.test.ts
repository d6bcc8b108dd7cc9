import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { openStore } from '../../src/store/open.js';
import { buildFtsQuery, segmentText, snippetAround } from '../../src/store/segment.js';
import { publishedUtc } from '../../src/store/sqlite-store.js';
import { makeArticle, makeResponse, tempDir } from './helpers.js';

function storeWith(articles: { url: string; title: string; body: string; summary?: string | null; publishedAt?: string | null; site?: string }[]) {
  const store = openStore(path.join(tempDir(), 'nh.db'));
  const run = store.startRun([]);
  for (const a of articles) {
    const site = a.site ?? 'www.example.com';
    const url = `http://${site}/${a.url}`;
    store.savePage(
      run,
      makeResponse(url),
      makeArticle({
        url,
        site,
        title: a.title,
        body: a.body,
        summary: a.summary ?? null,
        publishedAt: a.publishedAt === undefined ? '2022-02-27T10:05:00+08:00' : a.publishedAt,
        images: [],
      }),
    );
  }
  return store;
}

const urls = (hits: { url: string }[]) => hits.map((h) => h.url.replace(/^http:\/\/[^/]+\//, ''));

describe('segmentation', () => {
  it('turns Han runs into bigrams and lower-cases other words', () => {
    expect(segmentText('晋商会 iPhone15手机，项目')).toBe('晋商 商会 iphone15 手机 项目');
    expect(segmentText('山')).toBe('山');
    expect(segmentText('ＡＢＣ１２３')).toBe('abc123');
    expect(segmentText('')).toBe('');
  });

  it('builds quoted phrases joined by AND, never operators', () => {
    expect(buildFtsQuery('晋商会 Coal')).toBe('"晋商 商会" AND "coal"');
    expect(buildFtsQuery('商')).toBe('"商"*');
    expect(buildFtsQuery('a OR b')).toBe('"a" AND "or" AND "b"');
    expect(buildFtsQuery('" * NEAR( ^ :')).toBe('"near"');
    expect(buildFtsQuery('"*"  ，。')).toBeNull();
  });

  it('snippets mark the first occurrence in the original text', () => {
    const body = `${'前文'.repeat(30)}全省重点项目集中开工，项目总投资${'后文'.repeat(60)}`;
    const snippet = snippetAround(body, ['项目']);
    expect(snippet).toMatch(/^….*重点\[项目\]集中开工，\[项目\]总投资.*…$/);
    expect(snippetAround('Coal prices rose; charcoal did not.', ['coal'])).toBe('[Coal] prices rose; charcoal did not.');
  });
});

describe('search', () => {
  const docs = [
    { url: 'project', title: '全省开发区活动举行', body: '持续发力抓项目，奋楫当先促转型。\n重点项目集中签约。' },
    { url: 'jinshang', title: '晋商大会在太原召开', body: '来自各地的晋商代表参会。' },
    { url: 'scattered', title: '新闻', body: '项的目标与晋之商人，商会成立。' },
    { url: 'latin', title: 'Coal output rises', body: 'Shanxi coal output rose 5% in 2022.', site: 'en.example.com' },
    { url: 'charcoal', title: 'Charcoal', body: 'Charcoal makers met.', site: 'en.example.com' },
  ];

  it('finds two-character Chinese words and not characters scattered apart', () => {
    const store = storeWith(docs);
    expect(urls(store.search('项目', {}))).toEqual(['project']);
    expect(urls(store.search('晋商', {}))).toEqual(['jinshang']);
    expect(urls(store.search('商会', {}))).toEqual(['scattered']);
    expect(urls(store.search('晋商大会', {}))).toEqual(['jinshang']);
    expect(urls(store.search('晋商会', {}))).toEqual([]);
    expect(urls(store.search('项目 签约', {}))).toEqual(['project']);
    expect(urls(store.search('项目 晋商', {}))).toEqual([]);
    store.close();
  });

  it('finds Latin words whole and case-insensitively, with the site filter', () => {
    const store = storeWith(docs);
    expect(urls(store.search('COAL', {}))).toEqual(['latin']);
    expect(urls(store.search('coal', { site: 'www.example.com' }))).toEqual([]);
    expect(urls(store.search('2022', {}))).toEqual(['latin']);
    const [hit] = store.search('shanxi coal', {});
    expect(hit).toMatchObject({ url: 'http://en.example.com/latin', title: 'Coal output rises', site: 'en.example.com' });
    expect(hit?.snippet).toBe('[Shanxi] [coal] output rose 5% in 2022.');
    store.close();
  });

  it('ranks title matches first and returns a highlighted snippet from the original body', () => {
    const store = storeWith([
      { url: 'body-only', title: '其他新闻', body: '文中提到晋商一次。' },
      { url: 'in-title', title: '晋商故事', body: '晋商的历史很长。' },
    ]);
    const hits = store.search('晋商', {});
    expect(urls(hits)).toEqual(['in-title', 'body-only']);
    expect(hits[0]?.rank).toBeGreaterThan(hits[1]?.rank ?? Number.POSITIVE_INFINITY);
    expect(hits[0]?.snippet).toBe('[晋商]的历史很长。');
    expect(hits[1]?.snippet).toBe('文中提到[晋商]一次。');
    store.close();
  });

  it('treats FTS syntax in the query as text', () => {
    const store = storeWith([
      ...docs,
      { url: 'or-word', title: 'Either', body: 'this or that' },
      { url: 'near-word', title: 'Place', body: 'near the river' },
    ]);
    for (const q of ['"', '""', '*', 'NEAR(', 'title:', '^', '(', ')', '-', '+', "'", ';DROP TABLE articles;--']) {
      expect(() => store.search(q, {}), q).not.toThrow();
      expect(() => [...store.articles({ query: q })], q).not.toThrow();
    }
    expect(urls(store.search('coal OR 晋商', {}))).toEqual([]);
    expect(urls(store.search('OR', {}))).toEqual(['or-word']);
    expect(urls(store.search('NEAR( river)', {}))).toEqual(['near-word']);
    expect(urls(store.search('"coal', {}))).toEqual(['latin']);
    expect(urls(store.search('coa*', {}))).toEqual([]);
    expect(urls(store.search('title:晋商', {}))).toEqual([]);
    expect(store.search('*', {})).toEqual([]);
    expect(store.articleCount({ query: '"' })).toBe(0);
    expect(store.articleCount({})).toBe(docs.length + 2);
    store.close();
  });

  it('one-character queries find the character where it starts a bigram', () => {
    const store = storeWith(docs);
    expect(urls(store.search('晋', {}))).toEqual(['jinshang', 'scattered']);
    store.close();
  });
});

describe('articles() filters', () => {
  const dated = [
    { url: 'a', title: 'A', body: 'x', publishedAt: '2022-02-27T10:05:00+08:00' }, // 02:05Z
    { url: 'b', title: 'B', body: 'x', publishedAt: '2022-02-27T00:00:00Z' },
    { url: 'c', title: 'C', body: 'x', publishedAt: '2022-02-27' }, // counts as 00:00Z
    { url: 'd', title: 'D', body: 'x', publishedAt: '2022-02-28T07:59:59+08:00' }, // 2022-02-27T23:59:59Z
    { url: 'e', title: 'E', body: 'x', publishedAt: '2022-02-28T08:00:00+08:00' }, // 2022-02-28T00:00Z
    { url: 'f', title: 'F', body: 'x', publishedAt: null },
  ];

  it('since is inclusive and until exclusive, on UTC instants', () => {
    const store = storeWith(dated);
    const list = (filter: Parameters<typeof store.articles>[0]) => [...store.articles(filter)].map((a) => a.url.slice(-1));
    expect(list({})).toEqual(['e', 'd', 'a', 'b', 'c', 'f']);
    expect(list({ since: '2022-02-27T00:00:00Z', until: '2022-02-28T00:00:00Z' })).toEqual(['d', 'a', 'b', 'c']);
    expect(list({ since: '2022-02-27T00:00:00.001Z' })).toEqual(['e', 'd', 'a']);
    expect(list({ since: '2022-02-28T08:00:00+08:00' })).toEqual(['e']);
    expect(list({ until: '2022-02-27T02:05:00Z' })).toEqual(['b', 'c']);
    expect(list({ until: '2022-02-27T02:05:00.001Z' })).toEqual(['a', 'b', 'c']);
    expect(list({ since: '2022-02-27', until: '2022-02-28' })).toEqual(['d', 'a', 'b', 'c']);
    expect(list({ limit: 2 })).toEqual(['e', 'd']);
    expect(store.articleCount({ since: '2022-02-27T00:00:00Z', until: '2022-02-28T00:00:00Z' })).toBe(4);
    expect(() => [...store.articles({ since: 'last tuesday' })]).toThrow(UsageError);
    store.close();
  });

  it('combines site, dates and query', () => {
    const store = storeWith([
      { url: '1', title: '项目签约', body: '项目', publishedAt: '2022-01-01T00:00:00Z' },
      { url: '2', title: '项目开工', body: '项目', publishedAt: '2023-01-01T00:00:00Z' },
      { url: '3', title: '项目竣工', body: '项目', publishedAt: '2023-01-01T00:00:00Z', site: 'b.example' },
      { url: '4', title: '其他', body: '其他', publishedAt: '2023-06-01T00:00:00Z' },
    ]);
    const found = [...store.articles({ site: 'www.example.com', since: '2022-06-01T00:00:00Z', query: '项目' })];
    expect(found.map((a) => a.title)).toEqual(['项目开工']);
    expect(store.search('项目', { since: '2022-06-01T00:00:00Z' }).map((h) => h.title).sort()).toEqual(['项目开工', '项目竣工']);
    expect(store.search('项目', { limit: 1 })).toHaveLength(1);
    store.close();
  });
});

describe('publishedUtc', () => {
  it('normalises offsets, bare dates and offset-less times to UTC instants', () => {
    expect(publishedUtc('2022-02-27T10:05:00+08:00')).toBe('2022-02-27T02:05:00.000Z');
    expect(publishedUtc('2022-02-27')).toBe('2022-02-27T00:00:00.000Z');
    expect(publishedUtc('2022-02-27T10:05')).toBe('2022-02-27T10:05:00.000Z');
    expect(publishedUtc('2022-02-27 10:05:30')).toBe('2022-02-27T10:05:30.000Z');
    expect(publishedUtc('yesterday')).toBeNull();
    expect(publishedUtc(null)).toBeNull();
  });
});
