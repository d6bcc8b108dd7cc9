import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { article, ensureBuilt, populate, runCli, tempDir } from '../export/cli.js';

let dir: string;
let db: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('nh-stats-');
  db = populate(path.join(dir, 'db.sqlite'), [
    article({ url: 'http://www.example.com/a/1.html', publishedAt: '2022-02-27T10:05:00+08:00' }),
    article({ url: 'http://www.example.com/a/2.html', publishedAt: '2021-12-31T23:00:00+08:00' }),
    article({ url: 'http://news.other.cn/b/1.html', site: 'news.other.cn', publishedAt: null }),
  ]);
  // A second run with failures.
  const store = openStore(db);
  const run = store.startRun(['http://news.other.cn/']);
  store.enqueue([
    { url: 'http://news.other.cn/b/2.html', depth: 1, foundOn: null },
    { url: 'http://news.other.cn/b/3.html', depth: 1, foundOn: null },
    { url: 'http://news.other.cn/b/4.html', depth: 1, foundOn: null },
  ]);
  store.markFailed('http://news.other.cn/b/2.html', 'http-404', null);
  store.markFailed('http://news.other.cn/b/3.html', 'http-404', null);
  store.markFailed('http://news.other.cn/b/4.html', 'timeout', null);
  store.finishRun(run, 'finished', { pagesFetched: 3, articlesNew: 0, articlesUpdated: 0, failures: 3 });
  store.close();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('newsharvest stats', () => {
  it('--json gives per-site and per-run figures', () => {
    const r = runCli(['stats', '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout.toString('utf8')) as {
      articles: number;
      sites: { site: string; articles: number; firstPublished: string | null; lastPublished: string | null; failuresByReason: Record<string, number> }[];
      runs: { id: number; status: string; failures: number; articlesNew: number; pagesFetched: number }[];
    };
    expect(stats.articles).toBe(3);
    expect(stats.sites.map((s) => [s.site, s.articles])).toEqual([
      ['news.other.cn', 1],
      ['www.example.com', 2],
    ]);
    const example = stats.sites[1]!;
    expect(example.firstPublished?.slice(0, 16)).toBe('2021-12-31T15:00');
    expect(example.lastPublished?.slice(0, 16)).toBe('2022-02-27T02:05');
    expect(stats.sites[0]!.failuresByReason).toEqual({ 'http-404': 2, timeout: 1 });
    expect(stats.runs.map((run) => [run.id, run.status, run.articlesNew, run.failures])).toEqual([
      [2, 'finished', 0, 3],
      [1, 'finished', 3, 0],
    ]);
  });

  it('prints readable tables', () => {
    const text = runCli(['stats', '--db', db]).stdout.toString('utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('3 articles from 2 sites');
    expect(text).toMatch(/^news\.other\.cn\s+1\s+-\s+\S+ \S+Z\s+http-404 2, timeout 1$/m);
    expect(text).toMatch(/^www\.example\.com\s+2\s+2021-12-31 \.\. 2022-02-27\s/m);
    expect(text).toMatch(/^run\s+started\s+finished\s+status\s+pages\s+new\s+updated\s+failures$/m);
    expect(text).toMatch(/^\s*2\s.*finished\s+3\s+0\s+0\s+3$/m);
  });

  it('--runs limits the runs shown; a missing database exits 1 with one line', () => {
    const one = JSON.parse(runCli(['stats', '--db', db, '--json', '--runs', '1']).stdout.toString('utf8')) as {
      runs: unknown[];
    };
    expect(one.runs).toHaveLength(1);
    const missing = runCli(['stats', '--db', path.join(dir, 'none.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, 'none.db'))).toBe(false);
  });
});
