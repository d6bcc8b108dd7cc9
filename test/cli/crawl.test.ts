/**
 * `newsharvest crawl` as a user runs it: the compiled CLI spawned against a portal on 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { BIN, runCli } from '../reliability/cli-runner.js';
import { startTestPortal, type TestPortal } from '../support/portal-server.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nh-cli-crawl-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function articlePaths(db: string): string[] {
  const store = openStore(db, { readonly: true });
  try {
    return [...store.articles({})].map((a) => new URL(a.url).pathname).sort();
  } finally {
    store.close();
  }
}

interface Running {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startCli(args: string[]): Running {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf-8');
  });
  child.stdout?.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => err, exit };
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('crawl: bad options', () => {
  const cases: [string, string[], RegExp][] = [
    ['no URL', [], /url|argument/i],
    ['not a URL', ['not a url'], /not a valid URL/],
    ['ftp URL', ['ftp://127.0.0.1/pub/'], /only http/],
    ['file URL', ['file:///etc/passwd'], /only http/],
    ['--concurrency 0', ['http://127.0.0.1:9/', '--concurrency', '0'], /--concurrency/],
    ['--delay -5', ['http://127.0.0.1:9/', '--delay', '-5'], /--delay/],
    ['--max-pages lots', ['http://127.0.0.1:9/', '--max-pages', 'lots'], /--max-pages/],
    ['--max-depth 1.5', ['http://127.0.0.1:9/', '--max-depth', '1.5'], /--max-depth/],
    ['--include (', ['http://127.0.0.1:9/', '--include', '('], /--include "\(" is not a valid regular expression/],
    ['--exclude [a-', ['http://127.0.0.1:9/', '--exclude', '[a-'], /--exclude/],
    ['--timezone', ['http://127.0.0.1:9/', '--timezone', 'Mars/Olympus'], /--timezone/],
    ['--profile missing', ['http://127.0.0.1:9/', '--profile', '/nonexistent/p.json'], /--profile/],
  ];
  it.each(cases)('%s → exit 2, one line, no database created', async (_name, args, message) => {
    const db = path.join(tempDir(), 'never.db');
    const result = await runCli(['crawl', ...args, '--db', db]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(db)).toBe(false);
  });
});

describe('crawl: the command line', () => {
  let site: TestPortal;
  beforeAll(async () => {
    site = await startTestPortal();
  });
  afterAll(() => site.close());

  it('crawls the portal, prints start and summary lines when not a TTY, exit 0', async () => {
    const db = path.join(tempDir(), 'nh.db');
    const result = await runCli(['crawl', site.url('/'), '--db', db, '--delay', '0']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^crawl of http:\/\/127\.0\.0\.1:\d+\/ started, run 1/m);
    expect(result.stderr).toMatch(/crawl finished: \d+ pages fetched, 35 new articles, 0 updated, 0 failed/);
    expect(result.stdout).toBe('');
    expect(articlePaths(db)).toHaveLength(site.portal.articles.length);
  });

  it('extracts on worker threads with --workers, with the same result', async () => {
    const db = path.join(tempDir(), 'workers.db');
    const result = await runCli(['crawl', site.url('/'), '--db', db, '--delay', '0', '--workers', '2', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(articlePaths(db)).toEqual(site.portal.articles.map((a) => a.path).sort());
    const store = openStore(db, { readonly: true });
    try {
      for (const stored of store.articles({})) {
        const expected = site.portal.articles.find((a) => a.path === new URL(stored.url).pathname)!;
        expect(stored.title).toBe(expected.title);
        expect(stored.views).toBe(expected.views);
      }
    } finally {
      store.close();
    }
  });

  it('a high --concurrency prints no Node warning (all requests share one abort signal)', async () => {
    const db = path.join(tempDir(), 'wide.db');
    const result = await runCli([
      'crawl', site.url('/'), '--db', db, '--delay', '0', '--concurrency', '24', '--per-host', '24', '--quiet',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/Warning/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('keeps the continuation pages, so reextract rebuilds multi-page articles as the crawl joined them', async () => {
    const db = path.join(tempDir(), 'pages.db');
    expect((await runCli(['crawl', site.url('/'), '--db', db, '--delay', '0', '--quiet'])).code).toBe(0);
    const store = openStore(db, { readonly: true });
    const joined = [...store.articles({})].filter((a) => a.extraction.warnings.some((w) => /^joined \d+ pages$/.test(w)));
    store.close();
    expect(joined.length).toBeGreaterThanOrEqual(2);

    const result = await runCli(['reextract', '--db', db, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { pages: number; changed: number; skippedMultiPage: number };
    expect(report).toMatchObject({ changed: 0, skippedMultiPage: 0 });
    expect(report.pages).toBe(site.portal.articles.length);
    // What reextract rebuilt is what the crawl stored, pages joined.
    const after = openStore(db, { readonly: true });
    try {
      for (const before of joined) expect([...after.articles({})].find((a) => a.url === before.url)?.body).toBe(before.body);
    } finally {
      after.close();
    }
  });

  it("reads page times in the --profile's zone when no --timezone is given", async () => {
    const dir = tempDir();
    const profile = path.join(dir, 'tokyo.json');
    writeFileSync(profile, JSON.stringify({ name: 'tokyo-portal', timeZone: 'Asia/Tokyo' }));
    const db = path.join(dir, 'tokyo.db');
    const result = await runCli(['crawl', site.url('/'), '--db', db, '--delay', '0', '--profile', profile, '--max-pages', '12', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    const store = openStore(db, { readonly: true });
    try {
      const dated = [...store.articles({})].filter((a) => a.publishedAt?.includes('T'));
      expect(dated.length).toBeGreaterThan(0);
      for (const a of dated) expect(a.publishedAt).toMatch(/\+09:00$/);
    } finally {
      store.close();
    }
  });

  it('--quiet prints only the summary; --json-log one JSON object per line', async () => {
    const before = site.requests.length;
    const quiet = await runCli([
      'crawl',
      site.url('/'),
      '--db',
      path.join(tempDir(), 'q.db'),
      '--delay',
      '0',
      '--quiet',
      '--user-agent',
      'ExampleBot/2.0 (+mailto:ops@example.cn)',
    ]);
    expect(quiet.code).toBe(0);
    expect(new Set(site.requests.slice(before).map((r) => r.userAgent))).toEqual(new Set(['ExampleBot/2.0 (+mailto:ops@example.cn)']));
    expect(quiet.stderr.trim().split('\n')).toHaveLength(1);
    expect(quiet.stderr).toMatch(/^crawl finished:/);

    const json = await runCli(['crawl', site.url('/'), '--db', path.join(tempDir(), 'j.db'), '--delay', '0', '--json-log', '--max-pages', '5']);
    expect(json.code).toBe(0);
    const events = json.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; pagesFetched?: number });
    expect(events[0]?.event).toBe('start');
    expect(events.at(-1)?.event).toBe('summary');
    expect(events.at(-1)?.pagesFetched).toBeLessThanOrEqual(12);
    expect(events.some((e) => e.event === 'page')).toBe(true);
  });

  it('exits 3 when some pages failed', async () => {
    const broken = await startTestPortal({
      files: (files) => {
        const home = files.get('/')!;
        files.set('/', {
          ...home,
          body: Buffer.from(home.body.toString('utf-8').replace('</body>', '<a href="/gone.html">旧闻</a></body>')),
        });
      },
    });
    try {
      const result = await runCli(['crawl', broken.url('/'), '--db', path.join(tempDir(), 'f.db'), '--delay', '0', '--quiet']);
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toMatch(/gone\.html: http-404/);
      expect(result.stderr).toMatch(/1 failed \(http-404 1\)/);
    } finally {
      await broken.close();
    }
  });
});

describe('crawl: sites that cannot be crawled', () => {
  it('an unreachable site is reported and exits 3, never a silent 0', async () => {
    const db = path.join(tempDir(), 'dead.db');
    const result = await runCli(['crawl', 'http://127.0.0.1:9/', '--db', db, '--retries', '0', '--timeout', '2000', '--quiet']);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/^newsharvest: http:\/\/127\.0\.0\.1:9\/: robots-unavailable.*could not be read/m);
    expect(result.stderr).toMatch(/1 failed \(robots-unavailable/);
  });

  it('exits 1 when the seed fails and nothing could be stored', async () => {
    const site = await startTestPortal({
      files: (files) => {
        files.delete('/');
        files.delete('/sitemap.xml');
        files.set('/robots.txt', { body: Buffer.from('User-agent: *\nDisallow:\n'), contentType: 'text/plain' });
      },
    });
    try {
      const result = await runCli(['crawl', site.url('/'), '--db', path.join(tempDir(), 'x.db'), '--delay', '0', '--quiet']);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/http-404/);
    } finally {
      await site.close();
    }
  });
});

describe('crawl: interruption and the crawl lock', () => {
  it('resumes after SIGKILL with exactly the articles of an uninterrupted crawl', async () => {
    const site = await startTestPortal({ latencyMs: 40 });
    try {
      const db = path.join(tempDir(), 'killed.db');
      const expected = site.portal.articles.map((a) => a.path.split('?')[0]!).sort();
      const articleSet = new Set(site.portal.articles.map((a) => a.path));
      const running = startCli(['crawl', site.url('/'), '--db', db, '--delay', '0', '--concurrency', '2', '--quiet']);
      await waitFor('10 article fetches', () => site.requests.filter((r) => articleSet.has(r.path)).length >= 10);
      running.child.kill('SIGKILL');
      const killed = await running.exit;
      expect(killed.signal).toBe('SIGKILL');
      const partial = articlePaths(db);
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.length).toBeLessThan(expected.length);

      const resumed = await runCli(['crawl', site.url('/'), '--db', db, '--delay', '0', '--concurrency', '4']);
      expect(resumed.code, resumed.stderr).toBe(0);
      const after = articlePaths(db);
      expect(after).toEqual(expected);
      expect(new Set(after).size).toBe(after.length);
    } finally {
      await site.close();
    }
  });

  it('stops cleanly on SIGINT, says so, and the next run completes', async () => {
    const site = await startTestPortal({ latencyMs: 40 });
    try {
      const db = path.join(tempDir(), 'sigint.db');
      const articleSet = new Set(site.portal.articles.map((a) => a.path));
      const running = startCli(['crawl', site.url('/'), '--db', db, '--delay', '0', '--concurrency', '2']);
      await waitFor('5 article fetches', () => site.requests.filter((r) => articleSet.has(r.path)).length >= 5);
      running.child.kill('SIGINT');
      const stopped = await running.exit;
      // Work left undone: 3, so that cron can tell the run was cut short.
      expect(stopped.code, running.stderr()).toBe(3);
      expect(running.stderr()).toMatch(/finishing the pages in flight/);
      expect(running.stderr()).toMatch(/crawl interrupted: \d+ pages still queued; run the same command to resume/);
      const resumed = await runCli(['crawl', site.url('/'), '--db', db, '--delay', '0', '--quiet']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(articlePaths(db)).toHaveLength(site.portal.articles.length);
    } finally {
      await site.close();
    }
  });

  it('a second Ctrl-C quits at once', async () => {
    const site = await startTestPortal({ latencyMs: 300 });
    try {
      const db = path.join(tempDir(), 'twice.db');
      const running = startCli(['crawl', site.url('/'), '--db', db, '--delay', '0', '--concurrency', '2']);
      await waitFor('the first pages', () => site.requests.filter((r) => r.path !== '/robots.txt').length >= 3);
      running.child.kill('SIGINT');
      await waitFor('the Ctrl-C notice', () => running.stderr().includes('finishing the pages in flight'));
      running.child.kill('SIGINT');
      const stopped = await running.exit;
      expect(stopped.code).toBe(130);
      expect(running.stderr()).not.toMatch(/crawl (finished|interrupted):/);
    } finally {
      await site.close();
    }
  });

  it('a second crawl on the same database exits 1 at once, naming the running one', async () => {
    const site = await startTestPortal({ latencyMs: 100 });
    try {
      const db = path.join(tempDir(), 'locked.db');
      const first = startCli(['crawl', site.url('/'), '--db', db, '--delay', '0', '--concurrency', '1', '--max-pages', '15', '--json-log']);
      await waitFor('the first crawl to start', () => first.stderr().includes('"event":"start"'));
      const second = await runCli(['crawl', site.url('/'), '--db', db, '--delay', '0']);
      expect(second.code, second.stderr).toBe(1);
      expect(second.stderr.trim()).toMatch(
        new RegExp(`^newsharvest: another crawl \\(pid ${first.child.pid}.*, started .+\\) is using .*locked\\.db; try again later \\(a lock not refreshed for 15 minutes is taken over\\)$`),
      );
      expect(second.durationMs).toBeLessThan(5000);
      const done = await first.exit;
      expect(done.code, first.stderr()).toBe(0);
    } finally {
      await site.close();
    }
  });
});
