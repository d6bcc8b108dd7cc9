/**
 * `newsharvest stats`: what the database holds, per site (articles, publication range, last crawl,
 * failures by reason) and per run (when, pages, new and updated articles, failures).
 */
import type { Command } from 'commander';
import { ExitCode, type ExitCodeValue } from '../errors.js';
import { printStdout } from '../export/index.js';
import { openStore } from '../store/index.js';
import type { RunRecord, SiteStats } from '../store/types.js';
import { DEFAULT_TIME_ZONE } from '../types.js';
import { action, addDbOption, positiveInt, resolveDbPath } from './common.js';
import { parseTimeZone } from './dates.js';

export const DEFAULT_RUNS_SHOWN = 10;

interface StatsFlags {
  db?: string;
  timezone?: string;
  json?: boolean;
  runs?: number;
}

export interface StatsReport {
  articles: number;
  sites: SiteStats[];
  runs: RunRecord[];
}

/** "2026-11-27T05:00:00.000Z" -> "2026-11-27 05:00Z": minutes are enough to read a table. */
function shortInstant(iso: string | null): string {
  if (iso === null) return '-';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}Z` : iso;
}

/** An instant as the calendar date in the sites' zone ("2022-02-27"), as the sites print it. */
function localDate(iso: string | null, timeZone: string): string {
  if (iso === null) return '?';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Left-aligned text columns, right-aligned number columns, two spaces apart. */
export function table(header: string[], rows: (string | number)[][]): string {
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = (widths[i] ?? 0) - [...cell].length;
          return numeric[i] ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function failureSummary(byReason: Record<string, number>): string {
  const entries = Object.entries(byReason).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return entries.length === 0 ? '-' : entries.map(([reason, n]) => `${reason} ${n}`).join(', ');
}

export function formatStats(report: StatsReport, timeZone: string = DEFAULT_TIME_ZONE): string {
  const out: string[] = [];
  out.push(`${report.articles} article${report.articles === 1 ? '' : 's'} from ${report.sites.length} site${report.sites.length === 1 ? '' : 's'}`);
  if (report.sites.length > 0) {
    out.push(
      '',
      table(
        ['site', 'articles', 'published', 'last crawl', 'failures'],
        report.sites.map((s) => [
          s.site,
          s.articles,
          s.firstPublished === null && s.lastPublished === null ? '-' : `${localDate(s.firstPublished, timeZone)} .. ${localDate(s.lastPublished, timeZone)}`,
          shortInstant(s.lastCrawl),
          failureSummary(s.failuresByReason),
        ]),
      ),
    );
  }
  if (report.runs.length > 0) {
    out.push(
      '',
      table(
        ['run', 'started', 'finished', 'status', 'pages', 'new', 'updated', 'failures'],
        report.runs.map((r) => [
          r.id,
          shortInstant(r.startedAt),
          shortInstant(r.finishedAt),
          r.status,
          r.pagesFetched,
          r.articlesNew,
          r.articlesUpdated,
          r.failures,
        ]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

export async function runStats(flags: StatsFlags): Promise<ExitCodeValue> {
  const timeZone = parseTimeZone(flags.timezone);
  const store = openStore(resolveDbPath(flags.db), { readonly: true });
  let report: StatsReport;
  try {
    report = {
      articles: store.articleCount({}),
      sites: store.siteStats(),
      runs: store.runs(flags.runs ?? DEFAULT_RUNS_SHOWN),
    };
  } finally {
    store.close();
  }
  await printStdout(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatStats(report, timeZone));
  return ExitCode.ok;
}

export function register(program: Command): void {
  const command = program
    .command('stats')
    .description('what the database holds, per site and per run')
    .option('--json', 'print the figures as JSON')
    .option('--timezone <zone>', `zone of the publication dates shown (default: ${DEFAULT_TIME_ZONE})`)
    .option('--runs <n>', `show the last n runs (default: ${DEFAULT_RUNS_SHOWN})`, positiveInt('--runs'));
  addDbOption(command);
  command.action(action((flags: StatsFlags) => runStats(flags)));
}
