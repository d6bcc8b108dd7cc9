/**
 * Crawl throughput and memory: a generated portal of 1,000 and of 5,000 articles (the demo
 * portal's four CMS templates, GBK and UTF-8, counter scripts) served from memory on 127.0.0.1
 * by this process; the compiled CLI crawls it in a child process
 * (`crawl --delay 0 --concurrency 8 --per-host 8`), whose peak RSS GNU time reports (or
 * /proc/<pid>/status VmHWM sampling where /usr/bin/time is missing). For comparison, extract()
 * alone runs in a fresh process (first pass and second pass) over the HTML responses the crawl
 * stored, read back from its database: the same pages, byte for byte. (Counter-script answers
 * are not pages: Empire CMS serves its `document.write('123')` as text/html, and counting those
 * 23-byte answers as pages once made extract-only look 20% faster than it is.)
 *
 * Targets (DESIGN.md / brief): crawl pages/s ≥ 70% of the extract-only rate; peak RSS < 300 MB
 * and flat between 1,000 and 5,000 articles.
 * Tunables (environment): CRAWL_BENCH_SIZES (default "1000,5000"); CRAWL_BENCH_CONCURRENCY (default
 * 8: `--concurrency` and `--per-host`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from '../extract/index.js';
import { buildDemoPortal } from '../scripts/build-demo-portal.js';
import { startPortalServer } from '../scripts/portal-server.js';
import { openStore } from '../store/index.js';
import { readHwmKb } from './peak-rss.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(PROJECT_ROOT, 'bin', 'newsharvest.js');
const THIS_FILE = fileURLToPath(import.meta.url);
const GNU_TIME = '/usr/bin/time';
const CONCURRENCY = String(Number(process.env.CRAWL_BENCH_CONCURRENCY ?? 8) || 8);

interface CrawlRun {
  articles: number;
  pages: number;
  requests: number;
  seconds: number;
  /** Pages/s over the second half of the crawl (by the pages' fetch times): the rate once warm. */
  secondHalfRate: number | null;
  peakRssMb: number | null;
  /** user + sys CPU seconds of the crawler process (GNU time), when measured. */
  cpuSeconds: number | null;
  threads: ThreadSplit | null;
  /** CPU seconds this process (the portal's server) spent answering the crawl, on the same cores. */
  serverCpuSeconds: number;
  exitCode: number | null;
}

interface ThreadSplit {
  main: number;
  worker: number;
  rest: number;
}

/** USER_HZ of /proc/<pid>/stat: 100 on every Linux the project supports. */
const CLOCK_TICKS = 100;

/** CPU seconds per thread of a Linux process, by thread id (empty where /proc is missing). */
function threadCpu(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Fields after the ")" that closes the command name: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    }
  } catch {
    // The process is gone or this is not Linux: keep what the last sample saw.
  }
  return out;
}

/** The node process GNU time runs (its only child), or the child itself. */
function crawlerPid(child: number, viaTime: boolean): number | null {
  if (!viaTime) return child;
  try {
    const first = readFileSync(`/proc/${child}/task/${child}/children`, 'utf8').trim().split(' ')[0];
    return first ? Number(first) : null;
  } catch {
    return null;
  }
}

/**
 * Where the crawler's CPU went: its main thread (network, SQLite), the busiest other thread (the
 * page worker: decode, parse, extract, links) and all the rest (V8's compiler and GC helpers).
 */
function splitThreads(pid: number, perThread: Map<number, number>): ThreadSplit | null {
  if (perThread.size === 0) return null;
  const main = perThread.get(pid) ?? 0;
  const others = [...perThread.entries()].filter(([tid]) => tid !== pid).map(([, cpu]) => cpu);
  const worker = Math.max(0, ...others);
  const rest = others.reduce((sum, cpu) => sum + cpu, 0) - worker;
  return { main, worker, rest };
}

/** Crawls a fresh portal of `size` articles into `db`. */
async function crawlOnce(size: number, db: string): Promise<CrawlRun> {
  const portal = buildDemoPortal({ syntheticArticles: size });
  const server = await startPortalServer(portal.files);
  const dir = path.dirname(db);
  try {
    const rssFile = path.join(dir, 'rss');
    const args = [BIN, 'crawl', `${server.origin}/`, '--db', db, '--delay', '0', '--concurrency', CONCURRENCY, '--per-host', CONCURRENCY, '--quiet'];
    const useTime = existsSync(GNU_TIME);
    const child = useTime
      ? spawn(GNU_TIME, ['-f', '%U %S %M', '-o', rssFile, process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let peakKb = 0;
    const sampler = useTime
      ? null
      : setInterval(() => {
          peakKb = Math.max(peakKb, readHwmKb(child.pid ?? -1) ?? 0);
        }, 50);
    // Sampled until the exit, each thread's last reading kept: the worker thread ends (and leaves
    // /proc) before the process does.
    const threads = new Map<number, number>();
    let pid: number | null = null;
    const threadSampler = setInterval(() => {
      pid ??= crawlerPid(child.pid ?? -1, useTime);
      if (pid !== null) for (const [tid, cpu] of threadCpu(pid)) threads.set(tid, cpu);
    }, 50);
    const serverCpu = process.cpuUsage();
    // --quiet, as from cron: the crawler writes no per-page log lines (and this process, on the
    // same cores, reads none). The counts come from the run's record in the database.
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString('utf8')).slice(-2000);
    });
    const started = performance.now();
    const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const seconds = (performance.now() - started) / 1000;
    if (sampler) clearInterval(sampler);
    clearInterval(threadSampler);
    const served = process.cpuUsage(serverCpu);
    let cpuSeconds: number | null = null;
    if (useTime && existsSync(rssFile)) {
      const [user, sys, kb] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
      if (kb !== undefined && Number.isFinite(kb)) peakKb = kb;
      if (user !== undefined && sys !== undefined && Number.isFinite(user + sys)) cpuSeconds = user + sys;
    }
    if (exitCode !== 0 && exitCode !== 3) throw new Error(`the crawl exited with ${exitCode}: ${errors.trim()}`);
    const store = openStore(db, { readonly: true });
    const summary = store.runs(1)[0];
    const fetched = (store.connection.prepare('SELECT fetched_at FROM pages ORDER BY fetched_at').pluck().all() as string[]).map(
      (at) => Date.parse(at),
    );
    store.close();
    const half = Math.floor(fetched.length / 2);
    const secondHalfMs = (fetched.at(-1) ?? 0) - (fetched[half] ?? 0);
    return {
      secondHalfRate: secondHalfMs > 0 ? (1000 * (fetched.length - 1 - half)) / secondHalfMs : null,
      articles: summary?.articlesNew ?? 0,
      pages: summary?.pagesFetched ?? 0,
      requests: server.requests.length,
      seconds,
      peakRssMb: peakKb > 0 ? peakKb / 1024 : null,
      cpuSeconds,
      threads: pid === null ? null : splitThreads(pid, threads),
      serverCpuSeconds: (served.user + served.system) / 1e6,
      exitCode,
    };
  } finally {
    await server.close();
  }
}

interface ExtractRate {
  rate: number;
  cpuMsPerPage: number;
}

/**
 * extract() over the HTML pages the crawl stored in `db`, bytes in memory: what the crawl must
 * stay close to. Pages per wall second and CPU milliseconds per page (the whole process), for the
 * first pass (a fresh process compiling the extractor as it goes, as the crawl's page worker does)
 * and for the second (compiled): the target is judged against the second, the stricter of the two.
 */
function extractOnlyHere(db: string): { pages: number; cold: ExtractRate; warm: ExtractRate } {
  const store = openStore(db, { readonly: true });
  const pages: { url: string; body: Uint8Array; contentType: string }[] = [];
  try {
    for (const r of store.responses({})) {
      const contentType = r.headers['content-type'] ?? '';
      if (r.status === 200 && contentType.includes('html')) pages.push({ url: r.finalUrl, body: r.body, contentType });
    }
  } finally {
    store.close();
  }
  const now = new Date();
  const pass = (): ExtractRate => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const page of pages) {
      extract(page.body, { url: page.url, contentType: page.contentType, now });
    }
    const wall = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { rate: pages.length / wall, cpuMsPerPage: (used.user + used.system) / 1000 / pages.length };
  };
  const cold = pass();
  return { pages: pages.length, cold, warm: pass() };
}

/** extractOnlyHere() in a fresh process, so that its first pass is really the first. */
function extractOnly(db: string): { pages: number; cold: ExtractRate; warm: ExtractRate } {
  const result = spawnSync(process.execPath, [THIS_FILE, '--extract-only', db], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`extract-only child failed: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout) as { pages: number; cold: ExtractRate; warm: ExtractRate };
}

function fmt(n: number | null, digits = 1): string {
  return n === null ? 'n/a' : n.toFixed(digits);
}

export const crawlBench = {
  name: 'crawl',
  async run(): Promise<void> {
    if (!existsSync(path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js'))) {
      throw new Error('dist/cli/main.js is missing: run `npm run build` first');
    }
    const sizes = (process.env.CRAWL_BENCH_SIZES ?? '1000,5000')
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    const rows: string[] = [];
    const rss: number[] = [];
    for (const size of sizes) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'nh-crawl-bench-'));
      let run: CrawlRun;
      let extracted: ReturnType<typeof extractOnly>;
      try {
        const db = path.join(dir, 'bench.db');
        run = await crawlOnce(size, db);
        extracted = extractOnly(db);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const { cold, warm: only } = extracted;
      const rate = run.pages / run.seconds;
      const crawlCpuMs = run.cpuSeconds === null ? null : (1000 * run.cpuSeconds) / run.pages;
      if (run.peakRssMb !== null) rss.push(run.peakRssMb);
      const perPage = (seconds: number) => fmt((1000 * seconds) / run.pages, 2);
      const split = run.threads
        ? ` (main thread ${perPage(run.threads.main)}, page worker ${perPage(run.threads.worker)}, V8 compiler/GC threads ${perPage(run.threads.rest)})`
        : '';
      rows.push(
        `${String(size).padStart(6)} articles: crawl --concurrency ${CONCURRENCY} ${fmt(rate)} pages/s (second half ${fmt(run.secondHalfRate)}, ${fmt(run.secondHalfRate === null ? null : (100 * run.secondHalfRate) / only.rate, 0)}% of extract-only; ${run.pages} pages, ${run.requests} requests incl. robots/sitemap/counter scripts, ${fmt(run.seconds)} s, ${run.articles} articles stored, exit ${run.exitCode}); ` +
          `extract-only ${fmt(only.rate)} pages/s over the ${extracted.pages} HTML pages it stored (first pass in a fresh process ${fmt(cold.rate)}); crawl/extract ${fmt((100 * rate) / only.rate, 0)}% by wall time (${fmt((100 * rate) / cold.rate, 0)}% of the first pass), ` +
          `${crawlCpuMs === null ? 'n/a' : fmt((100 * only.cpuMsPerPage) / crawlCpuMs, 0)}% by CPU; peak RSS ${fmt(run.peakRssMb, 0)} MB\n` +
          `        CPU ms/page: crawler ${fmt(crawlCpuMs, 2)}${split}; portal server ${perPage(run.serverCpuSeconds)} on the same cores; extract-only ${fmt(only.cpuMsPerPage, 2)} (first pass ${fmt(cold.cpuMsPerPage, 2)})`,
      );
      process.stdout.write(`${rows.at(-1)}\n`);
    }
    if (rss.length >= 2) {
      process.stdout.write(
        `peak RSS growth ${fmt(rss[0]!, 0)} → ${fmt(rss.at(-1)!, 0)} MB (${fmt((100 * (rss.at(-1)! - rss[0]!)) / rss[0]!, 0)}%); targets: crawl ≥ 70% of extract-only, RSS < 300 MB and flat\n`,
      );
    }
  },
};

// The extract-only child: `node dist/bench/crawl-bench.js --extract-only <crawl database>` prints JSON.
if (process.argv[1] === THIS_FILE && process.argv[2] === '--extract-only') {
  process.stdout.write(JSON.stringify(extractOnlyHere(process.argv[3] ?? '')));
}
