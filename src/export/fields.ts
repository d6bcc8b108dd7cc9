/**
 * Which top-level fields an export writes, and in what order. One list, shared by every format,
 * so that `--fields` means the same thing for JSON, JSONL and CSV.
 */
import { UsageError } from '../errors.js';
import type { StoredArticle } from '../store/types.js';
import { ARTICLE_KEYS } from '../types.js';

/**
 * Every Article field in the order of the contract, then the stored history. Taken whole from the
 * shared list, so a field added to Article is exported (and named by --fields) without an edit here.
 */
export const ARTICLE_FIELDS = [...ARTICLE_KEYS, 'viewsHistory'] as const satisfies readonly (keyof StoredArticle)[];

export type ArticleField = (typeof ARTICLE_FIELDS)[number];

const KNOWN = new Set<string>(ARTICLE_FIELDS);

/**
 * Reads `--fields a,b,c` (order kept, duplicates dropped). Without it: every field, with
 * `viewsHistory` only when asked for. An unknown name is a usage error listing the valid ones.
 */
export function selectFields(spec: string | undefined, withViewsHistory: boolean): ArticleField[] {
  if (spec === undefined) {
    return ARTICLE_FIELDS.filter((field) => field !== 'viewsHistory' || withViewsHistory);
  }
  const names = spec
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) {
    throw new UsageError(`--fields: no field named (valid: ${ARTICLE_FIELDS.join(', ')})`);
  }
  const unknown = names.filter((name) => !KNOWN.has(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `--fields: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} (valid: ${ARTICLE_FIELDS.join(', ')})`,
    );
  }
  return [...new Set(names)] as ArticleField[];
}

/**
 * The record an export writes: exactly the selected fields, in the selected order, whatever else
 * the store's object carries. A missing history is written as an empty list, not left out.
 */
export function project(article: StoredArticle, fields: readonly ArticleField[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of fields) {
    record[field] = field === 'viewsHistory' ? (article.viewsHistory ?? []) : article[field];
  }
  return record;
}
