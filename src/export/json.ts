/**
 * JSON: one valid array written incrementally: "[\n", records joined by ",\n", "\n]\n".
 * Each record is one line, so the file is also easy to diff and to grep.
 */
import { type ArticleField, project } from './fields.js';
import type { RecordFormat } from './format.js';

export function jsonFormat(fields: readonly ArticleField[]): RecordFormat {
  return {
    start: () => '[',
    record: (article, index) => `${index === 0 ? '\n' : ',\n'}${JSON.stringify(project(article, fields))}`,
    end: (count) => (count === 0 ? ']\n' : '\n]\n'),
  };
}
