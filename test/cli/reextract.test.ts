import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { openStore } from '../../src/store/index.js';
import type { Article } from '../../src/types.js';
import { ensureBuilt, response, runCli, tempDir } from '../export/cli.js';

function page(title: string, paragraphs: string[]): string {
  return `<html><head><meta charset="utf-8"><title>${title}_新闻中心</title></head><body>
<div class="nav">网站首页 | 新闻中心</div>
<div class="content"><h1>${title}</h1>
<div class="info">发布时间:2022-02-27 10:05 来源:山西日报 浏览:5595</div>
<div id="article">${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</div></div>
<div class="footer">网站首页 | 京ICP备13017153号 | 网站地图 | 联系方式</div></body></html>`;
}

const urlA = 'http://www.example.com/news/show-1.html';
const urlB = 'http://www.example.com/news/show-2.html';
const urlC = 'http://news.other.cn/a/3.html';
const urlD = 'http://www.example.com/news/show-4.html';
const htmlA = page('山西省开发区活动举行', [
  '持续发力抓项目 奋楫当先促转型。山西日报记者陈俊琦报道 2月26日，全省开发区第一批项目集中开工，一批重大项目落地见效。',
  '省委书记林武出席并讲话，强调要以项目建设为抓手，推动开发区高质量发展，为全方位推动高质量发展提供有力支撑。',
]);
const htmlB = page('春耕备耕有序推进', [
  '连日来，各地抢抓农时，春耕备耕工作有序推进，田间地头处处是忙碌的身影，农资供应充足，价格总体平稳。',
  '农业农村部门组织技术人员深入田间开展指导服务，帮助农民解决生产中遇到的实际问题，确保不误农时。',
]);
const originalFetch = new Date('2026-01-01T00:00:00.000Z');

/** What the current extractor makes of a stored page (the test's truth, whatever extract() becomes). */
function current(url: string, html: string): Article {
  return extract(Buffer.from(html), { url, now: originalFetch, fetchedAt: originalFetch });
}

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

beforeAll(() => ensureBuilt());

/** A: stored by an "older extractor" (wrong title, body, views); B: already what extract() gives. */
function makeDb(): string {
  const dir = tempDir('nh-reextract-');
  dirs.push(dir);
  const db = path.join(dir, 'db.sqlite');
  const store = openStore(db);
  const run = store.startRun([]);
  const stale: Article = { ...current(urlA, htmlA), title: '旧标题', body: '旧正文', views: null };
  store.savePage(run, response(urlA, htmlA, { fetchedAt: originalFetch }), stale);
  store.savePage(run, response(urlB, htmlB, { fetchedAt: originalFetch }), current(urlB, htmlB));
  const other: Article = { ...current(urlC, htmlB), url: urlC, site: 'news.other.cn', title: '别的网站' };
  store.savePage(run, response(urlC, htmlB, { fetchedAt: originalFetch }), other);
  const joined: Article = {
    ...current(urlD, htmlA),
    body: '第一页正文\n第二页正文',
    extraction: { profile: 'generic', viewsUrl: null, warnings: ['joined 2 pages'] },
  };
  store.savePage(run, response(urlD, htmlA, { fetchedAt: originalFetch }), joined);
  store.savePage(run, response('http://www.example.com/list.html', '<html><body>列表</body></html>', { kind: 'list' }), null);
  store.finishRun(run, 'finished', { pagesFetched: 4, articlesNew: 3, articlesUpdated: 0, failures: 0 });
  store.close();
  return db;
}

function stored(db: string, url: string): Article {
  const store = openStore(db, { readonly: true });
  try {
    const found = [...store.articles({})].find((a) => a.url === url);
    if (!found) throw new Error(`${url} not stored`);
    return found;
  } finally {
    store.close();
  }
}

interface Report {
  pages: number;
  changed: number;
  unchanged: number;
  byField: Record<string, number>;
  failed: number;
  skippedMultiPage: number;
  dryRun: boolean;
}

describe('newsharvest reextract', () => {
  it('updates the stale article in place, keeps fetchedAt, and reports per field', () => {
    const db = makeDb();
    const r = runCli(['reextract', '--db', db, '--site', 'www.example.com', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout.toString('utf8')) as Report;
    expect(report).toMatchObject({ pages: 2, changed: 1, unchanged: 1, failed: 0, skippedMultiPage: 1, dryRun: false });
    // The stale copy had no views; the page prints them, if the extractor reads them.
    const viewsChanged = current(urlA, htmlA).views === null ? 0 : 1;
    expect(report.byField).toMatchObject({ title: 1, body: 1, views: viewsChanged, source: 0, publishedAt: 0 });

    const a = stored(db, urlA);
    expect(a.title).toBe(current(urlA, htmlA).title);
    expect(a.body).toBe(current(urlA, htmlA).body);
    expect(a.fetchedAt).toBe(originalFetch.toISOString());
    // A multi-page article is left whole: its continuation pages are not stored.
    expect(stored(db, urlD).body).toBe('第一页正文\n第二页正文');
    // --site kept the other site as it was.
    expect(stored(db, urlC).title).toBe('别的网站');

    const again = JSON.parse(runCli(['reextract', '--db', db, '--json']).stdout.toString('utf8')) as Report;
    expect(again).toMatchObject({ pages: 3, changed: 1, unchanged: 2 });
    expect(again.byField.title).toBe(1);
    const third = JSON.parse(runCli(['reextract', '--db', db, '--json']).stdout.toString('utf8')) as Report;
    expect(third).toMatchObject({ pages: 3, changed: 0, unchanged: 3 });
  });

  it('prints a small table; --dry-run changes nothing', () => {
    const db = makeDb();
    const r = runCli(['reextract', '--db', db, '--dry-run']);
    expect(r.code).toBe(0);
    const text = r.stdout.toString('utf8');
    expect(text.split('\n')[0]).toBe('would change 2 articles, 1 unchanged (3 stored pages re-extracted)');
    expect(text).toMatch(/^field\s+changed$/m);
    expect(text).toMatch(/^title\s+2$/m);
    expect(text).toMatch(/^body\s+1$/m);
    expect(text).not.toMatch(/^source\s/m);
    expect(text).toContain('1 multi-page article left as stored');
    expect(stored(db, urlA).title).toBe('旧标题');
  });

  it('a missing database exits 1 with one line; a bad profile or zone exits 2', () => {
    const dir = tempDir('nh-reextract-');
    dirs.push(dir);
    const missing = runCli(['reextract', '--db', path.join(dir, 'none.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const db = makeDb();
    expect(runCli(['reextract', '--db', db, '--timezone', 'Nowhere/City']).code).toBe(2);
    fs.writeFileSync(path.join(dir, 'p.json'), '{"name": 5}');
    const profile = runCli(['reextract', '--db', db, '--profile', path.join(dir, 'p.json')]);
    expect(profile.code).toBe(2);
    expect(profile.stderr.trim().split('\n')).toHaveLength(1);
  });
});
