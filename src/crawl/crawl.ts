/**
 * The crawl loop. The frontier lives in SQLite (the store): due URLs are claimed in batches,
 * processed several at a time (p-queue) under per-host politeness and a cap on requests in flight
 * (both HostScheduler),
 * and each page is committed all or nothing (pages completing together share one transaction,
 * GroupCommit), so a killed crawl loses only what was in flight.
 */
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import { decodeHtml } from '../decode/index.js';
import { errorMessage, FatalError, FetchError } from '../errors.js';
import type { SiteProfile } from '../extract/profiles/schema.js';
import { articleContentKey } from '../store/content-key.js';
import type { FrontierEntry, FrontierItem, PageKind, Store, StoredResponse } from '../store/types.js';
import type { Article } from '../types.js';
import type { AnalyzeResult } from './analyze.js';
import { isChallengePage } from './challenge.js';
import { listEntryLinks, UrlClassifier } from './classify.js';
import { GroupCommit } from './group-commit.js';
import type { FoundLink } from './links.js';
import {
  continuationLinks,
  DEFAULT_MAX_ARTICLE_PAGES,
  firstPageOf,
  joinPages,
  numberedFirstPageOf,
  pagerContinuationCandidates,
  readContinuations,
} from './pages.js';
import { Scope } from './scope.js';
import { looksLikeXml, parseFeed, parseSitemap } from './sitemap.js';
import { hostKey, normalizeUrl, originOf, spellingKey, urlOrNull } from './url.js';
import { parseCounterScript } from './views.js';
import { inlineAnalyzer, type PageAnalyzer } from './worker-pool.js';

/** What the crawl needs from src/fetch; injected so that the loop does not care how. */
export interface FetchResponse {
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  fetchedAt: Date;
  requestHeaders: Record<string, string>;
  notModified: boolean;
}

export interface CrawlFetcher {
  fetch(
    url: string,
    opts: {
      conditional?: { etag: string | null; lastModified: string | null } | null;
      signal?: AbortSignal;
      /** Asked before a redirect is followed (robots.txt of the target). */
      mayFollow?: (next: string) => Promise<boolean>;
      /** Asked once the headers are in: false leaves the body unread (an attachment), reason "not-a-page". */
      acceptBody?: (headers: Record<string, string>) => boolean;
    },
  ): Promise<FetchResponse>;
}

export interface CrawlScheduler {
  /** Runs `task` when the host's politeness allows (delay between request starts, parallel cap). */
  schedule<T>(host: string, task: () => Promise<T>): Promise<T>;
  /** Waits for the host's delay without a slot: a redirect hop of a request already running. */
  pace?(host: string): Promise<void>;
  setHostDelay(host: string, delayMs: number): void;
}

export interface CrawlRobots {
  isAllowed(url: string): Promise<boolean>;
  /** Why a site is disallowed as a whole: robots.txt unreachable or 5xx ("disallow-all"). */
  entry?(url: string): Promise<{ status: string; reason: string | null }>;
  crawlDelayMs(origin: string): Promise<number | null>;
  sitemaps(origin: string): Promise<string[]>;
}

export interface CrawlDeps {
  fetcher: CrawlFetcher;
  scheduler: CrawlScheduler;
  /** null with --ignore-robots. */
  robots: CrawlRobots | null;
  /** Delay before retry number `attempt` (1-based) after `err`. */
  retryDelayMs(attempt: number, err: FetchError): number;
  /** Where pages are decoded, parsed and extracted; inline on the main thread by default. */
  analyzer?: PageAnalyzer;
  now?: () => Date;
}

export interface CrawlOptions {
  seeds: string[];
  /** Requests in flight in total (the scheduler caps them); PAGES_PER_REQUEST_SLOT times as many pages in process. */
  concurrency: number;
  /** Politeness delay between requests to one host (robots Crawl-delay raises it). */
  delayMs: number;
  /** Attempts after the first for retryable failures. */
  retries: number;
  maxPages: number | null;
  maxDepth: number | null;
  include: string[];
  exclude: string[];
  /** Walk every list page even when it holds only known articles. */
  full: boolean;
  /** Revisit known articles (their counter scripts where they have one) for a new views observation. */
  refreshViews: boolean;
  profile: SiteProfile | null;
  /** --timezone; when absent, the site profile's zone or Asia/Shanghai. */
  timeZone?: string | undefined;
  /** Cap on continuation pages fetched for one article. */
  maxArticlePages?: number;
}

export type CrawlEvent =
  | { type: 'start'; runId: number; seeds: string[]; incremental: boolean; requeued: number }
  | {
      type: 'page';
      url: string;
      status: number;
      kind: PageKind;
      outcome: 'new' | 'updated' | 'unchanged' | 'page-only' | 'not-modified' | 'duplicate';
      links: number;
      pages?: number;
    }
  | { type: 'skip'; url: string; reason: string }
  | { type: 'failure'; url: string; reason: string; message: string; retryAt: string | null }
  | { type: 'views'; url: string; views: number }
  | { type: 'discovery'; source: string; urls: number }
  | { type: 'warning'; message: string };

export interface CrawlSummary {
  runId: number;
  pagesFetched: number;
  notModified: number;
  articlesNew: number;
  articlesUpdated: number;
  articlesUnchanged: number;
  /** Article pages not stored because the same story is stored under another URL. */
  articlesDuplicate: number;
  viewsObservations: number;
  /** Final failures by reason ("http-404": 2, ...). */
  failures: Record<string, number>;
  failedUrls: number;
  retriesScheduled: number;
  elapsedMs: number;
  interrupted: boolean;
  /** Still queued when the crawl stopped (max-pages, interruption). */
  queuedLeft: number;
}

export interface CrawlProgress {
  pagesFetched: number;
  articles: number;
  failures: number;
  inFlight: number;
  queued: number;
  elapsedMs: number;
}

const PRIORITY = { seed: 100, pager: 70, article: 50, sitemap: 45, list: 30, other: 10 } as const;
const SITEMAP_LIMIT = 50;
const ENQUEUED_CACHE_LIMIT = 200_000;
/**
 * Answers that are files, not pages: an attachment (Content-Disposition), a document, an archive,
 * an image or a video. Pages, feeds and sitemaps are read (text/*, HTML, XML, JSON, gzip).
 */
const FILE_TYPE_RE = /^\s*(?:application\/(?:pdf|msword|vnd\.|zip|x-zip|x-rar|x-7z|rtf|ofd|x-tar|x-msdownload|java-archive)|image\/|video\/|audio\/|font\/)/i;

function isPageHeaders(headers: Record<string, string>): boolean {
  if (/^\s*attachment\b/i.test(headers['content-disposition'] ?? '')) return false;
  return !FILE_TYPE_RE.test(headers['content-type'] ?? '');
}

/** Failure reasons that may pass (src/fetch/http.ts classifyFailure, retryable HTTP statuses, an anti-bot challenge). */
const TRANSIENT_FAILURE_RE = /^(?:connect-refused|dns|timeout|truncated|connection-reset|network|blocked-challenge|http-(?:5\d\d|408|429))$/;
/** Failed URLs a run looks at for another try. */
const MAX_FAILED_RETRIED = 10_000;
/** How long an incremental run leaves a page read as "other" (about, contact) unvisited: a week. */
const OTHER_PAGE_REVISIT_MS = 7 * 24 * 3600_000;
/**
 * Pages in a row that are neither articles nor list pages showing something new, after which
 * their links are not followed: enough for a site map or an "about" page leading to the sections,
 * and a bound on endless calendars and page-number traps when no --max-pages is given.
 */
const MAX_BARREN_HOPS = 4;

/**
 * Pages in process per request slot (--concurrency counts requests in flight, which the scheduler
 * caps). A page spends most of its time off the network: queued for the page worker, waiting for
 * its counter script or its group commit. With one page per slot the worker and the commits
 * starved each other. Measured on the 5,000-article bench portal, --concurrency 8, one run each:
 * 1 page a slot 516 pages/s, 2 525, 4 570, 8 581 (and 2–3% more peak RSS than 4).
 */
const PAGES_PER_REQUEST_SLOT = 4;

/** Parameters that only sort or order a list: a page with them shows what the page without them shows. */
const SORT_PARAM = /^(?:sort|order|orderby|order_by|sortby|sort_by|sorttype|ordertype|sortfield|sortorder|orderfield)$/i;
/** The same, found in a query string before it is split. */
const SORT_PARAM_IN_QUERY = /[?&](?:sort|order)/i;
/** A folder's index file: the folder's own page under a second name. */
const DIRECTORY_INDEX = /^(.*\/)(?:index|default)\.(?:s?html?|php|aspx?|jsp)$/i;
/** A path with a year and month folder (/2024/05/): a dated post, even under a folder-style URL. */
const DATED_PATH = /\/(?:19|20)\d{2}\/\d{1,2}\//;

/**
 * Whether a path's last segment is a story's slug: letters with a number joined by a hyphen or
 * underscore (12-office-hours, notice_2024), or three words or more (legal-service-duty-may).
 */
export function isStorySlug(path: string): boolean {
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  const stem = last.replace(/\.[a-z]{2,5}$/i, '');
  if (!/[a-z]/i.test(stem)) return false;
  if (/\d[^-_]*[-_]|[-_][^-_]*\d/.test(stem)) return true;
  return stem.split(/[-_]/).filter((w) => w !== '').length >= 3;
}

/** The item number a URL names: the number ending its last path segment, else an id parameter's; null when none. */
function itemNumber(url: string): string | null {
  const u = urlOrNull(url);
  if (u === null) return null;
  const last = /(?:^|[^\d])(\d{2,})(?:\.[a-z]{2,6})?\/?$/i.exec(u.pathname);
  if (last) return last[1]!;
  for (const [name, value] of u.searchParams) {
    if (/^(?:id|aid|itemid|articleid|newsid|contentid|infoid)$/i.test(name) && /^\d{2,}$/.test(value)) return value;
  }
  return null;
}

/** Whether two URLs name the same item number (see itemNumber). */
function sameItem(a: string, b: string): boolean {
  const x = itemNumber(a);
  return x !== null && x === itemNumber(b);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when a queued task completes, or after `ms` (retries coming due, feeds being read). */
function nextCompletion(queue: PQueue, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      queue.off('next', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    queue.on('next', done);
  });
}

function contentTypeOf(headers: Record<string, string>): string | null {
  return headers['content-type'] ?? null;
}

function isHtmlResponse(headers: Record<string, string>, body: Uint8Array): boolean {
  const type = (contentTypeOf(headers) ?? '').toLowerCase();
  if (type === '') return !looksLikeXml(body);
  return /html|xhtml/.test(type) || (type.startsWith('text/plain') && !looksLikeXml(body));
}

function isXmlResponse(headers: Record<string, string>, body: Uint8Array): boolean {
  const type = (contentTypeOf(headers) ?? '').toLowerCase();
  return /xml|rss|atom/.test(type) || looksLikeXml(body);
}

export class Crawler {
  private readonly store: Store;
  private readonly options: CrawlOptions;
  private readonly deps: CrawlDeps;
  private readonly scope: Scope;
  private readonly classifier: UrlClassifier;
  private readonly now: () => Date;
  private readonly listeners: ((event: CrawlEvent) => void)[] = [];

  private runId = 0;
  private stopping = false;
  private fatal: unknown = null;
  private incremental = false;
  private claimed = 0;
  private inFlight = 0;
  private readonly claimedItems = new Map<string, FrontierItem>();
  /** URLs requeued or fetched in this run: an incremental revisit happens once per run. */
  private readonly visitedThisRun = new Set<string>();
  private readonly feedsSeen = new Set<string>();
  /** The first URL enqueued under each spellingKey() this run: later spellings of it are aliases. */
  private readonly spellings = new Map<string, string>();
  /** Frontier URLs whose redirect was refused, and why, when not for robots.txt (see politeFetch). */
  private readonly redirectRefusals = new Map<string, string>();
  /**
   * URLs already handed to store.enqueue() in this run: most links of a page (menus, related
   * boxes) were enqueued by an earlier page, and skipping them saves a database write each.
   * Only a cache; the frontier itself is in the database. Cleared when it grows large.
   */
  private readonly enqueued = new Set<string>();
  /** What the list pages of this run linked to, one fingerprint a page (repeatsAnEarlierList). */
  private readonly listFingerprints = new Set<string>();
  /** URLs reached through barren pages in a row, and how many (absent: none). In memory: a resumed run counts afresh. */
  private readonly barrenHops = new Map<string, number>();
  /** Feeds being read beside the queue; the crawl is not over while one may still add URLs. */
  private readonly background = new Set<Promise<void>>();
  private readonly delaysSet = new Set<string>();
  private readonly abort = new AbortController();
  private readonly commits: GroupCommit;
  private started = 0;
  private readonly summary: Omit<CrawlSummary, 'runId' | 'elapsedMs' | 'interrupted' | 'queuedLeft'> = {
    pagesFetched: 0,
    notModified: 0,
    articlesNew: 0,
    articlesUpdated: 0,
    articlesUnchanged: 0,
    articlesDuplicate: 0,
    viewsObservations: 0,
    failures: {},
    failedUrls: 0,
    retriesScheduled: 0,
  };

  constructor(store: Store, options: CrawlOptions, deps: CrawlDeps) {
    this.store = store;
    this.options = options;
    this.deps = deps;
    // Every request in flight listens on this one signal; --concurrency 16 is not a listener leak.
    setMaxListeners(0, this.abort.signal);
    this.scope = new Scope(options.seeds, {
      include: options.include,
      exclude: options.exclude,
      maxDepth: options.maxDepth,
    });
    this.classifier = new UrlClassifier(options.profile);
    this.now = deps.now ?? (() => new Date());
    this.commits = new GroupCommit(store);
  }

  on(listener: (event: CrawlEvent) => void): void {
    this.listeners.push(listener);
  }

  private emit(event: CrawlEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Stop claiming; what is in flight finishes and is committed. */
  stop(): void {
    this.stopping = true;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  progress(): CrawlProgress {
    return {
      pagesFetched: this.summary.pagesFetched,
      articles: this.summary.articlesNew + this.summary.articlesUpdated,
      failures: this.summary.failedUrls,
      inFlight: this.inFlight,
      queued: this.safeQueued(),
      elapsedMs: performance.now() - this.started,
    };
  }

  private queuedCache = { at: Number.NEGATIVE_INFINITY, value: 0 };

  /** Queued URLs for the progress line: a count over the frontier, so read at most once a second. */
  private safeQueued(maxAgeMs = 1000): number {
    const now = performance.now();
    if (now - this.queuedCache.at < maxAgeMs) return this.queuedCache.value;
    try {
      this.queuedCache = { at: now, value: this.store.frontierCounts().queued };
    } catch {
      // the progress line is not worth failing over; the crawl reports database errors itself
    }
    return this.queuedCache.value;
  }

  async run(): Promise<CrawlSummary> {
    this.started = performance.now();
    const seeds = this.options.seeds;
    this.runId = this.store.startRun(seeds);
    const requeued = this.store.requeueInFlight() + this.retryTransientFailures();
    this.incremental = seeds.some((seed) => this.store.hasSite(new URL(seed).hostname.toLowerCase()));
    this.seedFrontier();
    this.emit({ type: 'start', runId: this.runId, seeds, incremental: this.incremental, requeued });

    try {
      await this.discoverSitemaps();
      if (this.options.refreshViews) await this.refreshViews();
      await this.loop();
    } catch (err) {
      this.fatal ??= err;
    }

    const interrupted = this.stopping && this.fatal === null && !this.maxPagesReached();
    // Claimed items that never started go back to the queue for the next run.
    for (const item of this.claimedItems.values()) {
      try {
        this.store.requeue(item.url, item.depth);
      } catch {
        // the database is failing; the next run's requeueInFlight() recovers them
      }
    }
    const status = this.fatal ? 'failed' : interrupted ? 'interrupted' : 'finished';
    try {
      this.store.finishRun(this.runId, status, {
        pagesFetched: this.summary.pagesFetched,
        articlesNew: this.summary.articlesNew,
        articlesUpdated: this.summary.articlesUpdated,
        failures: this.summary.failedUrls,
      });
    } catch (err) {
      this.fatal ??= err;
    }
    if (this.fatal) throw this.fatal;
    return {
      ...this.summary,
      runId: this.runId,
      elapsedMs: performance.now() - this.started,
      interrupted,
      queuedLeft: this.safeQueued(0),
    };
  }

  /**
   * Pages of this crawl's scope that an earlier run gave up on for a passing reason (the network,
   * a 5xx, 408, 429) are tried again: a site down for an hour must not lose its articles for good.
   * A 404 or a refused page stays failed.
   */
  private retryTransientFailures(): number {
    let requeued = 0;
    for (const { url, reason } of this.store.failedUrls(MAX_FAILED_RETRIED)) {
      if (reason === null || !TRANSIENT_FAILURE_RE.test(reason) || !this.scope.allows(url)) continue;
      this.store.requeue(url);
      requeued++;
    }
    return requeued;
  }

  private maxPagesReached(): boolean {
    return this.options.maxPages !== null && this.claimed >= this.options.maxPages;
  }

  private seedFrontier(): void {
    const entries: FrontierEntry[] = this.options.seeds.map((url) => ({
      url,
      depth: 0,
      foundOn: null,
      kindHint: 'list',
      priority: PRIORITY.seed,
    }));
    this.store.enqueue(entries);
    for (const e of entries) this.noteSpelling(e.url);
    // A seed is always visited again: it is where new articles show up.
    for (const seed of this.options.seeds) {
      const state = this.store.frontierState(seed);
      if (state !== 'queued' && state !== 'in-flight') this.store.requeue(seed, 0);
      this.visitedThisRun.add(seed);
    }
  }

  private async loop(): Promise<void> {
    const concurrency = this.options.concurrency * PAGES_PER_REQUEST_SLOT;
    const queue = new PQueue({ concurrency });
    const window = concurrency * 2;
    while (!this.stopping && this.fatal === null) {
      if (this.maxPagesReached()) break;
      const busy = queue.size + queue.pending + this.background.size;
      // Refill in batches (one claim transaction per `concurrency` pages, not per page).
      if (busy <= concurrency) {
        let limit = window - busy;
        if (this.options.maxPages !== null) limit = Math.min(limit, this.options.maxPages - this.claimed);
        const items = this.store.claim(limit, this.now());
        for (const item of items) {
          this.claimed++;
          this.claimedItems.set(item.url, item);
          void queue.add(async () => {
            if (this.stopping || this.fatal !== null) return;
            this.claimedItems.delete(item.url);
            this.inFlight++;
            try {
              await this.process(item);
            } catch (err) {
              // Store failures (disk full, read-only) end the crawl; everything else is per URL.
              this.fatal ??= err;
            } finally {
              this.inFlight--;
            }
          });
        }
        if (items.length > 0) continue;
        if (busy === 0) {
          // Nothing due and nothing running: done, unless retries wait for their time.
          if (this.store.frontierCounts().queued === 0) break;
          await sleep(100);
          continue;
        }
      }
      await nextCompletion(queue, this.background.size > 0 ? 50 : 250);
    }
    if (this.stopping || this.fatal !== null) queue.clear();
    await queue.onIdle();
    await Promise.all(this.background);
  }

  /** Robots Crawl-delay raises the host's delay above --delay, never lowers it. */
  private async politeHost(url: string): Promise<string> {
    const host = hostKey(url);
    if (!this.delaysSet.has(host)) {
      this.delaysSet.add(host);
      let delay = this.options.delayMs;
      if (this.deps.robots) {
        const crawlDelay = await this.deps.robots.crawlDelayMs(originOf(url));
        if (crawlDelay !== null && crawlDelay > delay) delay = crawlDelay;
      }
      this.deps.scheduler.setHostDelay(host, delay);
    }
    return host;
  }

  private async allowed(url: string): Promise<boolean> {
    if (!this.deps.robots) return true;
    return this.deps.robots.isAllowed(url);
  }

  /**
   * One polite request: robots already checked by the caller. A redirect is followed only where
   * the crawl could have gone itself (robots.txt of the target). For a page of the frontier
   * (`frontierPage`), not to a page this run fetches anyway or an article already stored
   * (/news/index.html → /news/, show-12.htm → show-12.html) nor to another site
   * (`redirectRefusals` notes why), and a file's body is left unread (not-a-page).
   */
  private async politeFetch(
    url: string,
    conditional: { etag: string | null; lastModified: string | null } | null = null,
    frontierPage = false,
  ): Promise<FetchResponse> {
    const host = await this.politeHost(url);
    const mayFollow = async (next: string): Promise<boolean> => {
      if (frontierPage) {
        const target = normalizeUrl(next);
        if (target !== null && target !== url && (this.visitedThisRun.has(target) || this.store.hasArticle(target))) {
          this.redirectRefusals.set(url, 'redirect-to-known');
          return false;
        }
        // Another site's page is not this crawl's to store, under this site's URL least of all.
        if (target !== null && !this.scope.allows(target)) {
          this.redirectRefusals.set(url, 'redirect-out-of-scope');
          return false;
        }
      }
      if (!(await this.allowed(next))) return false;
      // Each hop is a request to its host: spaced by the host's delay like any other.
      const nextHost = await this.politeHost(next);
      await this.deps.scheduler.pace?.(nextHost);
      return true;
    };
    return this.deps.scheduler.schedule(host, () =>
      this.deps.fetcher.fetch(url, {
        conditional,
        signal: this.abort.signal,
        mayFollow,
        ...(frontierPage ? { acceptBody: isPageHeaders } : {}),
      }),
    );
  }

  private async process(item: FrontierItem): Promise<void> {
    const url = item.url;
    this.visitedThisRun.add(url);
    try {
      if (item.depth > 0 && !this.scope.allows(url)) {
        this.skip(url, 'out-of-scope');
        return;
      }
      if (!(await this.allowed(url))) {
        await this.skipForRobots(item);
        return;
      }
      // A continuation page reached on its own (from a list or sitemap) belongs to its first page,
      // when that is an article: page 2 of a list (index_2.html after index.html) is a page of its own.
      const firsts = [firstPageOf(url), numberedFirstPageOf(url)].filter((f): f is string => f !== null && f !== url);
      if (
        firsts.some(
          (first) =>
            this.store.hasArticle(first) || (this.store.frontierState(first) !== null && this.classifier.hint(first) === 'article'),
        )
      ) {
        this.skip(url, 'continuation');
        return;
      }
      // Hubs are fetched in full: a 304 would hide the links that lead to their sections' news.
      const hub = item.depth === 0 || item.kindHint === 'list';
      const revisit = this.options.refreshViews || hub ? null : this.store.conditional(url);
      const response = await this.politeFetch(url, revisit, true);
      this.summary.pagesFetched++;
      if (response.notModified) {
        this.store.markDone(url);
        this.summary.notModified++;
        this.emit({ type: 'page', url, status: 304, kind: item.kindHint ?? 'other', outcome: 'not-modified', links: 0 });
        return;
      }
      if (isChallengePage(response.body)) {
        throw new FetchError(`blocked by an anti-bot challenge (HTTP ${response.status}: a script that sets a cookie and reloads, which needs a browser)`, {
          reason: 'blocked-challenge',
          retryable: false,
          status: response.status,
        });
      }
      if (response.status >= 400) {
        throw new FetchError(`HTTP ${response.status}`, {
          reason: `http-${response.status}`,
          retryable: response.status === 408 || response.status === 429 || response.status >= 500,
          status: response.status,
        });
      }
      await this.handleResponse(item, response);
    } catch (err) {
      if (err instanceof FatalError) throw err;
      // Redirected to where robots.txt forbids: skipped like a forbidden link, not a failure.
      // An attachment behind a page-like link (download.jsp?fileId=8812): skipped, its body unread.
      if (err instanceof FetchError && err.reason === 'not-a-page') this.skip(url, 'not-a-page');
      else if (err instanceof FetchError && err.reason === 'redirect-refused') {
        this.skip(url, this.redirectRefusals.get(url) ?? 'robots-redirect');
        this.redirectRefusals.delete(url);
      } else {
        this.fail(item, err);
      }
    }
  }

  /**
   * A URL robots.txt forbids is skipped. When the whole site is off limits because its
   * robots.txt could not be read (unreachable, 5xx), that is also reported as a failure: a cron
   * job must not mistake an unreachable site for a quiet day.
   */
  private async skipForRobots(item: FrontierItem): Promise<void> {
    const entry = this.deps.robots?.entry ? await this.deps.robots.entry(item.url) : null;
    if (entry?.status !== 'disallow-all') {
      this.skip(item.url, 'robots');
      return;
    }
    const reason = `robots-unavailable${entry.reason ? `-${entry.reason}` : ''}`;
    this.skip(item.url, reason);
    this.summary.failures[reason] = (this.summary.failures[reason] ?? 0) + 1;
    this.summary.failedUrls++;
    this.emit({
      type: 'failure',
      url: item.url,
      reason,
      message: `robots.txt of ${originOf(item.url)} could not be read (${entry.reason ?? 'unknown'}); the site is treated as disallowed`,
      retryAt: null,
    });
  }

  private skip(url: string, reason: string): void {
    this.store.markSkipped(url, reason);
    this.emit({ type: 'skip', url, reason });
  }

  private fail(item: FrontierItem, err: unknown): void {
    const fetchError = err instanceof FetchError ? err : null;
    const reason = fetchError?.reason ?? 'error';
    const message = errorMessage(err);
    let retryAt: Date | null = null;
    if (fetchError?.retryable && item.attempts <= this.options.retries) {
      retryAt = new Date(this.now().getTime() + this.deps.retryDelayMs(item.attempts, fetchError));
      this.summary.retriesScheduled++;
    } else {
      this.summary.failures[reason] = (this.summary.failures[reason] ?? 0) + 1;
      this.summary.failedUrls++;
    }
    this.store.markFailed(item.url, reason, retryAt);
    this.emit({ type: 'failure', url: item.url, reason, message, retryAt: retryAt?.toISOString() ?? null });
  }

  /** `url`: the frontier URL the response answers (the request's, before redirects). */
  private storedResponse(url: string, response: FetchResponse, kind: PageKind): StoredResponse {
    return {
      url,
      finalUrl: response.finalUrl,
      status: response.status,
      headers: response.headers,
      body: response.body,
      fetchedAt: response.fetchedAt,
      requestHeaders: response.requestHeaders,
      kind,
    };
  }

  private async handleResponse(item: FrontierItem, response: FetchResponse): Promise<void> {
    const url = item.url;
    if (!isHtmlResponse(response.headers, response.body)) {
      if (isXmlResponse(response.headers, response.body)) {
        this.feedsSeen.add(url);
        const found = this.enqueueDiscovered(this.xmlUrls(response.body), url, item.depth + 1);
        this.emit({ type: 'discovery', source: url, urls: found });
      }
      this.store.savePage(this.runId, this.storedResponse(item.url, response, 'other'), null);
      this.emit({ type: 'page', url, status: response.status, kind: 'other', outcome: 'page-only', links: 0 });
      return;
    }

    const analysed = await this.analyze(response);
    const { links, kind } = analysed;
    let article = analysed.article;

    let pages = 1;
    let continuations: string[] = [];
    let continuationResponses: FetchResponse[] = [];
    // An article reached through a redirect is stored under the URL it lives at (the Article's url
    // is the one after redirects), or under the canonical URL it names; that URL is marked done
    // with it, so a link to it is not fetched again.
    const landed = this.landingUrl(url, response.finalUrl);
    const articleUrl = kind === 'article' ? this.canonicalOf(analysed.canonical, landed) : url;
    // A copy of a story already stored under the URL this page names (its mobile page): kept as a
    // page, and neither its counter script asked (each request may count a visit) nor its article stored again.
    const copyOf = kind === 'article' && articleUrl !== url && this.store.hasArticle(articleUrl) ? articleUrl : null;
    if (kind === 'article') {
      const maxPages = this.options.maxArticlePages ?? DEFAULT_MAX_ARTICLE_PAGES;
      continuations = continuationLinks(response.finalUrl, links).slice(0, maxPages);
      // Pager pages of another address shape count only when they show this page's headline.
      const candidates = continuations.length === 0 ? pagerContinuationCandidates(response.finalUrl, links).slice(0, maxPages) : [];
      // The counter script (named on the first page) is read while the continuation pages load.
      const viewsUrl = article.views === null && copyOf === null ? article.extraction.viewsUrl : null;
      const [joined, views] = await Promise.all([
        continuations.length > 0
          ? this.fetchContinuations(article, continuations)
          : candidates.length > 0
            ? this.fetchContinuations(article, candidates, true)
            : null,
        viewsUrl ? this.fetchViews(viewsUrl) : null,
      ]);
      if (joined) {
        article = joined.article;
        pages += joined.pages;
        continuationResponses = joined.responses;
        // Candidates that showed another headline are links like any other.
        if (continuations.length === 0) continuations = joined.urls;
      }
      if (views !== null && article.views === null) article = { ...article, views };
    }

    // The page's links, continuations and the page itself are committed together (group commit
    // with the other pages completing now): a crash before the commit revisits the page.
    const skipLinks = new Set(continuations);
    const stored = this.storedResponse(item.url, response, kind);
    const finalArticle = kind === 'article' ? { ...article, url: articleUrl } : null;
    const outcome = await this.commits
      .write(() => {
        this.enqueueLinks(item, kind, links.filter((l) => !skipLinks.has(l.url)));
        if (articleUrl !== url) {
          this.enqueueOnce([{ url: articleUrl, depth: item.depth, foundOn: url, kindHint: 'article', priority: PRIORITY.article }]);
          // Where a redirect landed was read: done. A canonical page that a copy (AMP, share
          // page) names and that waits in the queue is still read itself, and updates the
          // story: the copy may lack its view count or byline.
          if (articleUrl === landed || this.store.frontierState(articleUrl) !== 'queued') this.store.markDone(articleUrl);
        }
        // Kept so that reextract can join the pages again; marked skipped below, as continuations.
        for (const more of continuationResponses) {
          this.store.savePage(this.runId, this.storedResponse(more.url, more, 'other'), null);
        }
        if (continuations.length > 0) {
          this.store.enqueue(continuations.map((c) => ({ url: c, depth: item.depth, foundOn: url, kindHint: 'article' })));
          for (const c of continuations) this.store.markSkipped(c, 'continuation');
        }
        // Checked inside the commit: two copies of one story finishing together are seen in turn.
        const original = finalArticle && (copyOf ?? this.storedTwin(finalArticle));
        if (original) {
          this.store.savePage(this.runId, stored, null);
          return { duplicateOf: original };
        }
        return this.store.savePage(this.runId, stored, finalArticle);
      })
      .catch((err: unknown) => {
        // Undone writes: the enqueued-URL cache may name links that were rolled back.
        this.enqueued.clear();
        throw err;
      });
    if (typeof outcome === 'object') {
      this.summary.articlesDuplicate++;
      this.emit({ type: 'page', url, status: response.status, kind, outcome: 'duplicate', links: links.length, pages });
      this.emit({ type: 'skip', url, reason: `duplicate of ${outcome.duplicateOf}` });
      return;
    }
    if (outcome === 'new') this.summary.articlesNew++;
    else if (outcome === 'updated') this.summary.articlesUpdated++;
    else if (outcome === 'unchanged') this.summary.articlesUnchanged++;
    if (kind === 'article' && article.views !== null) this.summary.viewsObservations++;
    this.emit({ type: 'page', url, status: response.status, kind, outcome, links: links.length, pages });
  }

  /**
   * The address an article page names as its own (`<link rel="canonical">`): a mobile copy
   * (/m/news/…/124.html, m.example.cn) or a tracking URL is stored under the desktop article's URL.
   * Only an article-shaped address in the crawl's scope counts: a canonical link to the home page
   * or a section is a template's mistake.
   */
  private canonicalOf(canonical: string | null, url: string): string {
    if (canonical === null || canonical === url || !this.scope.allows(canonical)) return url;
    const path = new URL(canonical).pathname;
    if (path === '/') return url;
    const hint = this.classifier.hint(canonical);
    if (hint === 'article') return canonical;
    // A path alias or SEF address names a story by a slug the URL rules do not know (Drupal
    // /news/2024/05/legal-service-duty-may, Joomla! /news/14-office-hours-notice.html): taken when
    // its last segment reads as a story's slug, never a section's name (/news, /news.html).
    if ((hint === null || DATED_PATH.test(path)) && isStorySlug(path)) return canonical;
    // The same item number under another folder (an AMP or share copy /amp/12.html, the story
    // filed under a second section /industry/12.html, naming /finance/12.html): never a section.
    if (hint !== 'list' && sameItem(url, canonical)) return canonical;
    return url;
  }

  /** Where a redirect landed, normalised, when it is another URL of the crawl's scope; else `url`. */
  private landingUrl(url: string, finalUrl: string): string {
    const landed = normalizeUrl(finalUrl);
    return landed !== null && landed !== url && this.scope.allows(landed) ? landed : url;
  }

  /**
   * An article of this crawl's sites already stored under another URL with the same headline and
   * body (show-12.html met again as show.php?itemid=12, or on the site's m. host): its URL, so
   * that the story is stored once. A URL already stored as an article is updated as usual.
   */
  private storedTwin(article: Article): string | null {
    const key = articleContentKey(article.title, article.body);
    if (key === null) return null;
    const twins = this.store.articlesWithContent(key);
    if (twins.length === 0 || twins.includes(article.url)) return null;
    return twins.find((twin) => this.scope.allows(twin)) ?? null;
  }

  private analyze(response: FetchResponse): Promise<AnalyzeResult> {
    return (this.deps.analyzer ?? inlineAnalyzer).analyze({
      body: response.body,
      url: response.finalUrl,
      contentType: contentTypeOf(response.headers),
      fetchedAt: response.fetchedAt,
      now: this.now(),
      timeZone: this.options.timeZone,
      profile: this.options.profile,
    });
  }

  /** The article joined with its continuation pages, and those pages' responses (stored with it, for reextract). */
  private async fetchContinuations(
    first: Article,
    urls: string[],
    sameHeadlineOnly = false,
  ): Promise<{ article: Article; pages: number; responses: FetchResponse[]; urls: string[] }> {
    const responses: FetchResponse[] = [];
    const accepted: string[] = [];
    const headline = (first.title ?? '').replace(/\s+/g, '');
    const rest = await readContinuations(
      first.url,
      urls,
      async (next) => {
        if (!(await this.allowed(next))) return null;
        try {
          const response = await this.politeFetch(next);
          this.summary.pagesFetched++;
          if (response.status >= 400 || response.notModified) return null;
          const page = await this.analyze(response);
          // A pager page of another address shape is this article's only under the same headline.
          if (sameHeadlineOnly && (headline === '' || (page.article.title ?? '').replace(/\s+/g, '') !== headline)) return null;
          responses.push(response);
          accepted.push(next);
          return page;
        } catch (err) {
          if (err instanceof FatalError) throw err;
          this.emit({ type: 'warning', message: `continuation page ${next} of ${first.url} failed: ${errorMessage(err)}` });
          return null;
        }
      },
      this.options.maxArticlePages ?? DEFAULT_MAX_ARTICLE_PAGES,
      sameHeadlineOnly ? (page) => pagerContinuationCandidates(first.url, page.links) : undefined,
    );
    return { article: joinPages(first, rest.map((page) => page.article)), pages: rest.length, responses, urls: accepted };
  }

  /** Reads a counter script politely; null when it is forbidden, fails or prints no number. */
  private async fetchViews(scriptUrl: string): Promise<number | null> {
    const url = normalizeUrl(scriptUrl);
    if (!url || !(await this.allowed(url))) return null;
    try {
      const response = await this.politeFetch(url);
      if (response.status >= 400) return null;
      return parseCounterScript(decodeHtml(response.body, contentTypeOf(response.headers)).text);
    } catch (err) {
      if (err instanceof FatalError) throw err;
      this.emit({ type: 'warning', message: `counter script ${url} failed: ${errorMessage(err)}` });
      return null;
    }
  }

  /** Before the run (when this is a revisit) and whether a link was known before this run. */
  private knownBefore(url: string): boolean {
    if (this.visitedThisRun.has(url)) return false;
    const state = this.store.frontierState(url);
    return state === 'done' || state === 'skipped';
  }

  private enqueueLinks(item: FrontierItem, kind: PageKind, links: FoundLink[]): void {
    // Incremental: a list page holding only articles we already have ends its section's paging.
    let followPaging = true;
    if (kind === 'list' && !this.options.full && this.incremental) {
      const entries = listEntryLinks(links, this.classifier).filter((l) => this.scope.allows(l.url));
      if (entries.length > 0 && entries.every((l) => this.knownBefore(l.url))) {
        followPaging = false;
      }
    }
    // The end of a section, or a trap (page N+1 repeating page N, empty pages past the last one,
    // a calendar's empty days): a list page showing exactly the links an earlier list page of
    // this run showed, or a page that is neither article nor list. Such pages are "barren":
    // paging stops at the first, and links MAX_BARREN_HOPS of them in a row from anything real.
    let barren = kind === 'other';
    if (kind === 'list' && this.repeatsAnEarlierList(links)) {
      followPaging = false;
      barren = true;
    }
    // A list page none of whose entries is new leads nowhere new either, whatever else it links
    // to: a calendar's empty month (its only "entries" the sidebar's hot list, its month links
    // new every time), a sorted copy of a section. Barren too; but its own pager stays the
    // section's, at the hop count the page was reached with, so a long section read through
    // another list first is still paged to its end (its pages' repeats and empty ends stop it).
    let stale = false;
    if (kind === 'list' && !barren) {
      stale = listEntryLinks(links, this.classifier)
        .filter((l) => this.scope.allows(l.url))
        .every((l) => this.known(l.url));
      barren = stale;
    }
    const inherited = this.barrenHops.get(item.url) ?? 0;
    const hops = barren ? inherited + 1 : 0;
    if (hops > MAX_BARREN_HOPS && !stale) return;
    // A revisit pages on one page at a time (the next page only): page 3 is read only if page 2
    // still held something new. A first visit queues the whole pager, to fetch it in parallel.
    const nextPageOnly = kind === 'list' && this.incremental && !this.options.full ? this.nextListPage(links) : undefined;
    const entries: FrontierEntry[] = [];
    const revisit: { url: string; depth: number }[] = [];
    /** Links that are another spelling of a known page: recorded as skipped, never fetched. */
    const aliases: FrontierEntry[] = [];
    // On a first visit a link enqueued by an earlier page needs nothing more (most of an
    // article's links are the site's menus and related boxes); a revisit still weighs its hubs.
    const skipKnown = !(this.incremental || this.options.full);
    for (const link of links) {
      if (skipKnown && link.role !== 'feed' && this.enqueued.has(link.url)) continue;
      // A feed read through its <link rel="alternate"> is not fetched again as a page.
      if (link.role !== 'feed' && this.feedsSeen.has(link.url)) continue;
      if (link.role === 'feed') {
        const task = this.readFeed(link.url, item.depth + 1).finally(() => this.background.delete(task));
        this.background.add(task);
        continue;
      }
      if (!this.scope.allows(link.url)) continue;
      const paging = link.role === 'next-page' || link.role === 'pager';
      if (paging && !followPaging) continue;
      if (hops > MAX_BARREN_HOPS && !paging) continue;
      // Another spelling of a page already known: the same list sorted another way (?order=asc),
      // a folder's index file (/news/index.html beside /news/), a folder without its slash.
      if (this.aliasOfKnown(link.url, item.url)) {
        if (!this.known(link.url)) aliases.push({ url: link.url, depth: item.depth + 1, foundOn: item.url, kindHint: null, priority: PRIORITY.other });
        continue;
      }
      if (paging && nextPageOnly !== undefined && link.url !== nextPageOnly) continue;
      const hint = this.classifier.hint(link.url);
      // Pagination is the same list, not a level deeper: --max-depth 1 still reads a whole section.
      const depth = paging && kind !== 'article' ? item.depth : item.depth + 1;
      if (!this.scope.withinDepth(depth)) continue;
      let priority: number =
        paging && kind !== 'article'
          ? PRIORITY.pager
          : hint === 'article'
            ? PRIORITY.article
            : hint === 'list' || link.role === 'nav'
              ? PRIORITY.list
              : link.role === 'list-item'
                ? PRIORITY.article - 5
                : PRIORITY.other;
      if (kind === 'article' && !paging) priority -= 5;
      entries.push({ url: link.url, depth, foundOn: item.url, kindHint: hint, priority });
      // Noted now: two spellings of one page on this same page (a menu's `?c=x`, a "more" link's `?c=x&page=1`).
      this.noteSpelling(link.url);
      const linkHops = stale && paging ? inherited : hops;
      if (linkHops > 0 && !this.barrenHops.has(link.url)) this.barrenHops.set(link.url, linkHops);
      // On a revisit, hubs (pagers, nav, list-looking URLs) are walked again; articles are not.
      if (this.incremental || this.options.full) {
        const hub = paging || link.role === 'nav' || hint === 'list';
        if (hub && hint !== 'article' && !this.visitedThisRun.has(link.url)) revisit.push({ url: link.url, depth });
      }
    }
    this.enqueueOnce(entries);
    if (aliases.length > 0) {
      this.enqueueOnce(aliases);
      for (const alias of aliases) this.store.markSkipped(alias.url, 'alias');
    }
    for (const { url, depth } of revisit) {
      if (this.visitedThisRun.has(url)) continue;
      const state = this.store.frontierState(url);
      if (state === 'done' && !this.store.hasArticle(url) && !this.restingPage(url)) {
        this.visitedThisRun.add(url);
        this.store.requeue(url, depth);
      }
    }
  }

  /** Whether a URL is in the frontier already (queued, done, failed or skipped). */
  private known(url: string): boolean {
    return this.enqueued.has(url) || this.store.frontierState(url) !== null;
  }

  /**
   * Whether `url` is another spelling of a page the crawl knows (or of `from`, the page linking
   * it): the same address with only sort-order parameters added (a faceted copy of a list:
   * `?order=asc`, `?sort=hot&order=desc`), a folder's index file (`/news/index.html`,
   * `default.htm`, `index.php` beside `/news/`) or a folder without its slash.
   */
  private aliasOfKnown(url: string, from: string): boolean {
    // Another spelling of a URL enqueued this run (letter case on IIS, a spelled-out first page).
    const key = spellingKey(url);
    if (key !== null) {
      const first = this.spellings.get(key);
      if (first !== undefined && first !== url) return true;
    }
    // Every link of every page passes here: decide on the string first, parse only a likely alias.
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const sorted = query >= 0 && SORT_PARAM_IN_QUERY.test(url.slice(query));
    const lastSegment = path.slice(path.lastIndexOf('/') + 1);
    if (!sorted && !DIRECTORY_INDEX.test(path) && (lastSegment === '' || lastSegment.includes('.') || query >= 0)) return false;
    const u = urlOrNull(url);
    if (u === null) return false;
    const candidates: string[] = [];
    if (u.search !== '') {
      const pairs = u.search.slice(1).split('&');
      const kept = pairs.filter((pair) => !SORT_PARAM.test(pair.split('=')[0] ?? ''));
      if (kept.length < pairs.length) {
        const plain = new URL(u.href);
        plain.search = kept.length > 0 ? `?${kept.join('&')}` : '';
        candidates.push(plain.href);
      }
    }
    const index = DIRECTORY_INDEX.exec(u.pathname);
    if (index) {
      const folder = new URL(u.href);
      folder.pathname = index[1]!;
      candidates.push(folder.href);
    } else if (u.pathname !== '/' && !u.pathname.endsWith('/') && !/\.[a-z0-9]{1,6}$/i.test(u.pathname)) {
      const folder = new URL(u.href);
      folder.pathname = `${u.pathname}/`;
      candidates.push(folder.href);
    }
    return candidates.some((c) => c !== url && (c === from || this.known(c)));
  }

  /**
   * Whether a list page links (paging aside) to exactly what an earlier list page of this run
   * linked to. Compared as a whole, not link by link: a section's first page repeats the home
   * page's latest news and still leads on to older pages.
   */
  private repeatsAnEarlierList(links: FoundLink[]): boolean {
    const shown = links
      .filter((l) => l.role !== 'next-page' && l.role !== 'pager' && l.role !== 'feed')
      .map((l) => l.url)
      .sort();
    const fingerprint = createHash('sha1').update(shown.join('\n')).digest('base64');
    if (this.listFingerprints.has(fingerprint)) return true;
    if (this.listFingerprints.size > ENQUEUED_CACHE_LIMIT) this.listFingerprints.clear();
    this.listFingerprints.add(fingerprint);
    return false;
  }

  /** The page after this list page: its 下一页 link, else the first page of its pager not read this run. */
  private nextListPage(links: FoundLink[]): string | null {
    const next = links.find((l) => l.role === 'next-page' && this.scope.allows(l.url));
    if (next) return next.url;
    return links.find((l) => l.role === 'pager' && !this.visitedThisRun.has(l.url) && this.scope.allows(l.url))?.url ?? null;
  }

  /**
   * A page of the site that leads nowhere new (about, contact, a company's profile): read as
   * neither article nor list when last fetched, less than OTHER_PAGE_REVISIT_MS ago. A nightly run
   * leaves it alone; --full revisits it, and so does the first run after that interval, in case it
   * has become a section since.
   */
  private restingPage(url: string): boolean {
    if (this.options.full) return false;
    const last = this.store.lastVisit(url);
    if (last === null || last.kind !== 'other') return false;
    return this.now().getTime() - Date.parse(last.fetchedAt) < OTHER_PAGE_REVISIT_MS;
  }

  private enqueueOnce(entries: FrontierEntry[]): void {
    if (this.enqueued.size > ENQUEUED_CACHE_LIMIT) this.enqueued.clear();
    const fresh = entries.filter((e) => !this.enqueued.has(e.url));
    for (const e of fresh) {
      this.enqueued.add(e.url);
      this.noteSpelling(e.url);
    }
    this.store.enqueue(fresh);
  }

  private noteSpelling(url: string): void {
    const key = spellingKey(url);
    if (key === null || this.spellings.has(key)) return;
    if (this.spellings.size > ENQUEUED_CACHE_LIMIT) this.spellings.clear();
    this.spellings.set(key, url);
  }

  private enqueueDiscovered(urls: string[], foundOn: string | null, depth: number): number {
    const entries: FrontierEntry[] = [];
    for (const raw of urls) {
      const url = normalizeUrl(raw);
      if (!url || !this.scope.allows(url) || !this.scope.withinDepth(depth)) continue;
      const hint = this.classifier.hint(url);
      entries.push({ url, depth, foundOn, kindHint: hint, priority: hint === 'list' ? PRIORITY.list : PRIORITY.sitemap });
      this.noteSpelling(url);
    }
    return this.store.enqueue(entries);
  }

  private xmlUrls(body: Uint8Array): string[] {
    const sitemap = parseSitemap(body);
    if (sitemap.urls.length > 0 || sitemap.sitemaps.length > 0) return [...sitemap.urls];
    return parseFeed(body);
  }

  private async fetchXml(url: string): Promise<Uint8Array | null> {
    if (!(await this.allowed(url))) return null;
    try {
      const response = await this.politeFetch(url);
      if (response.status >= 400) return null;
      return response.body;
    } catch (err) {
      if (err instanceof FatalError) throw err;
      return null;
    }
  }

  private async readFeed(url: string, depth: number): Promise<void> {
    if (this.feedsSeen.has(url) || !this.scope.allows(url)) return;
    this.feedsSeen.add(url);
    const body = await this.fetchXml(url);
    if (!body || this.fatal !== null) return;
    try {
      const found = this.enqueueDiscovered(parseFeed(body), url, depth);
      this.emit({ type: 'discovery', source: url, urls: found });
    } catch (err) {
      if (err instanceof FatalError) this.fatal ??= err;
    }
  }

  /** robots.txt Sitemap: lines and /sitemap.xml of every seed origin; indexes followed, gzip undone. */
  private async discoverSitemaps(): Promise<void> {
    const origins = [...new Set(this.options.seeds.map((s) => originOf(s)))];
    for (const origin of origins) {
      if (this.stopping) return;
      const listed = this.deps.robots ? await this.deps.robots.sitemaps(origin) : [];
      const pending = [...new Set([...listed, `${origin}/sitemap.xml`])];
      const seen = new Set<string>();
      let found = 0;
      while (pending.length > 0 && seen.size < SITEMAP_LIMIT && !this.stopping) {
        const next = pending.shift()!;
        const url = normalizeUrl(next);
        if (!url || seen.has(url) || !this.scope.allows(url)) continue;
        seen.add(url);
        const body = await this.fetchXml(url);
        if (!body) continue;
        let content: ReturnType<typeof parseSitemap>;
        try {
          content = parseSitemap(body);
        } catch {
          this.emit({ type: 'warning', message: `sitemap ${url} could not be read` });
          continue;
        }
        pending.push(...content.sitemaps);
        found += this.enqueueDiscovered(content.urls, null, 1);
      }
      if (seen.size > 0) this.emit({ type: 'discovery', source: `${origin} sitemaps`, urls: found });
    }
  }

  /** --refresh-views: each known article of the seeds' sites is revisited for a views observation. */
  private async refreshViews(): Promise<void> {
    const sites = new Set(this.options.seeds.map((s) => new URL(s).hostname.toLowerCase()));
    for (const site of sites) {
      // Read them all first: the store cannot write while an iterator over it is open.
      for (const stored of [...this.store.articles({ site })]) {
        if (this.stopping) return;
        const viewsUrl = stored.extraction.viewsUrl;
        if (viewsUrl) {
          const views = await this.fetchViews(viewsUrl);
          if (views !== null) {
            this.store.addViewsObservation(stored.url, views, this.now());
            this.summary.viewsObservations++;
            this.emit({ type: 'views', url: stored.url, views });
          }
        } else {
          this.visitedThisRun.add(stored.url);
          this.store.requeue(stored.url);
        }
      }
    }
  }
}
