/**
 * `newsharvest export`: stored Articles as JSON, JSONL or CSV, to stdout or atomically to a file,
 * filtered by site, publication date and full-text query.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { ExitCode, type ExitCodeValue, UsageError } from '../errors.js';
import {
  ARTICLE_FIELDS,
  createFormat,
  EXPORT_FORMATS,
  type ExportFormat,
  exportArticles,
  OutputClosedError,
  openOutput,
  parseFormat,
  refuseDatabaseAsOutput,
  selectFields,
} from '../export/index.js';
import { openStore } from '../store/index.js';
import { action, addDbOption, positiveInt, resolveDbPath } from './common.js';
import { addFilterOptions, type FilterFlags, readFilter } from './dates.js';

interface ExportFlags extends FilterFlags {
  db?: string;
  format?: string;
  out?: string;
  query?: string;
  fields?: string;
  limit?: number;
  withViewsHistory?: boolean;
  excel?: boolean;
}

/** Without --format, a file name ending in .json/.jsonl/.csv says it; otherwise JSONL. */
function chooseFormat(flags: ExportFlags): ExportFormat {
  if (flags.format !== undefined) return parseFormat(flags.format);
  const ext = flags.out === undefined ? '' : path.extname(flags.out).slice(1).toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(ext)) return ext as ExportFormat;
  return flags.excel ? 'csv' : 'jsonl';
}

export async function runExport(flags: ExportFlags): Promise<ExitCodeValue> {
  // Every usage error is found before the database or the output file is touched.
  const format = chooseFormat(flags);
  if (flags.excel && format !== 'csv') throw new UsageError('--excel applies to --format csv only');
  const fields = selectFields(flags.fields, Boolean(flags.withViewsHistory));
  const filter = readFilter(flags);
  const query = flags.query?.trim();
  if (flags.query !== undefined && !query) throw new UsageError('--query: empty query');

  refuseDatabaseAsOutput(flags.out, resolveDbPath(flags.db));
  const store = openStore(resolveDbPath(flags.db), { readonly: true });
  try {
    const output = await openOutput(flags.out);
    const articles = store.articles({
      ...filter,
      ...(query && { query }),
      ...(flags.limit !== undefined && { limit: flags.limit }),
      withViewsHistory: fields.includes('viewsHistory'),
    });
    let count: number;
    try {
      count = await exportArticles(articles, createFormat(format, fields, { excel: Boolean(flags.excel) }), output, flags.limit);
    } catch (err) {
      if (err instanceof OutputClosedError) return ExitCode.ok;
      throw err;
    }
    if (flags.out !== undefined && process.stderr.isTTY) {
      process.stderr.write(`exported ${count} article${count === 1 ? '' : 's'} to ${flags.out}\n`);
    }
    return ExitCode.ok;
  } finally {
    closeAfterExport(store);
  }
}

/**
 * Closes the store. After an early stop (the reader closed the pipe, a write failed) the store's
 * article statement may still be open, and better-sqlite3 refuses to close a connection in that
 * state; the read-only connection then ends with the process, which loses nothing.
 */
function closeAfterExport(store: { close(): void }): void {
  try {
    store.close();
  } catch {
    // See above: only a read-only connection with an unfinished read gets here.
  }
}

export function register(program: Command): void {
  const command = program
    .command('export')
    .description('write stored articles as json, jsonl or csv (stdout, or --out FILE written atomically)')
    .option('--format <format>', `${EXPORT_FORMATS.join(' | ')} (default: from the --out extension, else jsonl)`)
    .option('--out <file>', 'write to this file (via a temp file, renamed when complete) instead of stdout')
    .option('--query <text>', 'only articles matching this full-text query')
    .option('--fields <names>', `only these top-level fields, in this order, comma-separated (${ARTICLE_FIELDS.join(', ')})`)
    .option('--limit <n>', 'at most this many articles', positiveInt('--limit'))
    .option('--with-views-history', 'add viewsHistory: the view counts seen at each visit')
    .option('--excel', 'CSV for Excel: starts with a UTF-8 byte order mark');
  addFilterOptions(command);
  addDbOption(command);
  command.addHelpText(
    'after',
    `
CSV layout: one column per field, named as in JSON; images become image_urls and image_captions
(" | "-joined, same order), extraction becomes profile, views_url, warnings, and viewsHistory is
a JSON list in one cell. Cells starting with = + - @ (or tab/CR) get a leading ' so that a
spreadsheet does not run them as formulas.`,
  );
  command.action(action((flags: ExportFlags) => runExport(flags)));
}
