/**
 * Streaming export of stored Articles as JSON, JSONL or CSV. The caller gives an iterator (the
 * store reads rows lazily) and an Output; one record at a time is in memory.
 */
import { UsageError } from '../errors.js';
import type { StoredArticle } from '../store/types.js';
import { csvFormat } from './csv.js';
import type { ArticleField } from './fields.js';
import type { RecordFormat } from './format.js';
import { jsonFormat } from './json.js';
import { jsonlFormat } from './jsonl.js';
import type { Output } from './output.js';

export { ARTICLE_FIELDS, type ArticleField, selectFields } from './fields.js';
export type { RecordFormat } from './format.js';
export { type Output, OutputClosedError, openOutput, printStdout, refuseDatabaseAsOutput } from './output.js';

export const EXPORT_FORMATS = ['json', 'jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function parseFormat(value: string): ExportFormat {
  const format = value.toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(format)) return format as ExportFormat;
  throw new UsageError(`--format: unknown format "${value}" (expected ${EXPORT_FORMATS.join(', ')})`);
}

export function createFormat(format: ExportFormat, fields: readonly ArticleField[], options: { excel?: boolean } = {}): RecordFormat {
  switch (format) {
    case 'json':
      return jsonFormat(fields);
    case 'jsonl':
      return jsonlFormat(fields);
    case 'csv':
      return csvFormat(fields, options);
  }
}

/**
 * Writes the articles and commits the output; on any failure the output is aborted (no partial
 * file) and the error rethrown. Returns how many articles were written.
 */
export async function exportArticles(
  articles: Iterable<StoredArticle>,
  format: RecordFormat,
  output: Output,
  limit = Number.POSITIVE_INFINITY,
): Promise<number> {
  let count = 0;
  try {
    await output.write(format.start());
    for (const article of articles) {
      // Past the limit the rest is read, not written, rather than abandoning the iterator: the
      // store's SQL LIMIT makes that free, and an abandoned SQLite statement keeps the connection busy.
      if (count >= limit) continue;
      await output.write(format.record(article, count));
      count++;
    }
    await output.write(format.end(count));
    await output.commit();
  } catch (err) {
    await output.abort();
    throw err;
  }
  return count;
}
