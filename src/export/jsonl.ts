/** JSON Lines: one Article per line, "\n"-terminated (JSON.stringify escapes newlines inside strings). */
import { type ArticleField, project } from './fields.js';
import type { RecordFormat } from './format.js';

export function jsonlFormat(fields: readonly ArticleField[]): RecordFormat {
  return {
    start: () => '',
    record: (article) => `${JSON.stringify(project(article, fields))}\n`,
    end: () => '',
  };
}
