/**
 * `newsharvest crawl <url...>`: every option is validated before the database is touched (a bad
 * value exits 2 and creates nothing), then the crawl runs under the database's crawl lock.
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import type { Command } from 'commander';
import { type CrawlDeps, Crawler, type CrawlOptions, type CrawlSummary } from '../crawl/crawl.js';
import { createCrawlDeps, type FetchSettings } from '../crawl/deps.js';
import { compilePattern } from '../crawl/scope.js';
import { normalizeUrl } from '../crawl/url.js';
import { ExitCode, type ExitCodeValue, errorMessage, FatalError, UsageError } from '../errors.js';
import { loadProfile } from '../extract/profiles/load.js';
import type { SiteProfile } from '../extract/profiles/schema.js';
import { DEFAULT_USER_AGENT } from '../fetch/http.js';
import { LOCK_HEARTBEAT_MS, openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { DEFAULT_TIME_ZONE } from '../types.js';
import { action, addDbOption, positiveInt, resolveDbPath } from './common.js';
import { chooseMode, ProgressReporter } from './progress.js';

export interface CrawlCliOptions {
  db?: string;
  concurrency: number;
  delay: number;
  perHost: number;
  timeout: number;
  retries: number;
  userAgent?: string;
  ignoreRobots?: boolean;
  maxPages?: number;
  maxDepth?: number;
  include: string[];
  exclude: string[];
  full?: boolean;
  refreshViews?: boolean;
  profile?: string;
  timezone?: string;
  quiet?: boolean;
  jsonLog?: boolean;
  workers?: number;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A seed as the frontier will hold it, or a UsageError saying what is wrong with it. */
export function parseSeed(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UsageError(`"${input}" is not a valid URL (expected http://host/... or https://host/...)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`cannot crawl ${url.protocol} URLs: only http:// and https:// are supported ("${input}")`);
  }
  const normalized = normalizeUrl(input);
  if (!normalized) throw new UsageError(`"${input}" is not a valid URL`);
  return normalized;
}

export function validateTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new UsageError(`--timezone "${zone}" is not an IANA time zone (e.g. Asia/Shanghai)`);
  }
  return zone;
}

export function readProfile(file: string): SiteProfile {
  let text: string;
  try {
    text = readFileSync(file, 'utf-8');
  } catch (err) {
    throw new UsageError(`cannot read --profile ${file}: ${errorMessage(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--profile ${file} is not valid JSON: ${errorMessage(err)}`);
  }
  return loadProfile(json, file);
}

/** Everything the crawl needs, validated; throws UsageError before any file is created. */
export function resolveCrawlOptions(urls: string[], opts: CrawlCliOptions): { crawl: CrawlOptions; fetch: FetchSettings } {
  if (urls.length === 0) throw new UsageError('crawl needs at least one URL');
  const seeds = [...new Set(urls.map(parseSeed))];
  for (const re of opts.include) compilePattern('--include', re);
  for (const re of opts.exclude) compilePattern('--exclude', re);
  const userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
  if (userAgent.trim() === '' || /[\r\n]/.test(userAgent)) {
    throw new UsageError('--user-agent must be one non-empty line');
  }
  return {
    crawl: {
      seeds,
      concurrency: opts.concurrency,
      delayMs: opts.delay,
      retries: opts.retries,
      maxPages: opts.maxPages ?? null,
      maxDepth: opts.maxDepth ?? null,
      include: opts.include,
      exclude: opts.exclude,
      full: Boolean(opts.full),
      refreshViews: Boolean(opts.refreshViews),
      profile: opts.profile ? readProfile(opts.profile) : null,
      // Absent: the site profile's zone where it names one, else Asia/Shanghai.
      timeZone: opts.timezone ? validateTimeZone(opts.timezone) : undefined,
    },
    fetch: {
      delayMs: opts.delay,
      perHost: opts.perHost,
      concurrency: opts.concurrency,
      timeoutMs: opts.timeout,
      userAgent,
      ignoreRobots: Boolean(opts.ignoreRobots),
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    },
  };
}

/** Takes the crawl lock or fails with who holds it. */
export function lockDatabase(store: Store, owner: string): void {
  if (store.acquireCrawlLock(owner)) return;
  const holder = store.crawlLockHolder();
  const who = holder ? `pid ${holder.pid}${holder.host ? ` on ${holder.host}` : ''}, started ${holder.startedAt}` : 'unknown';
  throw new FatalError(
    `another crawl (${who}) is using ${store.path}; try again later (a lock not refreshed for 15 minutes is taken over)`,
  );
}

/**
 * 0 all good; 3 some pages failed (or a site's robots.txt could not be read, so it was not
 * crawled), or a signal stopped the crawl with pages still queued (cron must see it was cut
 * short); 1 when every fetch failed and nothing could be stored.
 */
export function crawlExitCode(summary: CrawlSummary, pagesStored: number): ExitCodeValue {
  if (summary.interrupted && summary.queuedLeft > 0) return ExitCode.partial;
  if (summary.failedUrls === 0) return ExitCode.ok;
  const robotsBlocked = Object.keys(summary.failures).some((reason) => reason.startsWith('robots-unavailable'));
  if (pagesStored === 0 && !summary.interrupted && !robotsBlocked) return ExitCode.failed;
  return ExitCode.partial;
}

export interface RunCrawlResult {
  summary: CrawlSummary;
  exitCode: ExitCodeValue;
}

/**
 * How far V8 lets a heap grow past its live size before the next full collection, for a crawl
 * (V8 flags are per process: the page worker gets it too). V8's own factor goes up to 4x: the
 * crawl's main thread keeps 15–19 MB live but let its old space reach 62–66 MB before collecting,
 * so peak RSS grew with the portal: 213 / 257–263 / 294 MiB for the bench portal at 1,000 / 5,000 /
 * 20,000 articles. At 100% (2x): 210–212 / 225–234 / 255 MiB, for 19 full collections instead of 6
 * in a 5,000-article crawl, which cost 3% of its pages/s (4 alternating runs each). 200% saved
 * little (242 / 280 MiB at 5,000 / 20,000). A --heap-growing-percent given to node itself wins.
 */
const CRAWL_HEAP_GROWING_PERCENT = 100;

function limitHeapGrowth(): void {
  if (process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent') || arg.startsWith('--heap_growing_percent'))) return;
  v8.setFlagsFromString(`--heap-growing-percent=${CRAWL_HEAP_GROWING_PERCENT}`);
}

/**
 * Opens the store, locks it, runs the crawl with progress reporting and Ctrl-C handling, and
 * releases everything. Shared by `crawl` and `demo`.
 */
export async function runCrawl(
  dbPath: string,
  options: { crawl: CrawlOptions; fetch: FetchSettings },
  reporting: { quiet?: boolean; jsonLog?: boolean },
): Promise<RunCrawlResult> {
  limitHeapGrowth();
  const store = openStore(dbPath, { create: true });
  const reporter = new ProgressReporter({ mode: chooseMode(reporting, process.stderr), out: process.stderr });
  let crawler: Crawler | null = null;
  let deps: CrawlDeps | null = null;
  let heartbeat: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (crawler && !crawler.isStopping) {
      reporter.note(`${signal}: finishing the pages in flight, then stopping (press Ctrl-C again to quit at once)`);
      crawler.stop();
      return;
    }
    // Second signal: leave now. Committed pages are safe; in-flight ones are requeued next run.
    process.exit(130);
  };
  try {
    lockDatabase(store, `crawl ${options.crawl.seeds.join(' ')}`);
    heartbeat = setInterval(() => {
      try {
        store.refreshCrawlLock();
      } catch {
        // A full or read-only disk: the crawl's own next write reports it.
      }
    }, LOCK_HEARTBEAT_MS);
    heartbeat.unref();
    deps = createCrawlDeps(options.fetch);
    crawler = new Crawler(store, options.crawl, deps);
    let stored = 0;
    crawler.on((event) => {
      if (event.type === 'page') stored++;
      reporter.event(event);
    });
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const current = crawler;
    reporter.start(() => current.progress());
    const summary = await crawler.run();
    reporter.finish(summary);
    return { summary, exitCode: crawlExitCode(summary, stored) };
  } finally {
    clearInterval(heartbeat);
    reporter.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await deps?.analyzer?.close();
    store.close();
  }
}

export function register(program: Command): void {
  const command = program
    .command('crawl')
    .description('crawl portals into the database (resumable, incremental, polite)')
    .argument('<url...>', 'seed URLs (home pages or section lists)')
    .option('--concurrency <n>', 'requests in flight in total', positiveInt('--concurrency'), 8)
    .option('--delay <ms>', 'minimum ms between requests to one host (robots Crawl-delay raises it)', positiveInt('--delay', 0), 1000)
    .option('--per-host <n>', 'requests in flight per host', positiveInt('--per-host'), 2)
    .option('--timeout <ms>', 'whole-request timeout in ms', positiveInt('--timeout'), 30_000)
    .option('--retries <n>', 'further attempts for a page that failed in a retryable way', positiveInt('--retries', 0), 3)
    .option('--user-agent <ua>', 'User-Agent header')
    .option('--ignore-robots', 'do not obey robots.txt (only for sites you own)')
    .option('--max-pages <n>', 'stop after fetching this many pages', positiveInt('--max-pages'))
    .option('--max-depth <n>', 'follow links at most this deep from a seed (paging does not count)', positiveInt('--max-depth', 0))
    .option('--include <regex>', 'only URLs matching (repeatable)', collect, [])
    .option('--exclude <regex>', 'never URLs matching (repeatable)', collect, [])
    .option('--full', 'walk every list page, even those holding only known articles')
    .option('--refresh-views', 'revisit known articles (or their counter scripts) to record views again')
    .option('--profile <file.json>', 'site profile to apply (see README "Site profiles")')
    .option('--timezone <zone>', `time zone of dates without an offset (default: the site profile's, else ${DEFAULT_TIME_ZONE})`)
    .option('--workers <n>', 'threads that extract pages beside the network/database thread (default: cores - 1, at most 4; 0 = none)', positiveInt('--workers', 0))
    .option('--quiet', 'print only errors and the final summary')
    .option('--json-log', 'one JSON object per event on stderr');
  addDbOption(command);
  command.addHelpText(
    'after',
    `
The frontier lives in the database: a crawl killed at any moment loses at most the pages in
flight, and running the same command again resumes it. Ctrl-C (SIGINT/SIGTERM) stops claiming
new pages, finishes those in flight and prints the summary; a second Ctrl-C quits at once.

On a database that already holds the site the crawl is incremental: seeds and list pages are
visited again, known articles are not, and a section's paging stops at the first list page that
holds only known articles (--full walks them all).

One crawl at a time per database: a second one exits 1 at once with
"another crawl (pid N, started ...) is using DB; try again later". A crawl killed with SIGKILL
leaves its lock behind; the next crawl on the same host sees the process is gone and takes it,
and from another host (or a replaced container) once the lock has not been refreshed for 15 min.

Exit codes: 0 all pages fetched, 1 failed (nothing stored, database error), 2 bad usage,
3 finished with some pages failed (see the summary for the reasons) or stopped by Ctrl-C/SIGTERM
with pages still queued (run the same command to resume); 130 a second Ctrl-C.`,
  );
  command.action(
    action(async (urls: string[], opts: CrawlCliOptions) => {
      const options = resolveCrawlOptions(urls, opts);
      const { exitCode } = await runCrawl(resolveDbPath(opts.db), options, opts);
      return exitCode;
    }),
  );
}
