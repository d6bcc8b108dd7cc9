/**
 * The Store on SQLite (better-sqlite3). Schema and column meanings: src/store/schema.ts.
 *
 * Every write is one IMMEDIATE transaction: it takes the write lock when it begins, so two
 * connections never both hold a read snapshot and then race to upgrade it (which SQLite answers
 * with SQLITE_BUSY without waiting). Every public method turns SQLite failures a user can cause
 * (disk full, read-only file, long lock) into a one-line FatalError; what was committed stays.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import zlib from 'node:zlib';
import type Database from 'better-sqlite3';
import { UsageError } from '../errors.js';
import type { Article, ArticleImage, ExtractionInfo } from '../types.js';
import { articleContentKey } from './content-key.js';
import { buildFtsQuery, highlightNeedles, leadSnippet, segmentText, snippetAround } from './segment.js';
import { translateSqliteError } from './sqlite-errors.js';
import type {
  ArticleFilter,
  ConditionalInfo,
  FrontierEntry,
  FrontierItem,
  FrontierState,
  LockHolder,
  PageKind,
  RunRecord,
  SearchHit,
  SiteStats,
  Store,
  StoredArticle,
  StoredResponse,
} from './types.js';

/**
 * Brotli quality 0: on 329 real portal pages (168 KB average), 24.5% of the size at 0.28 ms a
 * page, against 23.2% at 0.36 ms for quality 1, 20% at 1.2 ms for quality 4 and 24.7% at 0.86 ms
 * for gzip -1. The crawl compresses every page it fetches on its busiest thread; a few percent
 * more disk is worth a quarter of the compression time.
 */
const BROTLI_QUALITY = 0;
/** Rows per batch of responses(): lets the caller write (reextract) between batches. */
const RESPONSE_BATCH = 200;
/** search() results when the filter gives no limit. */
export const DEFAULT_SEARCH_LIMIT = 100;
/** FTS column weights for bm25: title, summary, body. */
const BM25_WEIGHTS = '10.0, 3.0, 1.0';
const CRAWL_LOCK = 'crawl';
/** How often a crawl refreshes its lock's heartbeat (Store.refreshCrawlLock, called by the crawl command). */
export const LOCK_HEARTBEAT_MS = 60_000;
/** A lock whose heartbeat is older than this belongs to a crawl that is gone, wherever it ran. */
export const LOCK_STALE_MS = 15 * 60_000;

const FRONTIER_STATES: readonly FrontierState[] = ['queued', 'in-flight', 'done', 'failed', 'skipped'];

function siteOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/**
 * The UTC instant used for date filters and ordering. A bare date counts as 00:00 UTC of that
 * day, and a date-time without offset as that time in UTC: the value carries no zone, and the
 * machine's own zone must not change the answer. Null when unparseable.
 */
export function publishedUtc(publishedAt: string | null): string | null {
  if (!publishedAt) return null;
  if (DATE_ONLY.test(publishedAt)) return `${publishedAt}T00:00:00.000Z`;
  const ms = Date.parse(LOCAL_DATE_TIME.test(publishedAt) ? `${publishedAt.replace(' ', 'T')}Z` : publishedAt);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function filterInstant(name: string, value: string): string {
  const instant = publishedUtc(value);
  if (instant === null) throw new UsageError(`--${name} expects a date or an ISO instant, got "${value}"`);
  return instant;
}

function compress(body: Uint8Array): { data: Buffer; encoding: 'br' | 'identity' } {
  if (body.length === 0) return { data: Buffer.alloc(0), encoding: 'identity' };
  const data = zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  // Already-compressed bodies (images, archives) can grow: keep them as they are.
  return data.length < body.length ? { data, encoding: 'br' } : { data: Buffer.from(body), encoding: 'identity' };
}

function decompress(data: Buffer, encoding: string): Uint8Array {
  return encoding === 'br' ? zlib.brotliDecompressSync(data) : data;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface ArticleRow {
  id: number;
  url: string;
  site: string;
  title: string | null;
  published_at: string | null;
  source: string | null;
  author: string | null;
  editor: string | null;
  views: number | null;
  summary: string | null;
  body: string | null;
  language: string | null;
  fetched_at: string;
  extraction: string;
  images: string;
  views_history?: string;
}

interface FrontierRow {
  url: string;
  depth: number;
  found_on: string | null;
  kind_hint: PageKind | null;
  priority: number;
  attempts: number;
  state: FrontierState;
}

interface PageRow {
  id: number;
  url: string;
  final_url: string;
  status: number;
  headers: string;
  request_headers: string | null;
  body: Buffer;
  body_encoding: string;
  fetched_at: string;
  kind: PageKind;
}

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  seeds: string;
  pages_fetched: number;
  articles_new: number;
  articles_updated: number;
  failures: number;
  status: RunRecord['status'];
}

/** Images as a JSON array in position order, built in SQL so a row carries its images. */
const IMAGES_JSON = `(SELECT coalesce(json_group_array(json_object('src', i.src, 'caption', i.caption, 'alt', i.alt)), '[]')
  FROM (SELECT src, caption, alt FROM images WHERE images.url = a.url ORDER BY position) AS i) AS images`;
const VIEWS_JSON = `(SELECT coalesce(json_group_array(json_object('at', h.at, 'views', h.views)), '[]')
  FROM (SELECT at, views FROM views_history WHERE views_history.url = a.url ORDER BY at) AS h) AS views_history`;
const ARTICLE_COLUMNS = `a.id, a.url, a.site, a.title, a.published_at, a.source, a.author, a.editor, a.views,
  a.summary, a.body, a.language, a.fetched_at, a.extraction`;

/** Stored responses with their bodies; one stored once for several (body_of) is read from the row holding it. */
const RESPONSE_SELECT = `SELECT p.id, p.url, p.final_url, p.status, p.headers, p.request_headers, p.fetched_at, p.kind,
    coalesce(s.body, p.body) AS body, coalesce(s.body_encoding, p.body_encoding) AS body_encoding
  FROM pages AS p LEFT JOIN pages AS s ON s.id = p.body_of`;

function rowToResponse(r: PageRow): StoredResponse & { id: number } {
  const response: StoredResponse & { id: number } = {
    id: r.id,
    url: r.url,
    finalUrl: r.final_url,
    status: r.status,
    headers: JSON.parse(r.headers) as Record<string, string>,
    body: decompress(r.body, r.body_encoding),
    fetchedAt: new Date(r.fetched_at),
    kind: r.kind,
  };
  if (r.request_headers !== null) response.requestHeaders = JSON.parse(r.request_headers) as Record<string, string>;
  return response;
}

function rowToArticle(row: ArticleRow): StoredArticle {
  const article: StoredArticle = {
    url: row.url,
    site: row.site,
    title: row.title,
    publishedAt: row.published_at,
    source: row.source,
    author: row.author,
    editor: row.editor,
    views: row.views,
    summary: row.summary,
    body: row.body,
    images: JSON.parse(row.images) as ArticleImage[],
    language: row.language,
    fetchedAt: row.fetched_at,
    extraction: JSON.parse(row.extraction) as ExtractionInfo,
  };
  if (row.views_history !== undefined) {
    article.viewsHistory = JSON.parse(row.views_history) as { at: string; views: number }[];
  }
  return article;
}

function imagesJson(images: readonly ArticleImage[]): string {
  return JSON.stringify(images.map((i) => ({ src: i.src, caption: i.caption, alt: i.alt })));
}

/**
 * Whether a stored article and a new extraction differ in content. `views` is left out (each
 * observation goes to views_history; a popular article would otherwise be "updated" on every
 * visit), and so is `fetchedAt`, which always differs.
 */
function contentDiffers(stored: ArticleRow, article: Article): boolean {
  return (
    stored.title !== article.title ||
    stored.published_at !== article.publishedAt ||
    stored.source !== article.source ||
    stored.author !== article.author ||
    stored.editor !== article.editor ||
    stored.summary !== article.summary ||
    stored.body !== article.body ||
    stored.language !== article.language ||
    // Compared as values: key order and JSON escaping may differ between SQLite and JavaScript.
    !isDeepStrictEqual(JSON.parse(stored.images), JSON.parse(imagesJson(article.images))) ||
    !isDeepStrictEqual(JSON.parse(stored.extraction), JSON.parse(JSON.stringify(article.extraction)))
  );
}

/** An article to (re)index in articles_fts; `replace` removes its old terms first. */
interface DeferredFtsWrite {
  id: number;
  replace: boolean;
  title: string | null;
  summary: string | null;
  body: string | null;
}

interface WhereClause {
  sql: string;
  params: Record<string, string | number>;
  /** False when the filter's query has nothing searchable: no row can match. */
  possible: boolean;
}

export class SqliteStore implements Store {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private holdsCrawlLock = false;
  /** Full-text index writes of the open transaction, in order (see write()). */
  private readonly deferredFts: DeferredFtsWrite[] = [];
  /** write() calls in progress: the outermost one writes deferredFts. */
  private writeDepth = 0;

  constructor(db: Database.Database, path: string) {
    this.db = db;
    this.path = path;
  }

  /** The connection, for tests and maintenance scripts only: everything else uses the methods. */
  get connection(): Database.Database {
    return this.db;
  }

  close(): void {
    if (!this.db.open) return;
    if (this.holdsCrawlLock) {
      try {
        this.releaseCrawlLock();
      } catch {
        // Closing must not fail on a read-only or full disk; a stale lock is taken over later.
      }
    }
    if (!this.db.readonly) {
      try {
        // Refreshes the planner's statistics where they went stale (SQLite's advice at close);
        // never waits for another process's lock to do so.
        this.db.pragma('busy_timeout = 0');
        this.db.pragma('optimize');
      } catch {
        // Best effort only.
      }
    }
    this.db.close();
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Runs `fn` and turns user-causable SQLite failures into FatalErrors. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw translateSqliteError(err, this.path);
    }
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction (see the file comment); inside another one (batch())
   * it is a savepoint: all or nothing on its own, committed with the outer transaction.
   *
   * Full-text index writes wait for the end of the outermost transaction (deferredFts): FTS5
   * writes its pending terms out as a new index segment whenever a savepoint opens after them, so
   * a group commit of 8 pages, each in its own savepoint, wrote 8 one-article segments and then
   * merged them. Written together they make one segment: indexing the 5,000 articles of the bench
   * portal costs 0.16 ms of CPU per article one segment each, 0.08 ms in segments of 8.
   */
  private write<T>(fn: () => T): T {
    // Counted here rather than read from db.inTransaction: inside a transaction opened by other
    // means, the index writes are then made with the rows, not left for a later write().
    const outermost = this.writeDepth === 0;
    const mark = this.deferredFts.length;
    this.writeDepth++;
    try {
      return this.guard(() =>
        this.db
          .transaction(() => {
            const result = fn();
            if (outermost) this.flushDeferredFts();
            return result;
          })
          .immediate(),
      );
    } catch (err) {
      // The transaction or savepoint was rolled back: so are its index writes.
      this.deferredFts.length = mark;
      throw err;
    } finally {
      this.writeDepth--;
    }
  }

  /** Inside the outermost transaction, just before its commit. */
  private flushDeferredFts(): void {
    for (const entry of this.deferredFts.splice(0)) {
      if (entry.replace) this.stmt('DELETE FROM articles_fts WHERE rowid = ?').run(entry.id);
      this.stmt('INSERT INTO articles_fts (rowid, title, summary, body) VALUES (?, ?, ?, ?)').run(
        entry.id,
        segmentText(entry.title),
        segmentText(entry.summary),
        segmentText(entry.body),
      );
    }
  }

  batch<T>(fn: () => T): T {
    return this.write(fn);
  }

  // --- runs

  startRun(seeds: string[]): number {
    return this.write(() => {
      const info = this.stmt(
        "INSERT INTO runs (started_at, seeds, status, pid, host) VALUES (?, ?, 'running', ?, ?)",
      ).run(new Date().toISOString(), JSON.stringify(seeds), process.pid, os.hostname());
      return Number(info.lastInsertRowid);
    });
  }

  finishRun(
    runId: number,
    status: RunRecord['status'],
    counts: Omit<RunRecord, 'id' | 'startedAt' | 'finishedAt' | 'seeds' | 'status'>,
  ): void {
    this.write(() => {
      this.stmt(
        `UPDATE runs SET finished_at = ?, status = ?, pages_fetched = ?, articles_new = ?,
           articles_updated = ?, failures = ? WHERE id = ?`,
      ).run(
        new Date().toISOString(),
        status,
        counts.pagesFetched,
        counts.articlesNew,
        counts.articlesUpdated,
        counts.failures,
        runId,
      );
    });
  }

  runs(limit?: number): RunRecord[] {
    return this.guard(() => {
      const rows = this.stmt('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit ?? -1) as RunRow[];
      return rows.map((r) => ({
        id: r.id,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        seeds: JSON.parse(r.seeds) as string[],
        pagesFetched: r.pages_fetched,
        articlesNew: r.articles_new,
        articlesUpdated: r.articles_updated,
        failures: r.failures,
        status: r.status,
      }));
    });
  }

  // --- frontier

  enqueue(entries: FrontierEntry[]): number {
    if (entries.length === 0) return 0;
    return this.write(() => {
      const insert = this.stmt(
        `INSERT INTO frontier (url, site, state, depth, found_on, kind_hint, priority, updated_at)
         VALUES (?, ?, 'queued', ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING`,
      );
      const now = new Date().toISOString();
      let added = 0;
      for (const e of entries) {
        added += insert.run(e.url, siteOf(e.url), e.depth, e.foundOn, e.kindHint ?? null, e.priority ?? 0, now).changes;
      }
      return added;
    });
  }

  /**
   * Selects and marks in one transaction, so two crawlers sharing a database never claim the same
   * URL. `attempts` of the returned items already counts this attempt: a URL whose fetch kills the
   * process is therefore not retried for ever after requeueInFlight().
   */
  claim(limit: number, now: Date): FrontierItem[] {
    if (limit <= 0) return [];
    return this.write(() => {
      const at = now.toISOString();
      const rows = this.stmt(
        `SELECT id, url, depth, found_on, kind_hint, priority, attempts FROM frontier
         WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
         ORDER BY priority DESC, id LIMIT ?`,
      ).all(at, limit) as (FrontierRow & { id: number })[];
      const mark = this.stmt(
        "UPDATE frontier SET state = 'in-flight', attempts = attempts + 1, updated_at = ? WHERE id = ?",
      );
      return rows.map((r) => {
        mark.run(at, r.id);
        return {
          url: r.url,
          depth: r.depth,
          foundOn: r.found_on,
          kindHint: r.kind_hint,
          priority: r.priority,
          attempts: r.attempts + 1,
          state: 'in-flight' as const,
        };
      });
    });
  }

  /** Call while holding the crawl lock: otherwise a running crawl's claims would be taken back. */
  failedUrls(limit: number): { url: string; reason: string | null }[] {
    return this.guard(
      () =>
        this.stmt("SELECT url, last_error AS reason FROM frontier WHERE state = 'failed' ORDER BY id LIMIT ?").all(limit) as {
          url: string;
          reason: string | null;
        }[],
    );
  }

  requeueInFlight(): number {
    return this.write(
      () =>
        this.stmt("UPDATE frontier SET state = 'queued', updated_at = ? WHERE state = 'in-flight'").run(
          new Date().toISOString(),
        ).changes,
    );
  }

  /**
   * Back to queued, due now, attempts reset (a new visit, not a retry); `depth` replaces the stored
   * depth when given. An unknown URL is added as a seed-like entry.
   */
  requeue(url: string, depth?: number): void {
    this.write(() => {
      const now = new Date().toISOString();
      const changed = this.stmt(
        `UPDATE frontier SET state = 'queued', next_attempt_at = NULL, attempts = 0, last_error = NULL,
           depth = coalesce(?, depth), updated_at = ? WHERE url = ?`,
      ).run(depth ?? null, now, url).changes;
      if (changed === 0) {
        this.stmt(
          `INSERT INTO frontier (url, site, state, depth, updated_at) VALUES (?, ?, 'queued', ?, ?)`,
        ).run(url, siteOf(url), depth ?? 0, now);
      }
    });
  }

  private setDone(url: string, now: string): void {
    this.stmt(
      "UPDATE frontier SET state = 'done', next_attempt_at = NULL, last_error = NULL, updated_at = ? WHERE url = ?",
    ).run(now, url);
  }

  markDone(url: string): void {
    this.write(() => this.setDone(url, new Date().toISOString()));
  }

  markFailed(url: string, reason: string, retryAt: Date | null): void {
    this.write(() => {
      this.stmt(
        'UPDATE frontier SET state = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE url = ?',
      ).run(retryAt ? 'queued' : 'failed', retryAt ? retryAt.toISOString() : null, reason, new Date().toISOString(), url);
    });
  }

  markSkipped(url: string, reason: string): void {
    this.write(() => {
      this.stmt(
        "UPDATE frontier SET state = 'skipped', next_attempt_at = NULL, last_error = ?, updated_at = ? WHERE url = ?",
      ).run(reason, new Date().toISOString(), url);
    });
  }

  frontierCounts(): Record<FrontierState, number> {
    return this.guard(() => {
      const counts = Object.fromEntries(FRONTIER_STATES.map((s) => [s, 0])) as Record<FrontierState, number>;
      const rows = this.stmt('SELECT state, count(*) AS n FROM frontier GROUP BY state').all() as {
        state: FrontierState;
        n: number;
      }[];
      for (const r of rows) counts[r.state] = r.n;
      return counts;
    });
  }

  lastVisit(url: string): { kind: PageKind; fetchedAt: string } | null {
    return this.guard(() => {
      const row = this.stmt('SELECT kind, fetched_at FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1').get(url) as
        | { kind: PageKind; fetched_at: string }
        | undefined;
      return row === undefined ? null : { kind: row.kind, fetchedAt: row.fetched_at };
    });
  }

  frontierState(url: string): FrontierState | null {
    return this.guard(
      () => (this.stmt('SELECT state FROM frontier WHERE url = ?').pluck().get(url) as FrontierState | undefined) ?? null,
    );
  }

  // --- pages and articles

  savePage(
    runId: number,
    response: StoredResponse,
    article: Article | null,
  ): 'new' | 'updated' | 'unchanged' | 'page-only' {
    const sha1 = createHash('sha1').update(response.body).digest('hex');
    return this.write(() => {
      const now = new Date().toISOString();
      // The same bytes as this URL's last response (a hub revisited by a nightly run): point at
      // them rather than store them again. Compressing is the slowest step; skipped then too.
      const previous = this.stmt('SELECT id, body_sha1, body_of FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1').get(
        response.url,
      ) as { id: number; body_sha1: string | null; body_of: number | null } | undefined;
      const bodyOf = previous?.body_sha1 === sha1 ? (previous.body_of ?? previous.id) : null;
      const { data, encoding } = bodyOf === null ? compress(response.body) : { data: Buffer.alloc(0), encoding: 'identity' };
      const pageId = Number(
        this.stmt(
          `INSERT INTO pages (url, final_url, site, status, headers, request_headers, body, body_encoding,
             body_size, fetched_at, run_id, kind, etag, last_modified, body_sha1, body_of)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          response.url,
          response.finalUrl,
          siteOf(response.url),
          response.status,
          JSON.stringify(response.headers),
          response.requestHeaders ? JSON.stringify(response.requestHeaders) : null,
          data,
          encoding,
          response.body.length,
          response.fetchedAt.toISOString(),
          runId,
          response.kind,
          response.headers.etag ?? null,
          response.headers['last-modified'] ?? null,
          sha1,
          bodyOf,
        ).lastInsertRowid,
      );
      const outcome = article ? this.upsertArticle(article, runId, pageId) : 'page-only';
      this.setDone(response.url, now);
      return outcome;
    });
  }

  private findArticle(url: string): ArticleRow | undefined {
    return this.stmt(`SELECT ${ARTICLE_COLUMNS}, ${IMAGES_JSON} FROM articles AS a WHERE a.url = ?`).get(url) as
      | ArticleRow
      | undefined;
  }

  private replaceImages(url: string, images: readonly ArticleImage[]): void {
    this.stmt('DELETE FROM images WHERE url = ?').run(url);
    const insert = this.stmt('INSERT INTO images (url, position, src, caption, alt) VALUES (?, ?, ?, ?, ?)');
    images.forEach((img, position) => {
      insert.run(url, position, img.src, img.caption, img.alt);
    });
  }

  /** Written when the outermost transaction ends (write()). */
  private indexArticle(id: number, article: Article, replace: boolean): void {
    this.deferredFts.push({ id, replace, title: article.title, summary: article.summary, body: article.body });
  }

  /** Inside a transaction: writes the article, its images, FTS entry and views observation. */
  private upsertArticle(article: Article, runId: number | null, pageId: number | null): 'new' | 'updated' | 'unchanged' {
    const stored = this.findArticle(article.url);
    let outcome: 'new' | 'updated' | 'unchanged';
    const values = [
      article.site,
      article.title,
      article.publishedAt,
      publishedUtc(article.publishedAt),
      article.source,
      article.author,
      article.editor,
      article.views,
      article.summary,
      article.body,
      article.language,
      article.fetchedAt,
      JSON.stringify(article.extraction),
      articleContentKey(article.title, article.body),
    ];
    if (!stored) {
      const id = Number(
        this.stmt(
          `INSERT INTO articles (site, title, published_at, published_utc, source, author, editor, views, summary,
             body, language, fetched_at, extraction, content_sha1, url, first_seen_run, last_updated_run, page_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...values, article.url, runId, runId, pageId).lastInsertRowid,
      );
      this.replaceImages(article.url, article.images);
      this.indexArticle(id, article, false);
      outcome = 'new';
    } else if (contentDiffers(stored, article)) {
      this.stmt(
        `UPDATE articles SET site = ?, title = ?, published_at = ?, published_utc = ?, source = ?, author = ?,
           editor = ?, views = coalesce(?, views), summary = ?, body = ?, language = ?, fetched_at = ?, extraction = ?, content_sha1 = ?,
           last_updated_run = coalesce(?, last_updated_run), page_id = coalesce(?, page_id)
         WHERE id = ?`,
      ).run(...values, runId, pageId, stored.id);
      this.replaceImages(article.url, article.images);
      this.indexArticle(stored.id, article, true);
      outcome = 'updated';
    } else {
      this.stmt(
        // A visit that could not read the count (its counter script failed) keeps the last one seen.
        'UPDATE articles SET views = coalesce(?, views), fetched_at = ?, page_id = coalesce(?, page_id) WHERE id = ?',
      ).run(article.views, article.fetchedAt, pageId, stored.id);
      outcome = 'unchanged';
    }
    if (article.views !== null) this.insertViews(article.url, article.views, article.fetchedAt);
    return outcome;
  }

  private insertViews(url: string, views: number, at: string): void {
    this.stmt('INSERT OR REPLACE INTO views_history (url, at, views) VALUES (?, ?, ?)').run(url, at, views);
  }

  /**
   * Re-extraction result: the article replaces the stored one (images and FTS included); run and
   * page links stay. An article not stored yet is added (a page newly recognised as an article).
   */
  updateArticle(article: Article): void {
    this.write(() => {
      const pageId =
        (this.stmt('SELECT max(id) FROM pages WHERE url = ?').pluck().get(article.url) as number | null) ?? null;
      this.upsertArticle(article, null, pageId);
    });
  }

  conditional(url: string): ConditionalInfo | null {
    return this.guard(() => {
      const row = this.stmt(
        `SELECT etag, last_modified FROM pages
         WHERE url = ? AND status BETWEEN 200 AND 299 AND (etag IS NOT NULL OR last_modified IS NOT NULL)
         ORDER BY id DESC LIMIT 1`,
      ).get(url) as { etag: string | null; last_modified: string | null } | undefined;
      return row ? { etag: row.etag, lastModified: row.last_modified } : null;
    });
  }

  articlesWithContent(key: string): string[] {
    return this.guard(() => this.stmt('SELECT url FROM articles WHERE content_sha1 = ?').pluck().all(key) as string[]);
  }

  hasArticle(url: string): boolean {
    return this.guard(() => this.stmt('SELECT 1 FROM articles WHERE url = ?').get(url) !== undefined);
  }

  /** A view count from the counter script; articles.views keeps the value printed in the page. */
  addViewsObservation(url: string, views: number, at: Date): void {
    this.write(() => this.insertViews(url, views, at.toISOString()));
  }

  hasSite(site: string): boolean {
    return this.guard(() => this.stmt('SELECT 1 FROM articles WHERE site = ? LIMIT 1').get(site.toLowerCase()) !== undefined);
  }

  // --- read side

  /** WHERE clause for a filter: fixed SQL fragments, values bound by name. */
  private where(filter: ArticleFilter): WhereClause {
    const parts: string[] = [];
    const params: Record<string, string | number> = {};
    if (filter.site !== undefined) {
      parts.push('a.site = @site');
      params.site = filter.site.toLowerCase();
    }
    if (filter.since !== undefined) {
      parts.push('a.published_utc >= @since');
      params.since = filterInstant('since', filter.since);
    }
    if (filter.until !== undefined) {
      parts.push('a.published_utc < @until');
      params.until = filterInstant('until', filter.until);
    }
    let possible = true;
    if (filter.query !== undefined) {
      const match = buildFtsQuery(filter.query);
      if (match === null) possible = false;
      else {
        parts.push('a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match)');
        params.match = match;
      }
    }
    return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params, possible };
  }

  /**
   * Streams matching articles, newest first (by published_utc, undated last), then by URL. One
   * statement iterated row by row: memory stays flat whatever the size. Reads through the same
   * Store are fine while iterating; writes must wait until the iteration ends (better-sqlite3).
   */
  *articles(filter: ArticleFilter & { withViewsHistory?: boolean }): IterableIterator<StoredArticle> {
    const where = this.guard(() => this.where(filter));
    if (!where.possible) return;
    const limit = filter.limit ?? -1;
    const sql = `SELECT ${ARTICLE_COLUMNS}, ${IMAGES_JSON}${filter.withViewsHistory ? `, ${VIEWS_JSON}` : ''}
      FROM articles AS a ${where.sql} ORDER BY a.published_utc DESC, a.url LIMIT @limit`;
    // A statement of its own (not the cache): two iterations of the same filter may be open at once.
    const rows = this.guard(
      () => this.db.prepare(sql).iterate({ ...where.params, limit }) as IterableIterator<ArticleRow>,
    );
    try {
      while (true) {
        const next = this.guard(() => rows.next());
        if (next.done) return;
        yield rowToArticle(next.value);
      }
    } finally {
      // A consumer that stops early (limit reached, closed pipe) must not leave the statement
      // open: better-sqlite3 refuses to close a connection with a statement mid-iteration.
      rows.return?.();
    }
  }

  articleCount(filter: ArticleFilter): number {
    return this.guard(() => {
      const where = this.where(filter);
      if (!where.possible) return 0;
      const sql = `SELECT count(*) FROM (SELECT 1 FROM articles AS a ${where.sql} LIMIT @limit)`;
      return this.stmt(sql)
        .pluck()
        .get({ ...where.params, limit: filter.limit ?? -1 }) as number;
    });
  }

  /**
   * Best matches first (bm25, title weighted 10, summary 3, body 1); `rank` is the negated bm25
   * score, higher is better. The snippet comes from the original body (else summary, else title)
   * around the first occurrence of a query term, terms marked `[like this]` (segment.ts).
   */
  search(query: string, filter: Omit<ArticleFilter, 'query'>): SearchHit[] {
    return this.guard(() => {
      const where = this.where({ ...filter, query: undefined });
      const match = buildFtsQuery(query);
      if (match === null) return [];
      const conditions = where.sql ? `${where.sql} AND articles_fts MATCH @match` : 'WHERE articles_fts MATCH @match';
      const sql = `SELECT a.url, a.title, a.site, a.published_at, a.summary, a.body,
          bm25(articles_fts, ${BM25_WEIGHTS}) AS score
        FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid
        ${conditions} ORDER BY score, a.url LIMIT @limit`;
      const rows = this.stmt(sql).all({ ...where.params, match, limit: filter.limit ?? DEFAULT_SEARCH_LIMIT }) as {
        url: string;
        title: string | null;
        site: string;
        published_at: string | null;
        summary: string | null;
        body: string | null;
        score: number;
      }[];
      const needles = highlightNeedles(query);
      return rows.map((r) => ({
        url: r.url,
        title: r.title,
        site: r.site,
        publishedAt: r.published_at,
        snippet:
          (r.body && snippetAround(r.body, needles)) ??
          (r.summary && snippetAround(r.summary, needles)) ??
          (r.title && snippetAround(r.title, needles)) ??
          leadSnippet(r.body ?? r.summary ?? r.title ?? ''),
        rank: -r.score,
      }));
    });
  }

  /**
   * Stored responses, oldest first, bodies decompressed. Read in batches by id, so the caller may
   * write through this Store between items (reextract calls updateArticle while iterating).
   */
  *responses(filter: { site?: string }): IterableIterator<StoredResponse & { id: number }> {
    const sql =
      filter.site === undefined
        ? `${RESPONSE_SELECT} WHERE p.id > ? ORDER BY p.id LIMIT ?`
        : `${RESPONSE_SELECT} WHERE p.id > ? AND p.site = ? ORDER BY p.id LIMIT ?`;
    let after = 0;
    while (true) {
      const params = filter.site === undefined ? [after, RESPONSE_BATCH] : [after, filter.site.toLowerCase(), RESPONSE_BATCH];
      const rows = this.guard(() => this.stmt(sql).all(...params) as PageRow[]);
      for (const r of rows) yield rowToResponse(r);
      const last = rows.at(-1);
      if (!last || rows.length < RESPONSE_BATCH) return;
      after = last.id;
    }
  }

  latestResponse(url: string): (StoredResponse & { id: number }) | null {
    return this.guard(() => {
      const row = this.stmt(
        `${RESPONSE_SELECT} WHERE p.url = ? AND p.status BETWEEN 200 AND 299 ORDER BY p.id DESC LIMIT 1`,
      ).get(url) as PageRow | undefined;
      return row ? rowToResponse(row) : null;
    });
  }

  siteStats(): SiteStats[] {
    return this.guard(() => {
      const articles = this.stmt(
        `SELECT site, count(*) AS n, min(published_utc) AS first, max(published_utc) AS last
         FROM articles GROUP BY site`,
      ).all() as { site: string; n: number; first: string | null; last: string | null }[];
      const crawls = this.stmt('SELECT site, max(fetched_at) AS last FROM pages GROUP BY site').all() as {
        site: string;
        last: string;
      }[];
      const failures = this.stmt(
        `SELECT site, coalesce(last_error, 'unknown') AS reason, count(*) AS n FROM frontier
         WHERE state = 'failed' GROUP BY site, reason`,
      ).all() as { site: string; reason: string; n: number }[];
      const bySite = new Map<string, SiteStats>();
      const entry = (site: string): SiteStats => {
        let s = bySite.get(site);
        if (!s) {
          s = { site, articles: 0, firstPublished: null, lastPublished: null, lastCrawl: null, failuresByReason: {} };
          bySite.set(site, s);
        }
        return s;
      };
      for (const a of articles) {
        const s = entry(a.site);
        s.articles = a.n;
        s.firstPublished = a.first;
        s.lastPublished = a.last;
      }
      for (const c of crawls) entry(c.site).lastCrawl = c.last;
      for (const f of failures) entry(f.site).failuresByReason[f.reason] = f.n;
      return [...bySite.values()].sort((x, y) => (x.site < y.site ? -1 : x.site > y.site ? 1 : 0));
    });
  }

  // --- crawl lock

  /**
   * One crawl per database at a time (an overlapping cron job must not crawl the same frontier).
   * The lock is a row in `locks` with the holder's pid, host and start time, read and written in one
   * IMMEDIATE transaction so two starting crawls cannot both take it. A row whose pid is no longer
   * alive on this host was left by a killed crawl and is taken over. A row from another host (a
   * database on a network share) is never presumed stale: remove it by hand if that host is gone.
   * SQLite itself keeps the data safe either way; the lock only prevents duplicate crawling.
   */
  acquireCrawlLock(owner: string, now: Date = new Date()): boolean {
    const host = os.hostname();
    const taken = this.write(() => {
      const holder = this.readLock();
      if (holder && !this.lockIsFree(holder, host, now)) return false;
      const at = now.toISOString();
      this.stmt(
        'INSERT OR REPLACE INTO locks (name, owner, pid, host, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(CRAWL_LOCK, owner, process.pid, host, at, at);
      return true;
    });
    if (taken) this.holdsCrawlLock = true;
    return taken;
  }

  /**
   * Ours, or left behind: by a dead process of this host, or by any crawl whose heartbeat stopped
   * LOCK_STALE_MS ago (a process on another host, or in a container since replaced, cannot be
   * asked whether it lives; one that does refreshes its heartbeat every LOCK_HEARTBEAT_MS).
   */
  private lockIsFree(holder: LockHolder, host: string, now: Date): boolean {
    if (holder.host === host && holder.pid === process.pid) return this.holdsCrawlLock;
    if (holder.host === host && !pidAlive(holder.pid)) return true;
    const beat = Date.parse(holder.heartbeatAt ?? holder.startedAt);
    return Number.isNaN(beat) || now.getTime() - beat > LOCK_STALE_MS;
  }

  refreshCrawlLock(now: Date = new Date()): void {
    if (!this.holdsCrawlLock) return;
    this.write(() => {
      this.stmt('UPDATE locks SET heartbeat_at = ? WHERE name = ? AND pid = ? AND host = ?').run(
        now.toISOString(),
        CRAWL_LOCK,
        process.pid,
        os.hostname(),
      );
    });
  }

  releaseCrawlLock(): void {
    if (!this.holdsCrawlLock) return;
    this.write(() => {
      this.stmt('DELETE FROM locks WHERE name = ? AND pid = ? AND host = ?').run(CRAWL_LOCK, process.pid, os.hostname());
    });
    this.holdsCrawlLock = false;
  }

  private readLock(): LockHolder | null {
    const row = this.stmt('SELECT owner, pid, host, started_at, heartbeat_at FROM locks WHERE name = ?').get(CRAWL_LOCK) as
      | { owner: string; pid: number; host: string; started_at: string; heartbeat_at: string | null }
      | undefined;
    return row
      ? { owner: row.owner, pid: row.pid, host: row.host, startedAt: row.started_at, heartbeatAt: row.heartbeat_at }
      : null;
  }

  crawlLockHolder(): LockHolder | null {
    return this.guard(() => this.readLock());
  }

  // --- maintenance

  integrityCheck(): string[] {
    return this.guard(() => {
      const problems: string[] = [];
      const integrity = this.db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
      for (const row of integrity) if (row.integrity_check !== 'ok') problems.push(row.integrity_check);
      const foreign = this.db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
      for (const row of foreign) {
        const where = row.rowid === null ? 'a row' : `row ${row.rowid}`;
        problems.push(`${row.table}: ${where} refers to a missing ${row.parent} row`);
      }
      try {
        this.db.prepare("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')").run();
      } catch (err) {
        if (!this.db.readonly) problems.push(`full-text index: ${(err as Error).message}`);
      }
      return problems;
    });
  }
}
