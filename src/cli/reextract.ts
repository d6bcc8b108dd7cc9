/**
 * `newsharvest reextract`: runs the current extractor over the stored raw article pages and
 * updates the stored Articles in place, after an upgrade of the extractor or of a profile.
 * No network. Each Article keeps its original fetchedAt (the bytes did not change).
 *
 * The store reads responses in batches, so updates can be written between them. To report what
 * changed without holding the Articles in memory, each stored Article is first reduced to one
 * short digest per field. A crawl writing at the same time would race with this, so re-extraction
 * takes the crawl lock.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Command } from 'commander';
import { analyzePage } from '../crawl/analyze.js';
import { continuationLinks, joinPages, readContinuations } from '../crawl/pages.js';
import { ExitCode, type ExitCodeValue, errorMessage, FatalError, UsageError } from '../errors.js';
import { printStdout } from '../export/index.js';
import { extract, loadProfile } from '../extract/index.js';
import type { SiteProfile } from '../extract/profiles/schema.js';
import { openStore } from '../store/index.js';
import type { Store, StoredArticle, StoredResponse } from '../store/types.js';
import { ARTICLE_KEYS, type Article, type ArticleKey } from '../types.js';
import { action, addDbOption, resolveDbPath } from './common.js';
import { parseSite, parseTimeZone } from './dates.js';

/**
 * Whether re-extraction can change each Article field. Every field is named, so a new one fails to
 * compile here until someone decides: url and fetchedAt are kept from the stored Article (the bytes
 * were fetched then, for that URL), and site is the host of url.
 */
const REEXTRACTABLE = {
  url: false,
  site: false,
  title: true,
  publishedAt: true,
  source: true,
  author: true,
  editor: true,
  views: true,
  summary: true,
  body: true,
  images: true,
  language: true,
  fetchedAt: false,
  extraction: true,
} as const satisfies Record<ArticleKey, boolean>;

type ReextractedField = { [F in ArticleKey]: (typeof REEXTRACTABLE)[F] extends true ? F : never }[ArticleKey];

/** The fields re-extraction can change, in the order of the report (the contract's). */
export const REEXTRACTED_FIELDS: readonly ReextractedField[] = ARTICLE_KEYS.filter(
  (field): field is ReextractedField => REEXTRACTABLE[field],
);

interface Known {
  fetchedAt: string;
  /** fieldDigests() of the stored Article. */
  digests: string;
  /** Joined from continuation pages: rebuilt from the stored ones (rejoinStored). */
  multiPage: boolean;
  /** The stored count: the crawl may have read it from the page's counter script, which reextract does not ask. */
  views: number | null;
}

/** The warning src/crawl/pages.ts joinPages() leaves on an Article made of several pages. */
const JOINED_PAGES = /^joined \d+ pages$/;

/** Characters of digest per field: 60 bits, collisions out of the question at this scale. */
const DIGEST_CHARS = 10;

/**
 * One short digest per field, concatenated into one string: ~110 bytes per stored article, so
 * that 100,000 articles cost megabytes, not the hundreds a copy of each Article would.
 */
function fieldDigests(article: Article): string {
  return REEXTRACTED_FIELDS.map((field) =>
    createHash('sha1')
      .update(JSON.stringify(article[field]) ?? 'undefined')
      .digest('base64')
      .slice(0, DIGEST_CHARS),
  ).join('');
}

function fieldDigest(digests: string, index: number): string {
  return digests.slice(index * DIGEST_CHARS, (index + 1) * DIGEST_CHARS);
}

export interface ReextractReport {
  /** Stored article pages re-extracted (several per URL when it was fetched several times). */
  pages: number;
  /** Articles whose stored version differs from before, and per field how many. */
  changed: number;
  unchanged: number;
  byField: Record<ReextractedField, number>;
  /** Pages whose extraction threw (a bug, reported rather than stopping the run). */
  failed: number;
  /**
   * Multi-page articles left as they are: their continuation pages are not stored, and
   * re-extracting the first page alone would cut their body short.
   */
  skippedMultiPage: number;
}

interface ReextractFlags {
  db?: string;
  site?: string;
  profile?: string;
  timezone?: string;
  dryRun?: boolean;
  json?: boolean;
}

function readProfile(file: string | undefined): SiteProfile | null {
  if (file === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--profile: cannot read ${file}: ${errorMessage(err)}`);
  }
  return loadProfile(json, file);
}

/** The stored Article a response belongs to: keyed by the requested URL, else the final one. */
function keyOf(response: StoredResponse, known: Map<string, Known>): string | null {
  if (known.has(response.url)) return response.url;
  if (known.has(response.finalUrl)) return response.finalUrl;
  return null;
}

interface ExtractSettings {
  profile: SiteProfile | null;
  timeZone?: string;
  now: Date;
}

function extractStored(response: StoredResponse, settings: ExtractSettings): Article {
  return extract(response.body, {
    url: response.finalUrl || response.url,
    contentType: response.headers['content-type'] ?? null,
    profile: settings.profile,
    now: settings.now,
    ...(settings.timeZone !== undefined && { timeZone: settings.timeZone }),
    fetchedAt: response.fetchedAt,
  });
}

/**
 * A multi-page article re-extracted from its stored pages: the first page's pager names the
 * continuation pages, each read from the database (the crawl keeps them) and joined as the crawl
 * joins them. Null when one is not stored (crawled before they were kept): left as stored then.
 */
async function rejoinStored(store: Store, first: StoredResponse, settings: ExtractSettings): Promise<Article | null> {
  const analyse = (response: StoredResponse) =>
    analyzePage({
      body: response.body,
      url: response.finalUrl || response.url,
      contentType: response.headers['content-type'] ?? null,
      fetchedAt: response.fetchedAt,
      now: settings.now,
      timeZone: settings.timeZone,
      profile: settings.profile,
    });
  const head = analyse(first);
  let missing = false;
  const rest = await readContinuations(head.article.url, continuationLinks(head.article.url, head.links), async (url) => {
    const stored = store.latestResponse(url);
    if (stored === null) missing = true;
    return stored === null ? null : analyse(stored);
  });
  return missing || rest.length === 0 ? null : joinPages(head.article, rest.map((page) => page.article));
}

export async function reextractStore(
  dbPath: string,
  options: { site?: string; profile: SiteProfile | null; timeZone?: string; dryRun: boolean; now: Date },
  onProgress: (pages: number) => void = () => {},
): Promise<ReextractReport> {
  const store = openStore(dbPath, { readonly: options.dryRun, create: false });
  try {
    if (!options.dryRun && !store.acquireCrawlLock('reextract')) {
      const holder = store.crawlLockHolder();
      throw new FatalError(
        `the database is busy: ${holder ? `${holder.owner} (pid ${holder.pid} on ${holder.host})` : 'another crawl'} is running; try again when it has finished`,
      );
    }
    const filter = options.site === undefined ? {} : { site: options.site };
    const known = new Map<string, Known>();
    for (const article of store.articles(filter) as Iterable<StoredArticle>) {
      known.set(article.url, {
        fetchedAt: article.fetchedAt,
        digests: fieldDigests(article),
        multiPage: article.extraction.warnings.some((w) => JOINED_PAGES.test(w)),
        views: article.views,
      });
    }
    // URL -> fields that differ from the stored version as it was before this run.
    const changes = new Map<string, ReextractedField[]>();
    let pages = 0;
    let failed = 0;
    const skipped = new Set<string>();
    for (const response of store.responses(filter)) {
      if (response.kind !== 'article' || response.status < 200 || response.status >= 300) continue;
      const key = keyOf(response, known);
      if (key === null) continue;
      const before = known.get(key)!;
      let article: Article;
      try {
        const rebuilt = before.multiPage ? await rejoinStored(store, response, options) : extractStored(response, options);
        if (rebuilt === null) {
          skipped.add(key);
          continue;
        }
        article = rebuilt;
      } catch {
        failed++;
        continue;
      }
      pages++;
      onProgress(pages);
      article = { ...article, url: key, fetchedAt: before.fetchedAt };
      // A count the crawl read from the counter script is not in the page: keep it (no network here).
      if (article.views === null && article.extraction.viewsUrl !== null) article = { ...article, views: before.views };
      const after = fieldDigests(article);
      const differing = REEXTRACTED_FIELDS.filter((_, i) => fieldDigest(after, i) !== fieldDigest(before.digests, i));
      if (differing.length > 0) changes.set(key, differing);
      else changes.delete(key);
      if (!options.dryRun) store.updateArticle(article);
    }
    const byField = Object.fromEntries(REEXTRACTED_FIELDS.map((f) => [f, 0])) as Record<ReextractedField, number>;
    for (const fields of changes.values()) for (const field of fields) byField[field]++;
    return {
      pages,
      changed: changes.size,
      unchanged: known.size - changes.size - skipped.size,
      byField,
      failed,
      skippedMultiPage: skipped.size,
    };
  } finally {
    store.close();
  }
}

export function formatReport(report: ReextractReport, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'would change' : 'changed'} ${report.changed} article${report.changed === 1 ? '' : 's'}, ${report.unchanged} unchanged (${report.pages} stored page${report.pages === 1 ? '' : 's'} re-extracted)`,
  ];
  if (report.changed > 0) {
    const width = Math.max(...REEXTRACTED_FIELDS.map((f) => f.length));
    lines.push('', `${'field'.padEnd(width)}  changed`);
    for (const field of REEXTRACTED_FIELDS) {
      if (report.byField[field] > 0) lines.push(`${field.padEnd(width)}  ${String(report.byField[field]).padStart(7)}`);
    }
  }
  if (report.skippedMultiPage > 0) {
    lines.push(
      '',
      `${report.skippedMultiPage} multi-page article${report.skippedMultiPage === 1 ? '' : 's'} left as stored (some continuation pages are not in the database: crawled before they were kept, or they failed; re-crawl them instead)`,
    );
  }
  if (report.failed > 0) lines.push('', `${report.failed} page${report.failed === 1 ? '' : 's'} could not be re-extracted`);
  return `${lines.join('\n')}\n`;
}

export async function runReextract(flags: ReextractFlags): Promise<ExitCodeValue> {
  const site = flags.site === undefined ? undefined : parseSite(flags.site);
  const timeZone = flags.timezone === undefined ? undefined : parseTimeZone(flags.timezone);
  const profile = readProfile(flags.profile);
  const dryRun = Boolean(flags.dryRun);
  const tty = process.stderr.isTTY;
  const report = await reextractStore(
    resolveDbPath(flags.db),
    {
      ...(site !== undefined && { site }),
      ...(timeZone !== undefined && { timeZone }),
      profile,
      dryRun,
      now: new Date(),
    },
    (pages) => {
      if (tty && pages % 200 === 0) process.stderr.write(`\rre-extracted ${pages} pages`);
    },
  );
  if (tty && report.pages >= 200) process.stderr.write('\n');
  await printStdout(flags.json ? `${JSON.stringify({ ...report, dryRun }, null, 2)}\n` : formatReport(report, dryRun));
  return report.failed > 0 ? ExitCode.partial : ExitCode.ok;
}

export function register(program: Command): void {
  const command = program
    .command('reextract')
    .description('re-run extraction over the stored article pages and update the articles (no network)')
    .option('--site <host>', 'only articles of this site')
    .option('--profile <file>', 'apply this site profile (JSON) instead of the built-in recognition')
    .option('--timezone <zone>', 'zone of page times without an offset (default: the profile, else Asia/Shanghai)')
    .option('--dry-run', 'report what would change, write nothing')
    .option('--json', 'print the report as JSON');
  addDbOption(command);
  command.action(action((flags: ReextractFlags) => runReextract(flags)));
}
