/**
 * Every mistake a user can make on the command line, on every command: one short line on stderr
 * that says what is wrong, no stack trace (unless --debug), exit 2 for usage and 1 for failures,
 * and a database that is left exactly as it was.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, type CliResult, crawlArgs, runCli, tempDir } from '../reliability/cli-runner.js';
import { articleHtml, articleSpec, startPortal, type TestSite } from '../support/fault-server.js';

interface Paths {
  /** A copy of a real newsharvest database, private to the case. */
  goodDb: string;
  /** A text file named like a database. */
  notDb: string;
  /** A SQLite database of some other program. */
  otherAppDb: string;
  /** In a folder that does not exist. */
  missingFolderDb: string;
  /** In a "folder" that is a regular file, so nothing can be created there (root or not). */
  unwritableDb: string;
  /** An existing folder. */
  folder: string;
  /** A page that exists. */
  page: string;
  missingFile: string;
  /** A URL nothing listens on (the crawl must fail before using it anyway). */
  deadUrl: string;
}

interface Case {
  name: string;
  args: (p: Paths) => string[];
  exit: 1 | 2;
  /** What the one line must say. */
  message: RegExp;
  /** A file that must come out byte-identical (and not be created when absent). */
  untouched?: (p: Paths) => string;
}

const NOT_A_DATABASE = /not a newsharvest database|not a (sqlite )?database/i;
const NO_DATABASE = /no database|does not exist|not found|no such/i;
const CANNOT_CREATE = /cannot|not a directory|unwritable|permission/i;

/** The checks every command that reads a database must pass. */
function databaseCases(command: string, extra: string[] | ((p: Paths) => string[]) = []): Case[] {
  const args = (p: Paths): string[] => (typeof extra === 'function' ? extra(p) : extra);
  return [
    {
      name: `${command}: --db is not a SQLite file`,
      args: (p) => [command, ...args(p), '--db', p.notDb],
      exit: 1,
      message: NOT_A_DATABASE,
      untouched: (p) => p.notDb,
    },
    {
      name: `${command}: --db is another program's SQLite database`,
      args: (p) => [command, ...args(p), '--db', p.otherAppDb],
      exit: 1,
      message: /not a newsharvest database|another application/i,
      untouched: (p) => p.otherAppDb,
    },
    {
      name: `${command}: --db in a missing folder`,
      args: (p) => [command, ...args(p), '--db', p.missingFolderDb],
      exit: 1,
      message: NO_DATABASE,
      untouched: (p) => p.missingFolderDb,
    },
    {
      name: `${command}: --db in an unwritable folder`,
      args: (p) => [command, ...args(p), '--db', p.unwritableDb],
      exit: 1,
      message: /no database|not a directory|cannot/i,
      untouched: (p) => p.unwritableDb,
    },
  ];
}

const CASES: Case[] = [
  // crawl
  { name: 'crawl: invalid URL', args: (p) => ['crawl', 'not a url', '--db', p.goodDb], exit: 2, message: /url/i, untouched: (p) => p.goodDb },
  { name: 'crawl: http:// without host', args: (p) => ['crawl', 'http://', '--db', p.goodDb], exit: 2, message: /url/i, untouched: (p) => p.goodDb },
  { name: 'crawl: file: URL', args: (p) => ['crawl', 'file:///etc/passwd', '--db', p.goodDb], exit: 2, message: /http/i, untouched: (p) => p.goodDb },
  { name: 'crawl: ftp: URL', args: (p) => ['crawl', 'ftp://127.0.0.1/pub/', '--db', p.goodDb], exit: 2, message: /http/i, untouched: (p) => p.goodDb },
  {
    name: 'crawl: --concurrency 0',
    args: (p) => ['crawl', p.deadUrl, '--db', p.goodDb, '--concurrency', '0'],
    exit: 2,
    message: /--concurrency/,
    untouched: (p) => p.goodDb,
  },
  {
    name: 'crawl: --max-pages not a number',
    args: (p) => ['crawl', p.deadUrl, '--db', p.goodDb, '--max-pages', 'lots'],
    exit: 2,
    message: /--max-pages/,
    untouched: (p) => p.goodDb,
  },
  {
    name: 'crawl: missing --profile file',
    args: (p) => ['crawl', p.deadUrl, '--db', p.goodDb, '--profile', p.missingFile],
    exit: 2,
    message: /profile/i,
    untouched: (p) => p.goodDb,
  },
  {
    name: 'crawl: unknown time zone',
    args: (p) => ['crawl', p.deadUrl, '--db', p.goodDb, '--timezone', 'Mars/Olympus'],
    exit: 2,
    message: /time ?zone/i,
    untouched: (p) => p.goodDb,
  },
  {
    name: 'crawl: invalid --include pattern',
    args: (p) => ['crawl', p.deadUrl, '--db', p.goodDb, '--include', '(unclosed'],
    exit: 2,
    message: /--include/,
    untouched: (p) => p.goodDb,
  },
  {
    name: 'crawl: --db is not a SQLite file',
    args: (p) => ['crawl', p.deadUrl, '--db', p.notDb],
    exit: 1,
    message: NOT_A_DATABASE,
    untouched: (p) => p.notDb,
  },
  {
    name: "crawl: --db is another program's SQLite database",
    args: (p) => ['crawl', p.deadUrl, '--db', p.otherAppDb],
    exit: 1,
    message: /not a newsharvest database|another application/i,
    untouched: (p) => p.otherAppDb,
  },
  {
    name: 'crawl: --db in an unwritable folder',
    args: (p) => ['crawl', p.deadUrl, '--db', p.unwritableDb],
    exit: 1,
    message: CANNOT_CREATE,
    untouched: (p) => p.unwritableDb,
  },
  {
    name: 'crawl: --db is a folder',
    args: (p) => ['crawl', p.deadUrl, '--db', p.folder],
    exit: 1,
    message: /folder|directory/i,
  },

  // extract (no database)
  { name: 'extract: invalid URL', args: () => ['extract', 'http://exa mple.com/'], exit: 2, message: /url/i },
  { name: 'extract: file: URL', args: () => ['extract', 'file:///etc/passwd'], exit: 2, message: /http/i },
  { name: 'extract: ftp: URL', args: () => ['extract', 'ftp://127.0.0.1/pub/a.html'], exit: 2, message: /http/i },
  { name: 'extract: missing input file', args: (p) => ['extract', p.missingFile], exit: 1, message: /no such file|not found|does not exist/i },
  { name: 'extract: unknown time zone', args: (p) => ['extract', p.page, '--timezone', 'Mars/Olympus'], exit: 2, message: /timezone|time zone/i },

  // export
  { name: 'export: --limit not a number', args: (p) => ['export', '--db', p.goodDb, '--limit', 'ten'], exit: 2, message: /--limit/, untouched: (p) => p.goodDb },
  { name: 'export: unknown format', args: (p) => ['export', '--db', p.goodDb, '--format', 'xml'], exit: 2, message: /format/i, untouched: (p) => p.goodDb },
  { name: 'export: unparseable --since', args: (p) => ['export', '--db', p.goodDb, '--since', 'last tuesday'], exit: 2, message: /--since/, untouched: (p) => p.goodDb },
  { name: 'export: impossible --since date', args: (p) => ['export', '--db', p.goodDb, '--since', '2022-02-30'], exit: 2, message: /--since/, untouched: (p) => p.goodDb },
  { name: 'export: --out is a folder', args: (p) => ['export', '--db', p.goodDb, '--out', p.folder], exit: 2, message: /folder/i, untouched: (p) => p.goodDb },
  {
    name: 'export: --out in a missing folder',
    args: (p) => ['export', '--db', p.goodDb, '--out', path.join(p.missingFolderDb, '..', 'out.jsonl')],
    exit: 1,
    message: /folder|directory/i,
    untouched: (p) => p.goodDb,
  },
  ...databaseCases('export'),

  // search
  { name: 'search: unparseable --since', args: (p) => ['search', '项目', '--db', p.goodDb, '--since', 'soon'], exit: 2, message: /--since/, untouched: (p) => p.goodDb },
  { name: 'search: no query', args: (p) => ['search', '--db', p.goodDb], exit: 2, message: /query|argument/i, untouched: (p) => p.goodDb },
  ...databaseCases('search', ['项目']),

  { name: 'search: --limit not a number', args: (p) => ['search', '项目', '--db', p.goodDb, '--limit', 'many'], exit: 2, message: /--limit/, untouched: (p) => p.goodDb },

  // archive
  {
    name: 'archive: --out is a folder',
    args: (p) => ['archive', '--db', p.goodDb, '--out', path.join(p.folder, 'folder.warc.gz')],
    exit: 2,
    message: /folder|directory/i,
    untouched: (p) => p.goodDb,
  },
  ...databaseCases('archive', (p) => ['--out', path.join(p.folder, 'never-written.warc.gz')]),

  // reextract
  { name: 'reextract: unknown time zone', args: (p) => ['reextract', '--db', p.goodDb, '--timezone', 'Mars/Olympus'], exit: 2, message: /time ?zone/i, untouched: (p) => p.goodDb },
  { name: 'reextract: missing profile file', args: (p) => ['reextract', '--db', p.goodDb, '--profile', p.missingFile], exit: 2, message: /profile/i, untouched: (p) => p.goodDb },
  ...databaseCases('reextract'),

  // stats
  { name: 'stats: --runs 0', args: (p) => ['stats', '--db', p.goodDb, '--runs', '0'], exit: 2, message: /--runs/, untouched: (p) => p.goodDb },
  ...databaseCases('stats'),

  // eval
  // A missing folder named on the command line is bad usage here, as a missing --profile file is.
  { name: 'eval: missing folder', args: (p) => ['eval', path.join(p.folder, 'no-such-corpus')], exit: 2, message: /no such|not found|does not exist/i },
  { name: 'eval: a file, not a folder', args: (p) => ['eval', p.page], exit: 2, message: /folder|directory/i },

  // the program itself
  { name: 'unknown command', args: () => ['harvest-everything'], exit: 2, message: /unknown command/i },
];

interface Fingerprint {
  exists: boolean;
  bytes: Buffer | null;
  mtimeMs: number | null;
  wal: boolean;
}

function fingerprint(file: string): Fingerprint {
  if (!existsSync(file)) return { exists: false, bytes: null, mtimeMs: null, wal: false };
  const st = statSync(file);
  return {
    exists: true,
    bytes: st.isFile() ? readFileSync(file) : null,
    mtimeMs: st.mtimeMs,
    wal: existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0,
  };
}

function stderrLines(result: CliResult): string[] {
  return result.stderr.split('\n').filter((line) => line.trim() !== '');
}

describe('bad input on every command', () => {
  let portal: TestSite;
  let tmp: ReturnType<typeof tempDir>;
  let seedDb: string;
  let otherAppSeed: string;
  let caseNo = 0;

  /** A fresh set of paths for one case, with its own copy of the good database. */
  function paths(): Paths {
    const dir = path.join(tmp.dir, `case-${++caseNo}`);
    mkdirSync(dir);
    const p: Paths = {
      goodDb: path.join(dir, 'good.db'),
      notDb: path.join(dir, 'notes.db'),
      otherAppDb: path.join(dir, 'contacts.db'),
      missingFolderDb: path.join(dir, 'no', 'such', 'folder', 'news.db'),
      unwritableDb: path.join(dir, 'plain-file', 'news.db'),
      folder: dir,
      page: path.join(dir, 'page.html'),
      missingFile: path.join(dir, 'missing.html'),
      deadUrl: 'http://127.0.0.1:9/',
    };
    copyFileSync(seedDb, p.goodDb);
    copyFileSync(otherAppSeed, p.otherAppDb);
    writeFileSync(p.notDb, 'These are my notes, not a database.\n'.repeat(200));
    writeFileSync(path.join(dir, 'plain-file'), 'a file where a folder should be\n');
    writeFileSync(p.page, articleHtml(articleSpec(7)));
    mkdirSync(path.join(dir, 'folder.warc.gz'));
    return p;
  }

  beforeAll(async () => {
    assertBuilt();
    tmp = tempDir('bad-input');
    portal = await startPortal({ articles: 3 });
    otherAppSeed = path.join(tmp.dir, 'contacts.db');
    const other = new Database(otherAppSeed);
    other.exec("CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('张三', '0351-1234567');");
    other.close();
    seedDb = path.join(tmp.dir, 'seed.db');
    const crawl = await runCli(crawlArgs([`${portal.origin}/`], seedDb), { timeoutMs: 60_000 });
    if (crawl.code !== 0) throw new Error(`could not build the test database: exit ${crawl.code}\n${crawl.stderr}`);
    if (existsSync(`${seedDb}-wal`) && statSync(`${seedDb}-wal`).size > 0) {
      throw new Error('the crawl left a non-empty WAL after a clean exit');
    }
  }, 90_000);

  afterAll(async () => {
    await portal?.close();
    tmp?.remove();
  });

  it.concurrent.each(CASES)('$name', async (c) => {
    const p = paths();
    const watched = c.untouched?.(p);
    const before = watched ? fingerprint(watched) : null;
    const result = await runCli(c.args(p));
    const lines = stderrLines(result);
    const context = `stderr:\n${result.stderr}\nstdout:\n${result.stdout.slice(0, 500)}`;
    expect(result.code, context).toBe(c.exit);
    expect(result.stderr, context).not.toMatch(/^\s+at /m);
    // One line saying what is wrong; commander may add its "(run with --help for usage)" hint.
    const message = lines.filter((line) => !/^\(run with --help/.test(line));
    expect(message, context).toHaveLength(1);
    expect(message[0]!.length, context).toBeLessThanOrEqual(200);
    expect(message[0], context).toMatch(c.message);
    if (watched && before) {
      const after = fingerprint(watched);
      expect(after.exists, `${watched} created or removed`).toBe(before.exists);
      expect(after.bytes?.equals(before.bytes ?? Buffer.alloc(0)) ?? before.bytes === null, `${watched} changed`).toBe(true);
      expect(after.mtimeMs).toBe(before.mtimeMs);
      expect(after.wal, `${watched} was written to (non-empty WAL)`).toBe(false);
    }
    if (c.args(p).some((a) => a === p.missingFolderDb)) {
      expect(existsSync(path.dirname(p.missingFolderDb)), 'a read command created the missing folder').toBe(false);
    }
  });

  it.concurrent.each([
    { name: 'a usage error (bad --since)', args: (p: Paths) => ['export', '--db', p.goodDb, '--since', 'last tuesday', '--debug'], exit: 2 },
    { name: 'a usage error (--concurrency 0)', args: (p: Paths) => ['crawl', p.deadUrl, '--db', p.goodDb, '--concurrency', '0', '--debug'], exit: 2 },
    { name: 'a failure (not a database)', args: (p: Paths) => ['stats', '--db', p.notDb, '--debug'], exit: 1 },
    { name: 'a failure (missing input)', args: (p: Paths) => ['extract', p.missingFile, '--debug'], exit: 1 },
  ])('--debug prints a stack trace for $name', async ({ args, exit }) => {
    const p = paths();
    const result = await runCli(args(p));
    expect(result.code, result.stderr).toBe(exit);
    expect(result.stderr).toMatch(/^\s+at /m);
  });

  it('creates the folder of a new database for crawl', async () => {
    const p = paths();
    const result = await runCli(crawlArgs([`${portal.origin}/`], p.missingFolderDb));
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(p.missingFolderDb)).toBe(true);
  });
});
