/**
 * `newsharvest search <query>`: ranked full-text hits over the stored articles, each as four plain
 * lines (title, URL, date and site, highlighted snippet) and a blank line; `--json` for scripts.
 */
import type { Command } from 'commander';
import { ExitCode, type ExitCodeValue, UsageError } from '../errors.js';
import { printStdout } from '../export/index.js';
import { openStore } from '../store/index.js';
import type { SearchHit } from '../store/types.js';
import { action, addDbOption, positiveInt, resolveDbPath } from './common.js';
import { addFilterOptions, type FilterFlags, readFilter } from './dates.js';

export const DEFAULT_SEARCH_LIMIT = 20;

interface SearchFlags extends FilterFlags {
  db?: string;
  json?: boolean;
  limit?: number;
}

/** One hit as text. The snippet keeps the store's highlight marks; newlines are flattened. */
export function formatHit(hit: SearchHit): string {
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
  return [
    oneLine(hit.title ?? '(no title)'),
    hit.url,
    [hit.publishedAt ?? 'no date', hit.site].join('  '),
    oneLine(hit.snippet),
    '',
  ].join('\n');
}

export async function runSearch(query: string, flags: SearchFlags): Promise<ExitCodeValue> {
  const text = query.trim();
  if (text === '') throw new UsageError('search: empty query');
  const filter = readFilter(flags);
  const store = openStore(resolveDbPath(flags.db), { readonly: true });
  let hits: SearchHit[];
  try {
    hits = store.search(text, { ...filter, limit: flags.limit ?? DEFAULT_SEARCH_LIMIT });
  } finally {
    store.close();
  }
  await printStdout(flags.json ? `${JSON.stringify(hits, null, 2)}\n` : hits.map((hit) => `${formatHit(hit)}\n`).join(''));
  if (hits.length === 0) process.stderr.write('no matches\n');
  return ExitCode.ok;
}

export function register(program: Command): void {
  const command = program
    .command('search')
    .description('full-text search over stored articles (two-character Chinese words work)')
    .argument('<query>', 'words to find; all must occur')
    .option('--json', 'print the hits as a JSON array')
    .option('--limit <n>', `at most this many hits (default: ${DEFAULT_SEARCH_LIMIT})`, positiveInt('--limit'));
  addFilterOptions(command);
  addDbOption(command);
  command.action(action((query: string, flags: SearchFlags) => runSearch(query, flags)));
}
