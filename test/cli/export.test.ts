import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { article, BIN, ensureBuilt, populate, runCli, runCliIntoEarlyClose, tempDir } from '../export/cli.js';
import { csvRecords, looksLikeFormula, parseCsv } from '../export/rfc4180.js';

let dir: string;
let db: string;

const lastMinute = article({
  url: 'http://www.example.com/news/show-1.html',
  title: '二月最后一分钟',
  publishedAt: '2022-02-27T23:59:00+08:00',
  body: '全省开发区项目集中开工。',
});
const nextDay = article({
  url: 'http://www.example.com/news/show-2.html',
  title: '三月前夜',
  publishedAt: '2022-02-28T00:00:00+08:00',
  body: '春耕备耕有序推进。',
  images: [],
});
const other = article({
  url: 'http://news.other.cn/a/3.html',
  site: 'news.other.cn',
  title: '标题, 带 "引号"',
  publishedAt: '2022-02-26T10:00:00+08:00',
  summary: '=HYPERLINK("http://evil.example","点我")',
  body: '-负数开头的正文\n第二段',
  extraction: { profile: 'generic', viewsUrl: 'http://news.other.cn/count.php?id=3', warnings: ['no views'] },
});
const undated = article({
  url: 'http://www.example.com/news/show-4.html',
  title: '无日期',
  publishedAt: null,
  body: '没有日期的文章。',
});

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('nh-export-');
  db = populate(path.join(dir, 'db.sqlite'), [lastMinute, nextDay, other, undated]);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const exportCli = (...args: string[]) => runCli(['export', '--db', db, ...args]);
const urlsOf = (jsonl: Buffer) =>
  jsonl
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { url: string }).url)
    .sort();

describe('newsharvest export', () => {
  it('--format json writes one valid array with every Article field', () => {
    const r = exportCli('--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout.toString('utf8')) as Record<string, unknown>[];
    expect(parsed).toHaveLength(4);
    const first = parsed.find((a) => a.url === lastMinute.url)!;
    expect(first).toEqual({ ...lastMinute });
  });

  it('--format jsonl writes one parseable Article per line', () => {
    const r = exportCli('--format', 'jsonl');
    expect(r.code).toBe(0);
    expect(urlsOf(r.stdout)).toEqual([lastMinute.url, nextDay.url, undated.url, other.url].sort());
  });

  it('--format csv parses back as RFC 4180 with no formula cell; --excel adds a BOM', () => {
    const r = exportCli('--format', 'csv');
    expect(r.code).toBe(0);
    const text = r.stdout.toString('utf8');
    for (const row of parseCsv(text)) for (const cell of row) expect(looksLikeFormula(cell), cell).toBe(false);
    const records = csvRecords(text);
    expect(records).toHaveLength(4);
    const row = records.find((rec) => rec.url === other.url)!;
    expect(row.title).toBe(other.title);
    expect(row.summary).toBe(`'${other.summary}`);
    expect(row.body).toBe(`'${other.body}`);
    expect(row.views_url).toBe(other.extraction.viewsUrl);
    expect(row.image_urls).toBe('http://www.example.com/file/1.jpg');
    const excel = exportCli('--format', 'csv', '--excel');
    expect(excel.stdout.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('the CSV reads the same in Python\'s csv module (what pandas and most tools build on)', (ctx) => {
    const python = spawnSync('python3', ['--version']);
    if (python.status !== 0) {
      ctx.skip('python3 is not installed: the strict RFC 4180 reader above stands');
      return;
    }
    const file = path.join(dir, 'py.csv');
    expect(exportCli('--format', 'csv', '--excel', '--out', file).code).toBe(0);
    const script =
      "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig')))))";
    const py = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
    expect(py.status).toBe(0);
    const ours = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    expect(JSON.parse(py.stdout)).toEqual(ours);
  });

  it('a date-only --until keeps that whole day in the site zone, and nothing after', () => {
    expect(urlsOf(exportCli('--until', '2022-02-27').stdout)).toEqual([lastMinute.url, other.url].sort());
    expect(urlsOf(exportCli('--since', '2022-02-28').stdout)).toEqual([nextDay.url]);
    expect(urlsOf(exportCli('--since', '2022-02-27T23:59', '--until', '2022-02-27 23:59').stdout)).toEqual([lastMinute.url]);
    expect(urlsOf(exportCli('--since', '2022-02-27T16:00Z').stdout)).toEqual([nextDay.url]);
    // In Tokyo (UTC+9) the last minute of Shanghai's 27th is already the 28th.
    expect(urlsOf(exportCli('--until', '2022-02-27', '--timezone', 'Asia/Tokyo').stdout)).toEqual([other.url]);
  });

  it('filters by --site, --query (a two-character word) and stops at --limit', () => {
    expect(urlsOf(exportCli('--site', 'news.other.cn').stdout)).toEqual([other.url]);
    expect(urlsOf(exportCli('--query', '开工').stdout)).toEqual([lastMinute.url]);
    expect(urlsOf(exportCli('--query', '春耕', '--site', 'www.example.com').stdout)).toEqual([nextDay.url]);
    const limited = exportCli('--limit', '2');
    expect(limited.stderr).toBe('');
    expect(limited.code).toBe(0);
    expect(urlsOf(limited.stdout)).toHaveLength(2);
  });

  it('--fields selects and orders the fields; --with-views-history adds the history', () => {
    const r = exportCli('--format', 'json', '--fields', 'title,url', '--site', 'news.other.cn');
    const [only] = JSON.parse(r.stdout.toString('utf8')) as Record<string, unknown>[];
    expect(Object.keys(only!)).toEqual(['title', 'url']);
    const h = exportCli('--with-views-history', '--fields', 'url,viewsHistory', '--site', 'news.other.cn');
    const line = JSON.parse(h.stdout.toString('utf8')) as { viewsHistory: { at: string; views: number }[] };
    expect(line.viewsHistory).toEqual([{ at: other.fetchedAt, views: other.views }]);
  });

  it('usage errors exit 2 with one line and write nothing', () => {
    const bad = exportCli('--since', '2022-13-45');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'newsharvest: --since: cannot read "2022-13-45" as a date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)\n',
    );
    expect(bad.stdout.length).toBe(0);
    const fmt = exportCli('--format', 'xml');
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toMatch(/^newsharvest: --format: unknown format "xml" \(expected json, jsonl, csv\)\n$/);
    const fields = exportCli('--fields', 'title,nope');
    expect(fields.code).toBe(2);
    expect(fields.stderr).toMatch(/unknown field "nope" \(valid: url, site, title, publishedAt/);
    expect(exportCli('--limit', '0').code).toBe(2);
    expect(exportCli('--format', 'json', '--excel').code).toBe(2);
    expect(exportCli('--timezone', 'Mars/Base').code).toBe(2);
  });

  it('--out writes the file atomically; a folder is exit 2, a missing folder exit 1', () => {
    const out = path.join(dir, 'out.csv');
    const r = exportCli('--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(csvRecords(fs.readFileSync(out, 'utf8'))).toHaveLength(4);
    const folder = exportCli('--out', dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr.trim().split('\n')).toHaveLength(1);
    const missing = exportCli('--out', path.join(dir, 'nope', 'a.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^newsharvest: --out: folder ".*nope" does not exist\n$/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to write over the database itself', () => {
    const before = fs.readFileSync(db);
    const r = exportCli('--out', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is the database itself/);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it('without --format, the --out extension chooses it', () => {
    const out = path.join(dir, 'chosen.json');
    expect(exportCli('--out', out).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toHaveLength(4);
  });

  it('a missing database is exit 1 with one line', () => {
    const r = runCli(['export', '--db', path.join(dir, 'absent.db')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^newsharvest: /);
    expect(fs.existsSync(path.join(dir, 'absent.db'))).toBe(false);
  });
});

describe('newsharvest export on a large database', () => {
  let bigDir: string;
  let bigDb: string;
  beforeAll(() => {
    bigDir = tempDir('nh-export-big-');
    const body = '全省开发区项目集中开工，持续发力抓项目，奋楫当先促转型。'.repeat(400);
    const articles = Array.from({ length: 1500 }, (_, i) =>
      article({ url: `http://www.example.com/news/show-${i}.html`, title: `文章 ${i}`, body }),
    );
    bigDb = populate(path.join(bigDir, 'db.sqlite'), articles);
  });
  afterAll(() => {
    fs.rmSync(bigDir, { recursive: true, force: true });
  });

  it('stops quietly with exit 0 when the reader closes the pipe (| head)', async () => {
    const r = await runCliIntoEarlyClose(['export', '--db', bigDb, '--format', 'jsonl'], 1000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('search also stops quietly when the reader goes away', async () => {
    const r = await runCliIntoEarlyClose(['search', '项目', '--db', bigDb, '--limit', '1500', '--json'], 100);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('killed mid-way, it leaves no partial file and the old file intact', async () => {
    const out = path.join(bigDir, 'dataset.jsonl');
    fs.writeFileSync(out, 'previous export\n');
    const child = spawn(process.execPath, [BIN, 'export', '--db', bigDb, '--out', out], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Wait for the temp file to appear and grow, then interrupt the export.
    const deadline = Date.now() + 20_000;
    let sawTemp = false;
    while (Date.now() < deadline) {
      const temp = fs.readdirSync(bigDir).find((f) => f.endsWith('.tmp'));
      if (temp && fs.statSync(path.join(bigDir, temp)).size > 0) {
        sawTemp = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.kill('SIGTERM');
    const signal = await exited;
    expect(sawTemp).toBe(true);
    expect(signal).toBe('SIGTERM');
    expect(fs.readFileSync(out, 'utf8')).toBe('previous export\n');
    expect(fs.readdirSync(bigDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
