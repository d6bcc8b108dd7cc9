/**
 * A format turns a stream of Articles into text, one piece at a time, so that an export holds
 * one record in memory whatever the size of the database.
 */
import type { StoredArticle } from '../store/types.js';

export interface RecordFormat {
  /** Text before the first record (a header row, an opening bracket, a BOM). */
  start(): string;
  /** One record, with whatever separates it from the previous one (`index` counts from 0). */
  record(article: StoredArticle, index: number): string;
  /** Text after the last record; `count` records were written. */
  end(count: number): string;
}
