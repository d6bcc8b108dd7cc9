/**
 * `newsharvest extract` end to end: spawns the compiled bin (test/global-setup.ts builds it) on
 * fixture pages and on pages served by a node:http server on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'newsharvest.js');
const PAGES = path.join(ROOT, 'fixtures', 'pages');
const GBK_PAGE = path.join(PAGES, 'generic-gbk-meta-gb2312', 'page.html');
const DESTOON_PAGE = path.join(PAGES, 'destoon7-shanxi-kaifaqu', 'page.html');

function golden(slug: string): Article {
  return JSON.parse(fs.readFileSync(path.join(PAGES, slug, 'expected.json'), 'utf8')) as Article;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Asynchronous, so the in-process HTTP server keeps answering while the CLI runs. */
function run(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lines = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as unknown);

let server: http.Server;
let base: string;
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsharvest-extract-cli-'));
  const gbk = fs.readFileSync(GBK_PAGE);
  server = http.createServer((req, res) => {
    if (req.url === '/news/gbk.html') {
      // No charset in the header: the page's <meta charset=gb2312> has to be honoured.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(gbk);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('newsharvest extract <file>', () => {
  it('prints one Article as pretty JSON, using the URL in the fixture meta.json', async () => {
    const result = await run(['extract', GBK_PAGE]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('{\n  "url": ')).toBe(true);
    const article = JSON.parse(result.stdout) as Article;
    const { fetchedAt: _ignored, ...expected } = golden('generic-gbk-meta-gb2312');
    expect(article).toMatchObject(expected);
    expect(article.title).toBe('忻州杂粮企业抱团闯市场 首届杂粮博览会签约3.5亿元');
  });

  it('takes --url as the page URL', async () => {
    const result = await run(['extract', '--url', 'https://news.example.cn/a/1.html', GBK_PAGE]);
    expect(result.code).toBe(0);
    const article = JSON.parse(result.stdout) as Article;
    expect(article.url).toBe('https://news.example.cn/a/1.html');
    expect(article.site).toBe('news.example.cn');
  });

  it('falls back to http://localhost/<file name> for a file with no metadata', async () => {
    const copy = path.join(tmp, 'loose page.html');
    fs.copyFileSync(DESTOON_PAGE, copy);
    const article = JSON.parse((await run(['extract', copy])).stdout) as Article;
    expect(article.url).toBe('http://localhost/loose%20page.html');
    expect(article.site).toBe('localhost');
    expect(article.title).toBe(golden('destoon7-shanxi-kaifaqu').title);
  });

  it("counts relative dates from the meta.json's now, in its timeZone unless --timezone says otherwise", async () => {
    const dir = path.join(tmp, 'relative');
    fs.mkdirSync(dir, { recursive: true });
    const paragraph = '<p>全省开发区项目集中签约一批、开工一批、投产一批，活动在全省各地同步举行，成效明显。</p>';
    fs.writeFileSync(
      path.join(dir, 'page.html'),
      `<html><head><meta charset="utf-8"><title>某某活动举行</title></head><body><h1>某某活动举行</h1><div class="info">3小时前</div>${paragraph.repeat(3)}</body></html>`,
    );
    fs.writeFileSync(
      path.join(dir, 'meta.json'),
      JSON.stringify({ url: 'http://www.example.com/a/1.html', now: '2024-05-09T06:00:00Z', timeZone: 'Asia/Shanghai' }),
    );
    const saved = JSON.parse((await run(['extract', path.join(dir, 'page.html')])).stdout) as Article;
    expect(saved.publishedAt).toBe('2024-05-09T11:00:00+08:00');
    const tokyo = JSON.parse((await run(['extract', '--timezone', 'Asia/Tokyo', path.join(dir, 'page.html')])).stdout) as Article;
    expect(tokyo.publishedAt).toBe('2024-05-09T12:00:00+09:00');
  });

  it('reads local times in the --timezone zone', async () => {
    const result = await run(['extract', '--timezone', 'Asia/Tokyo', GBK_PAGE]);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Article).publishedAt).toBe('2021-06-03T14:20:00+09:00');
  });

  it('rejects an unknown --timezone with a one-line usage error, exit 2', async () => {
    const result = await run(['extract', '--timezone', 'Mars/Olympus_Mons', GBK_PAGE]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^newsharvest: --timezone .*"Mars\/Olympus_Mons"\n$/);
  });

  it('exits 1 with one line when the only input is missing', async () => {
    const result = await run(['extract', path.join(tmp, 'missing.html')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`newsharvest: ${path.join(tmp, 'missing.html')}: no such file: ${path.join(tmp, 'missing.html')}\n`);
  });
});

describe('newsharvest extract <several inputs>', () => {
  it('prints JSON Lines in input order', async () => {
    const result = await run(['extract', DESTOON_PAGE, GBK_PAGE, DESTOON_PAGE]);
    expect(result.code).toBe(0);
    const titles = lines(result.stdout).map((a) => (a as Article).title);
    const destoon = golden('destoon7-shanxi-kaifaqu').title;
    expect(titles).toEqual([destoon, golden('generic-gbk-meta-gb2312').title, destoon]);
  });

  it('prints JSON Lines for one input with --jsonl', async () => {
    const result = await run(['extract', '--jsonl', GBK_PAGE]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toHaveLength(2);
    expect((lines(result.stdout)[0] as Article).site).toBe('www.xzsww.com');
  });

  it('reports a missing file in its place, keeps the others, exit 3', async () => {
    const missing = path.join(tmp, 'gone.html');
    const result = await run(['extract', missing, GBK_PAGE]);
    expect(result.code).toBe(3);
    const [first, second] = lines(result.stdout) as [Record<string, unknown>, Article];
    expect(first).toEqual({ input: missing, error: `no such file: ${missing}` });
    expect(second.title).toBe(golden('generic-gbk-meta-gb2312').title);
    expect(result.stderr.trim().split('\n')).toEqual([`newsharvest: ${missing}: no such file: ${missing}`]);
  });

  it('exits 1 when every input failed', async () => {
    const result = await run(['extract', path.join(tmp, 'a.html'), path.join(tmp, 'b.html')]);
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toHaveLength(2);
  });

  it('rejects --url with more than one input (exit 2)', async () => {
    const result = await run(['extract', '--url', 'http://a.example/1.html', GBK_PAGE, DESTOON_PAGE]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^newsharvest: --url applies to exactly one file input\n$/);
  });
});

describe('newsharvest extract | a reader that stops early', () => {
  it('exits quietly when stdout closes (EPIPE), without a stack trace', async () => {
    const inputs = fs
      .readdirSync(PAGES, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(PAGES, entry.name, 'page.html'));
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'extract', ...inputs, ...inputs], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('newsharvest extract <url>', () => {
  it('fetches a GBK page served without a charset header and decodes it', async () => {
    const result = await run(['extract', `${base}/news/gbk.html`]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const article = JSON.parse(result.stdout) as Article;
    expect(article.url).toBe(`${base}/news/gbk.html`);
    expect(article.site).toBe('127.0.0.1');
    expect(article.title).toBe('忻州杂粮企业抱团闯市场 首届杂粮博览会签约3.5亿元');
    expect(article.body).toContain('参展企业负责人王喆说');
    expect(article.body).not.toContain('\ufffd');
  });

  it('reports an HTTP 404 as that input failing, exit 3 beside a good file', async () => {
    const result = await run(['extract', `${base}/missing.html`, GBK_PAGE, '--timeout', '5000']);
    expect(result.code).toBe(3);
    const [first, second] = lines(result.stdout) as [Record<string, unknown>, Article];
    expect(first.input).toBe(`${base}/missing.html`);
    expect(String(first.error)).toContain('404');
    expect(second.site).toBe('www.xzsww.com');
    expect(result.stderr).toMatch(/^newsharvest: http:\/\/127\.0\.0\.1:\d+\/missing\.html: .*404.*\n$/);
  });

  it('reports an unreachable host on one line, exit 1', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await run(['extract', `http://127.0.0.1:${port}/x.html`, '--timeout', '5000']);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr).toContain(`127.0.0.1:${port}`);
  });
});

describe('newsharvest extract --profile', () => {
  it('applies a user profile (a headline only its selector finds)', async () => {
    const page = path.join(tmp, 'custom.html');
    fs.writeFileSync(
      page,
      '<html><head><meta charset="utf-8"><title>站点名称</title></head><body>' +
        '<div class="zz-hd">自定义标题：晋商银行发布年度报告</div>' +
        '<div class="zz-bd"><p>晋商银行近日发布年度报告，全年实现营业收入五十二亿元，同比增长百分之六。</p>' +
        '<p>报告显示，该行普惠小微贷款余额增长两成，不良贷款率保持稳定。</p></div></body></html>',
    );
    const profile = path.join(tmp, 'profile.json');
    fs.writeFileSync(profile, JSON.stringify({ name: 'zz-site', fields: { title: ['.zz-hd'] } }));
    const result = await run(['extract', '--profile', profile, page]);
    expect(result.stderr).toBe('');
    const article = JSON.parse(result.stdout) as Article;
    expect(article.extraction.profile).toBe('zz-site');
    expect(article.title).toContain('晋商银行发布年度报告');
  });

  it('rejects a profile that is not JSON, or does not validate, with exit 2', async () => {
    const broken = path.join(tmp, 'broken.json');
    fs.writeFileSync(broken, '{ "name": ');
    const notJson = await run(['extract', '--profile', broken, GBK_PAGE]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^newsharvest: profile .*broken\.json is not valid JSON/);

    const invalid = path.join(tmp, 'invalid.json');
    fs.writeFileSync(invalid, JSON.stringify({ name: 'x', fields: { title: ['<<<'] } }));
    const bad = await run(['extract', '--profile', invalid, GBK_PAGE]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(bad.stdout).toBe('');

    const missing = await run(['extract', '--profile', path.join(tmp, 'nope.json'), GBK_PAGE]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^newsharvest: cannot read profile /);
  });
});
