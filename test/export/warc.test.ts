import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writableOutput } from '../../src/export/output.js';
import { base32, writeWarc } from '../../src/export/warc.js';
import type { StoredResponse } from '../../src/store/types.js';
import { base32Reference, parseHttp, readWarc } from './warc-reader.js';

function collect(): { stream: Writable; bytes(): Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

const gbkBody = Buffer.from([0xc9, 0xbd, 0xce, 0xf7, 0xc8, 0xd5, 0xb1, 0xa8]); // 山西日报 in GBK
const responses: StoredResponse[] = [
  {
    url: 'http://www.example.com/news/show-1.html',
    finalUrl: 'http://www.example.com/news/show-1.html',
    status: 200,
    headers: {
      'content-type': 'text/html; charset=gbk',
      'content-encoding': 'gzip',
      'content-length': '9999',
      'transfer-encoding': 'chunked',
      etag: '"abc"',
    },
    body: gbkBody,
    fetchedAt: new Date('2026-11-27T05:00:00.123Z'),
    requestHeaders: { 'user-agent': 'newsharvest/0.1.0', accept: 'text/html' },
    kind: 'article',
  },
  {
    url: 'http://www.example.com/list.php?catid=2',
    finalUrl: 'http://www.example.com/list-2.html',
    status: 404,
    headers: { 'content-type': 'text/html', 'x-evil': 'a\r\nInjected: yes' },
    body: new Uint8Array(0),
    fetchedAt: new Date('2026-11-27T05:01:00Z'),
    kind: 'other',
  },
];

async function warcBytes(): Promise<Buffer> {
  const sink = collect();
  const output = writableOutput(sink.stream);
  const counts = await writeWarc(responses, output, { software: 'newsharvest/test', filename: 'a.warc.gz', now: new Date('2026-11-27T06:00:00Z') });
  await output.commit();
  expect(counts).toEqual({ responses: 2, records: 4 });
  return sink.bytes();
}

describe('WARC writer', () => {
  it('base32 matches RFC 4648 test vectors', () => {
    expect(base32(Buffer.from('foobar'))).toBe('MZXW6YTBOI======');
    expect(base32(Buffer.from('f'))).toBe('MY======');
    const digest = Buffer.from('0123456789abcdef0123', 'latin1');
    expect(base32(digest)).toBe(base32Reference(digest));
  });

  it('round-trips: one gzip member per record, lengths and digests verify', async () => {
    const records = readWarc(await warcBytes());
    expect(records.map((r) => r.headers.get('warc-type'))).toEqual(['warcinfo', 'response', 'request', 'response']);
    for (const record of records) {
      expect(record.headers.get('warc-record-id')).toMatch(/^<urn:uuid:[0-9a-f-]{36}>$/);
      expect(record.headers.get('warc-date')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(record.headers.get('warc-block-digest')).toMatch(/^sha1:[A-Z2-7]{32}$/);
    }
    expect(records[0]!.headers.get('content-type')).toBe('application/warc-fields');
    expect(records[0]!.block.toString()).toContain('software: newsharvest/test');

    const response = records[1]!;
    expect(response.headers.get('warc-target-uri')).toBe(responses[0]!.finalUrl);
    expect(response.headers.get('warc-date')).toBe('2026-11-27T05:00:00Z');
    expect(response.headers.get('content-type')).toBe('application/http;msgtype=response');
    expect(response.headers.get('warc-payload-digest')).toMatch(/^sha1:[A-Z2-7]{32}$/);
    const http = parseHttp(response.block);
    expect(http.startLine).toBe('HTTP/1.1 200 OK');
    expect(http.body.equals(gbkBody)).toBe(true);
    expect(http.headers.get('content-length')).toBe(String(gbkBody.length));
    expect(http.headers.has('content-encoding')).toBe(false);
    expect(http.headers.has('transfer-encoding')).toBe(false);
    expect(http.headers.get('etag')).toBe('"abc"');

    const request = records[2]!;
    expect(request.headers.get('warc-concurrent-to')).toBe(response.headers.get('warc-record-id'));
    expect(request.headers.get('content-type')).toBe('application/http;msgtype=request');
    const req = parseHttp(request.block);
    expect(req.startLine).toBe('GET /news/show-1.html HTTP/1.1');
    expect(req.headers.get('host')).toBe('www.example.com');
    expect(req.headers.get('user-agent')).toBe('newsharvest/0.1.0');

    const notFound = parseHttp(records[3]!.block);
    expect(records[3]!.headers.get('warc-target-uri')).toBe('http://www.example.com/list-2.html');
    expect(notFound.startLine).toBe('HTTP/1.1 404 Not Found');
    expect(notFound.headers.get('x-evil')).toBe('a Injected: yes');
    expect(notFound.headers.has('injected')).toBe(false);
    expect(notFound.body.length).toBe(0);
  });

  it('is also readable by warcio when python3 has it', async (ctx) => {
    let hasWarcio = true;
    try {
      execFileSync('python3', ['-c', 'import warcio'], { stdio: 'ignore' });
    } catch {
      hasWarcio = false;
    }
    if (!hasWarcio) {
      ctx.skip('python3 warcio is not installed (no PyPI here): the check with our own reader stands');
      return;
    }
    const script = [
      'import sys',
      'from warcio.archiveiterator import ArchiveIterator',
      'n = 0',
      'for r in ArchiveIterator(sys.stdin.buffer, check_digests="raise"):',
      '    r.content_stream().read(); n += 1',
      'print(n)',
    ].join('\n');
    const out = execFileSync('python3', ['-c', script], { input: await warcBytes() }).toString().trim();
    expect(out).toBe('4');
  });
});
