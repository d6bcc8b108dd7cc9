/**
 * The narrow interface between newsharvest and its database. Everything outside src/store talks
 * to this, never to SQL, so that a PostgreSQL store for many workers is one new implementation.
 */
import type { Article } from '../types.js';

export type FrontierState = 'queued' | 'in-flight' | 'done' | 'failed' | 'skipped';
export type PageKind = 'article' | 'list' | 'other';

export interface FrontierEntry {
  /** Normalised URL (src/crawl/url.ts). */
  url: string;
  depth: number;
  /** URL of the page the link was found on; null for seeds, sitemaps and feeds. */
  foundOn: string | null;
  /** What the link is believed to be before fetching it (from URL patterns / where it was found). */
  kindHint?: PageKind | null;
  /** Higher is fetched first (pagination and articles before deep hubs). */
  priority?: number;
}

export interface FrontierItem extends FrontierEntry {
  attempts: number;
  state: FrontierState;
}

/** One HTTP exchange as stored: enough to re-extract and to write WARC without refetching. */
export interface StoredResponse {
  /** The URL requested (normalised frontier URL). */
  url: string;
  /** The URL after redirects. */
  finalUrl: string;
  status: number;
  /** Response headers as received (lower-case names). */
  headers: Record<string, string>;
  /** Raw body bytes after transfer decoding (gzip etc. undone), before charset decoding. */
  body: Uint8Array;
  fetchedAt: Date;
  /** Request headers sent, for WARC request metadata. */
  requestHeaders?: Record<string, string>;
  kind: PageKind;
}

export interface ConditionalInfo {
  etag: string | null;
  lastModified: string | null;
}

export interface RunRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  seeds: string[];
  pagesFetched: number;
  articlesNew: number;
  articlesUpdated: number;
  failures: number;
  status: 'running' | 'finished' | 'interrupted' | 'failed';
}

export interface ArticleFilter {
  site?: string;
  /** Inclusive lower bound on publishedAt, an ISO instant (already zone-resolved by the caller). */
  since?: string;
  /** Exclusive upper bound on publishedAt, an ISO instant. */
  until?: string;
  /** Full-text query (FTS). */
  query?: string;
  limit?: number;
}

export interface StoredArticle extends Article {
  viewsHistory?: { at: string; views: number }[];
}

export interface SearchHit {
  url: string;
  title: string | null;
  site: string;
  publishedAt: string | null;
  snippet: string;
  rank: number;
}

/** One site's totals for `stats`. */
export interface SiteStats {
  site: string;
  articles: number;
  /** Earliest / latest publication instant (UTC ISO) among its articles; null when none has a date. */
  firstPublished: string | null;
  lastPublished: string | null;
  /** When a page of the site was last fetched (UTC ISO), null when never. */
  lastCrawl: string | null;
  /** Frontier URLs of the site that failed for good, counted by reason ("http-404", "timeout", ...). */
  failuresByReason: Record<string, number>;
}

/** Who holds the crawl lock (for the "another crawl is running" message). */
export interface LockHolder {
  owner: string;
  pid: number;
  host: string;
  startedAt: string;
  /** Last sign of life of the holding crawl (null on locks taken before schema v6). */
  heartbeatAt: string | null;
}

export interface Store {
  readonly path: string;
  close(): void;

  // --- runs
  startRun(seeds: string[]): number;
  finishRun(runId: number, status: RunRecord['status'], counts: Omit<RunRecord, 'id' | 'startedAt' | 'finishedAt' | 'seeds' | 'status'>): void;

  // --- frontier (the crawl's to-do list, never only in memory)
  /** Adds URLs not yet known; returns how many were new. Known URLs keep their state. */
  enqueue(entries: FrontierEntry[]): number;
  /** Queued URLs whose next attempt time has come, highest priority first, marked in-flight. */
  claim(limit: number, now: Date): FrontierItem[];
  /** After a crash, in-flight URLs go back to queued. Returns how many. */
  requeueInFlight(): number;
  /** URLs whose last attempt failed for good in an earlier run, with the reason (oldest first, at most `limit`). */
  failedUrls(limit: number): { url: string; reason: string | null }[];
  /** Puts a known URL back in the queue (list pages on an incremental run, --refresh-views). */
  requeue(url: string, depth?: number): void;
  markDone(url: string): void;
  /** Records a failure with its reason; `retryAt` null means final. */
  markFailed(url: string, reason: string, retryAt: Date | null): void;
  markSkipped(url: string, reason: string): void;
  frontierCounts(): Record<FrontierState, number>;
  frontierState(url: string): FrontierState | null;

  // --- pages and articles (one transaction per call)
  /**
   * Stores the response, and the Article when the page is one (with its images and a views
   * observation), and marks the frontier URL done — all or nothing.
   * Returns whether the article was new, updated or unchanged.
   */
  savePage(runId: number, response: StoredResponse, article: Article | null): 'new' | 'updated' | 'unchanged' | 'page-only';
  /**
   * Runs `fn` in one transaction (group commit): every write call inside it stays all or nothing
   * on its own (a savepoint), a failed `fn` undoes all of its writes, and everything is committed
   * together when `fn` returns. Saves a commit per call where several pages complete at once.
   */
  batch<T>(fn: () => T): T;
  /** Validators of the last stored response, for conditional GET. */
  conditional(url: string): ConditionalInfo | null;
  /** What the last stored response of `url` was read as, and when it was fetched; null when none. */
  lastVisit(url: string): { kind: PageKind; fetchedAt: string } | null;
  hasArticle(url: string): boolean;
  /** URLs of the stored articles whose articleContentKey() is `key` (src/store/content-key.ts). */
  articlesWithContent(key: string): string[];
  addViewsObservation(url: string, views: number, at: Date): void;
  /** Whether any article of this site (host) is stored: an incremental run then. */
  hasSite(site: string): boolean;

  // --- read side
  articles(filter: ArticleFilter & { withViewsHistory?: boolean }): IterableIterator<StoredArticle>;
  search(query: string, filter: Omit<ArticleFilter, 'query'>): SearchHit[];
  /** Stored raw responses, oldest first, for WARC and re-extraction. */
  responses(filter: { site?: string }): IterableIterator<StoredResponse & { id: number }>;
  /** The latest 2xx response stored for a URL (a continuation page, for reextract), or null. */
  latestResponse(url: string): (StoredResponse & { id: number }) | null;
  updateArticle(article: Article): void;

  // --- additions (store engineer): stats, crawl lock, maintenance
  /** How many articles match the filter (same semantics as `articles`, `limit` caps the count). */
  articleCount(filter: ArticleFilter): number;
  /** Per-site totals, sites in alphabetical order. */
  siteStats(): SiteStats[];
  /** The most recent runs first (all when `limit` is omitted). */
  runs(limit?: number): RunRecord[];
  /**
   * Takes the database-wide crawl lock for this process; false when another live process holds it.
   * A lock left by a dead process on this host, or not refreshed for 15 minutes (from any host),
   * is taken over. `owner` describes the holder ("crawl http://..."). Released by
   * releaseCrawlLock() or close().
   */
  acquireCrawlLock(owner: string, now?: Date): boolean;
  /** The holder's sign of life; a lock not refreshed for 15 minutes may be taken over from any host. */
  refreshCrawlLock(now?: Date): void;
  releaseCrawlLock(): void;
  /** The current holder of the crawl lock, or null. */
  crawlLockHolder(): LockHolder | null;
  /** PRAGMA integrity_check, foreign_key_check and the FTS index check; [] when all is well. */
  integrityCheck(): string[];
}
