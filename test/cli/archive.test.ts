import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { article, ensureBuilt, populate, response, runCli, tempDir } from '../export/cli.js';
import { parseHttp, readWarc } from '../export/warc-reader.js';

let dir: string;
let db: string;
const gbkPage = Buffer.concat([
  Buffer.from('<html><head><meta charset="gbk"></head><body><p>'),
  Buffer.from([0xc9, 0xbd, 0xce, 0xf7, 0xc8, 0xd5, 0xb1, 0xa8]),
  Buffer.from('</p></body></html>'),
]);

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('nh-archive-');
  db = populate(
    path.join(dir, 'db.sqlite'),
    [article({ url: 'http://www.example.com/news/show-1.html' })],
    [
      response('http://news.other.cn/list.html', '', {
        body: gbkPage,
        headers: { 'content-type': 'text/html; charset=gbk', 'content-encoding': 'gzip', 'content-length': '12' },
        kind: 'list',
      }),
    ],
  );
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('newsharvest archive', () => {
  it('writes a WARC that parses back: warcinfo, then response + request per stored page', () => {
    const out = path.join(dir, 'all.warc.gz');
    const r = runCli(['archive', '--db', db, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const records = readWarc(fs.readFileSync(out));
    expect(records.map((rec) => rec.headers.get('warc-type'))).toEqual([
      'warcinfo',
      'response',
      'request',
      'response',
      'request',
    ]);
    expect(records[0]!.headers.get('warc-filename')).toBe('all.warc.gz');
    const gbk = records[3]!;
    expect(gbk.headers.get('warc-target-uri')).toBe('http://news.other.cn/list.html');
    const http = parseHttp(gbk.block);
    expect(http.body.equals(gbkPage)).toBe(true);
    expect(http.headers.get('content-length')).toBe(String(gbkPage.length));
    expect(http.headers.has('content-encoding')).toBe(false);
    expect(records[4]!.headers.get('warc-concurrent-to')).toBe(gbk.headers.get('warc-record-id'));
  });

  it('--site keeps one site', () => {
    const out = path.join(dir, 'one.warc.gz');
    expect(runCli(['archive', '--db', db, '--out', out, '--site', 'www.example.com']).code).toBe(0);
    const targets = readWarc(fs.readFileSync(out))
      .map((rec) => rec.headers.get('warc-target-uri'))
      .filter(Boolean);
    expect(new Set(targets)).toEqual(new Set(['http://www.example.com/news/show-1.html']));
  });

  it('usage errors exit 2 and write nothing; a missing database exits 1', () => {
    expect(runCli(['archive', '--db', db]).code).toBe(2);
    expect(runCli(['archive', '--db', db, '--out', path.join(dir, 'x.txt')]).code).toBe(2);
    const missing = runCli(['archive', '--db', path.join(dir, 'none.db'), '--out', path.join(dir, 'y.warc.gz')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, 'y.warc.gz'))).toBe(false);
  });
});
