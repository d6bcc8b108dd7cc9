/**
 * CSV as RFC 4180 says (CRLF between records, fields quoted when they hold `"`, `,`, CR or LF,
 * quotes doubled), safe to open in a spreadsheet and easy to read with pandas.
 *
 * Layout: one column per selected top-level field, named as in JSON, except the nested ones,
 * which are flattened into snake_case columns:
 *   images       -> image_urls, image_captions   (" | "-joined, same order; a photo without a
 *                                                  caption leaves an empty slot: "a | | c")
 *   extraction   -> profile, views_url, warnings (warnings " | "-joined)
 *   viewsHistory -> viewsHistory                 (the list as JSON: [{"at":...,"views":...}])
 * null is an empty cell; numbers are written as digits. JSON/JSONL keep the full structure
 * (image alt texts included); CSV is the flat view for spreadsheets.
 */
import type { StoredArticle } from '../store/types.js';
import type { ArticleField } from './fields.js';
import type { RecordFormat } from './format.js';

/** Joins list values inside one cell. Spaces around the bar keep URLs and captions readable. */
export const CSV_LIST_SEPARATOR = ' | ';

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): = + - @,
 * tab and CR, plus their full-width forms, which some East Asian Excel builds also accept; looked
 * for after any leading whitespace, which spreadsheets skip.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** Neutralises a formula-looking cell the way OWASP recommends: a leading apostrophe. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field. Text cells are neutralised first; numbers are never formulas. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

interface Column {
  name: string;
  value(article: StoredArticle): string | number | null;
}

function joinList(values: readonly string[]): string | null {
  return values.length === 0 ? null : values.join(CSV_LIST_SEPARATOR);
}

function columnsOf(field: ArticleField): Column[] {
  switch (field) {
    case 'images':
      return [
        { name: 'image_urls', value: (a) => joinList(a.images.map((image) => image.src)) },
        { name: 'image_captions', value: (a) => joinList(a.images.map((image) => image.caption ?? '')) },
      ];
    case 'extraction':
      return [
        { name: 'profile', value: (a) => a.extraction.profile },
        { name: 'views_url', value: (a) => a.extraction.viewsUrl },
        { name: 'warnings', value: (a) => joinList(a.extraction.warnings) },
      ];
    case 'viewsHistory':
      return [{ name: 'viewsHistory', value: (a) => JSON.stringify(a.viewsHistory ?? []) }];
    default:
      return [{ name: field, value: (a) => a[field] }];
  }
}

/** The header names a CSV export writes for these fields, in order. */
export function csvHeader(fields: readonly ArticleField[]): string[] {
  return fields.flatMap((field) => columnsOf(field).map((column) => column.name));
}

export interface CsvOptions {
  /** Start with a UTF-8 BOM so that Excel reads the file as UTF-8 rather than the ANSI code page. */
  excel?: boolean;
}

export function csvFormat(fields: readonly ArticleField[], options: CsvOptions = {}): RecordFormat {
  const columns = fields.flatMap(columnsOf);
  const header = columns.map((column) => csvCell(column.name)).join(',');
  return {
    start: () => `${options.excel ? '\uFEFF' : ''}${header}\r\n`,
    record: (article) => `${columns.map((column) => csvCell(column.value(article))).join(',')}\r\n`,
    end: () => '',
  };
}
