import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvCell, csvFormat, csvHeader, neutraliseFormula } from '../../src/export/csv.js';
import { ARTICLE_FIELDS, project, selectFields } from '../../src/export/fields.js';
import { createFormat, exportArticles, parseFormat } from '../../src/export/index.js';
import { type Output, writableOutput } from '../../src/export/output.js';
import type { StoredArticle } from '../../src/store/types.js';
import { csvRecords, looksLikeFormula, parseCsv } from './rfc4180.js';
import { sampleArticle } from './sample.js';

/** An Output that collects text in memory. */
function memoryOutput(): Output & { text(): string; committed: boolean; aborted: boolean } {
  const chunks: string[] = [];
  const out = {
    committed: false,
    aborted: false,
    async write(chunk: string | Uint8Array) {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    },
    async commit() {
      out.committed = true;
    },
    async abort() {
      out.aborted = true;
    },
    text: () => chunks.join(''),
  };
  return out;
}

const articles: StoredArticle[] = [
  sampleArticle(),
  sampleArticle({
    url: 'http://www.example.com/news/show-2.html',
    title: '-1+1 @all',
    body: '  =1+2',
    summary: '\t制表符开头',
    images: [],
    views: null,
    publishedAt: '2022-02-27',
    viewsHistory: [{ at: '2026-11-27T05:00:00Z', views: 10 }],
  }),
];

async function run(format: 'json' | 'jsonl' | 'csv', rows: StoredArticle[], opts: { fields?: string; history?: boolean; excel?: boolean; limit?: number } = {}) {
  const out = memoryOutput();
  const fields = selectFields(opts.fields, opts.history ?? false);
  const count = await exportArticles(rows, createFormat(format, fields, { excel: opts.excel }), out, opts.limit);
  return { text: out.text(), count, out };
}

describe('json', () => {
  it('writes one valid array holding every article in full', async () => {
    const { text, count, out } = await run('json', articles);
    expect(count).toBe(2);
    expect(out.committed).toBe(true);
    expect(text.startsWith('[\n')).toBe(true);
    expect(text.endsWith('\n]\n')).toBe(true);
    const parsed = JSON.parse(text) as StoredArticle[];
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toEqual(project(articles[0]!, selectFields(undefined, false)));
    expect(Object.keys(parsed[0]!)).toEqual(ARTICLE_FIELDS.filter((f) => f !== 'viewsHistory'));
  });

  it('writes a valid empty array when nothing matches', async () => {
    const { text } = await run('json', []);
    expect(JSON.parse(text)).toEqual([]);
  });

  it('honours --fields order and --limit', async () => {
    const { text, count } = await run('json', articles, { fields: 'title,url', limit: 1 });
    expect(count).toBe(1);
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    expect(parsed).toHaveLength(1);
    expect(Object.keys(parsed[0]!)).toEqual(['title', 'url']);
  });
});

describe('jsonl', () => {
  it('writes one parseable Article per line, newlines inside strings escaped', async () => {
    const { text } = await run('jsonl', articles, { history: true });
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2);
    const parsed = lines.map((line) => JSON.parse(line) as StoredArticle);
    expect(parsed[0]!.body).toBe(articles[0]!.body);
    expect(parsed[0]!.viewsHistory).toEqual([]);
    expect(parsed[1]!.viewsHistory).toEqual([{ at: '2026-11-27T05:00:00Z', views: 10 }]);
  });
});

describe('csv', () => {
  it('parses back with a strict RFC 4180 reader, CRLF record ends, header first', async () => {
    const { text } = await run('csv', articles);
    expect(text.includes('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(csvHeader(selectFields(undefined, false)));
    const records = csvRecords(text);
    expect(records).toHaveLength(2);
    const first = records[0]!;
    expect(first.title).toBe(articles[0]!.title);
    expect(first.body).toBe(articles[0]!.body);
    expect(first.views).toBe('5595');
    expect(first.author).toBe('');
    expect(first.image_urls).toBe(
      'http://www.example.com/file/upload/202202/27/1.jpg | http://www.example.com/file/upload/202202/27/2.jpg',
    );
    expect(first.image_captions).toBe('项目培土奠基。山西日报记者 史晓波摄 | ');
    expect(first.profile).toBe('destoon');
    expect(first.views_url).toBe('');
    expect(first.warnings).toBe("charset-fallback | @note");
    expect(records[1]!.image_urls).toBe('');
  });

  it('leaves no cell a spreadsheet would run as a formula', async () => {
    const { text } = await run('csv', articles, { history: true });
    const rows = parseCsv(text);
    for (const row of rows) for (const cell of row) expect(looksLikeFormula(cell), cell).toBe(false);
    const records = csvRecords(text);
    expect(records[0]!.summary).toBe(`'${articles[0]!.summary}`);
    expect(records[1]!.title).toBe("'-1+1 @all");
    expect(records[1]!.body).toBe("'  =1+2");
    expect(records[1]!.summary).toBe("'\t制表符开头");
  });

  it('writes the views history as JSON in one cell', async () => {
    const { text } = await run('csv', articles, { history: true, fields: 'url,viewsHistory' });
    const records = csvRecords(text);
    expect(JSON.parse(records[1]!.viewsHistory!)).toEqual([{ at: '2026-11-27T05:00:00Z', views: 10 }]);
  });

  it('starts with a UTF-8 BOM only for --excel', async () => {
    expect((await run('csv', articles, { excel: true })).text.startsWith('\uFEFFurl,')).toBe(true);
    expect((await run('csv', articles)).text.startsWith('url,')).toBe(true);
  });

  it('quotes and doubles quotes only where RFC 4180 needs it', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-5)).toBe('-5');
    expect(neutraliseFormula('＝SUM(A1)')).toBe("'＝SUM(A1)");
    expect(neutraliseFormula('\u3000+1')).toBe("'\u3000+1");
    expect(neutraliseFormula('a=1')).toBe('a=1');
    expect(neutraliseFormula('\n @x')).toBe("'\n @x");
    expect(neutraliseFormula('\u00a0-1')).toBe("'\u00a0-1");
  });

  it('header matches records when fields are selected', async () => {
    const format = csvFormat(selectFields('images,url', false));
    expect(format.start()).toBe('image_urls,image_captions,url\r\n');
  });
});

describe('--fields and --format', () => {
  it('rejects unknown fields listing the valid ones', () => {
    expect(() => selectFields('title,nope', false)).toThrow(/unknown field "nope".*valid: url, site, title/);
  });
  it('rejects unknown formats', () => {
    expect(() => parseFormat('xml')).toThrow(/unknown format "xml"/);
    expect(parseFormat('CSV')).toBe('csv');
  });
});

describe('exportArticles', () => {
  it('aborts the output and rethrows when the source fails mid-way', async () => {
    function* failing(): Generator<StoredArticle> {
      yield sampleArticle();
      throw new Error('disk I/O error');
    }
    const out = memoryOutput();
    await expect(exportArticles(failing(), createFormat('jsonl', selectFields(undefined, false)), out)).rejects.toThrow(
      'disk I/O error',
    );
    expect(out.aborted).toBe(true);
    expect(out.committed).toBe(false);
  });

  it('respects backpressure: a slow destination never buffers more than one chunk past its mark', async () => {
    let maxBuffered = 0;
    let received = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        setTimeout(callback, 1);
      },
    });
    const out = writableOutput(slow);
    const line = `${'项目'.repeat(500)}\n`;
    for (let i = 0; i < 2000; i++) {
      await out.write(line);
      maxBuffered = Math.max(maxBuffered, slow.writableLength);
    }
    await out.commit();
    await new Promise((resolve) => slow.end(resolve));
    expect(received).toBe(Buffer.byteLength(line) * 2000);
    expect(maxBuffered).toBeLessThan(16 * 1024 + 3 * 64 * 1024);
  });
});
