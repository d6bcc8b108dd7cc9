import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { article, ensureBuilt, populate, runCli, tempDir } from '../export/cli.js';

let dir: string;
let db: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('nh-search-');
  const many = Array.from({ length: 25 }, (_, i) =>
    article({
      url: `http://www.example.com/news/show-${i}.html`,
      title: `春耕备耕 ${i}`,
      summary: null,
      body: `各地春耕备耕有序推进，第${i}篇。`,
      publishedAt: `2022-03-${String((i % 28) + 1).padStart(2, '0')}T09:00:00+08:00`,
    }),
  );
  db = populate(path.join(dir, 'db.sqlite'), [
    article({
      url: 'http://news.other.cn/a/1.html',
      site: 'news.other.cn',
      title: '山西省开发区活动举行',
      summary: null,
      body: '持续发力抓项目，奋楫当先促转型。\n全省开发区项目集中开工。',
      publishedAt: '2022-02-27T10:05:00+08:00',
    }),
    ...many,
  ]);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const search = (...args: string[]) => runCli(['search', '--db', db, ...args]);

describe('newsharvest search', () => {
  it('finds a two-character word and prints title, url, date and a highlighted snippet', () => {
    const r = search('项目');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.toString('utf8').split('\n');
    expect(lines[0]).toBe('山西省开发区活动举行');
    expect(lines[1]).toBe('http://news.other.cn/a/1.html');
    expect(lines[2]).toBe('2022-02-27T10:05:00+08:00  news.other.cn');
    expect(lines[3]).toContain('[项目]');
    expect(lines[3]).not.toContain('\n');
  });

  it('--json prints the hits as a JSON array, best first', () => {
    const r = search('春耕', '--json', '--limit', '5');
    const hits = JSON.parse(r.stdout.toString('utf8')) as { url: string; rank: number; snippet: string }[];
    expect(hits).toHaveLength(5);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.rank).toBeGreaterThanOrEqual(hits[i]!.rank);
    expect(hits[0]!.snippet).toContain('[春耕]');
  });

  it('returns at most 20 hits by default', () => {
    const hits = JSON.parse(search('春耕', '--json').stdout.toString('utf8')) as unknown[];
    expect(hits).toHaveLength(20);
  });

  it('filters by --site and by date', () => {
    const site = JSON.parse(search('开发区', '--json', '--site', 'www.example.com').stdout.toString('utf8')) as unknown[];
    expect(site).toEqual([]);
    const dated = JSON.parse(
      search('春耕', '--json', '--since', '2022-03-05', '--until', '2022-03-06').stdout.toString('utf8'),
    ) as { publishedAt: string }[];
    expect(dated.map((h) => h.publishedAt).sort()).toEqual(['2022-03-05T09:00:00+08:00', '2022-03-06T09:00:00+08:00']);
  });

  it('no hits: "no matches" on stderr, exit 0', () => {
    const r = search('火星');
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toBe('no matches\n');
  });

  it('usage errors exit 2; a missing database exits 1 with one line', () => {
    expect(search('项目', '--until', '2022-02-30').code).toBe(2);
    expect(search(' ').code).toBe(2);
    const missing = runCli(['search', '项目', '--db', path.join(dir, 'none.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
