/** Human and machine renderings of a Scorecard: the table, the failure list, the JSON. */

import type { FieldSummary, Scorecard } from './evaluate.js';
import type { FieldFailure } from './score.js';
import { SCORED_FIELDS, type ScoredField } from './truth.js';

const COLUMN_LABELS: Record<ScoredField, string> = {
  title: 'title',
  publishedAt: 'date',
  source: 'source',
  author: 'author',
  editor: 'editor',
  views: 'views',
  captions: 'captions',
  body: 'body F1',
  with: 'with',
  without: 'without',
};

function cell(summary: FieldSummary): string {
  return summary.mean === null ? '-' : `${summary.mean.toFixed(3)} (${summary.count})`;
}

/**
 * One row per set plus "overall"; each cell is "mean (count)". Counts are pages, except for
 * captions/with/without where they are snippets.
 */
export function formatScorecard(card: Scorecard): string {
  const header = ['set', 'pages', ...SCORED_FIELDS.map((field) => COLUMN_LABELS[field])];
  const rows = card.sets.map((set) => [set.name, String(set.pages), ...SCORED_FIELDS.map((f) => cell(set.fields[f]))]);
  if (card.sets.length !== 1) {
    rows.push(['overall', String(card.overall.pages), ...SCORED_FIELDS.map((f) => cell(card.overall.fields[f]))]);
  }
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string =>
    row
      .map((value, i) => (i === 0 ? value.padEnd(widths[i] ?? 0) : value.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [line(header), ...rows.map(line)];
  if (card.skipped.length > 0) out.push(`skipped (nothing labelled): ${card.skipped.join(', ')}`);
  const crashed = card.pages.filter((page) => page.error !== null);
  for (const page of crashed) out.push(`error: ${page.set}/${page.id}: ${page.error}`);
  return `${out.join('\n')}\n`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value) ?? 'undefined';
}

function failureLine(failure: FieldFailure): string {
  const note = failure.note === undefined ? '' : ` — ${failure.note}`;
  return `  ${failure.field}: expected ${show(failure.expected)}, got ${show(failure.got)}${note}`;
}

/** Every failing page and field, grouped by page: "set/id (file)" then one line per failure. */
export function formatFailures(card: Scorecard): string {
  const out: string[] = [];
  for (const page of card.pages) {
    if (page.score.failures.length === 0) continue;
    out.push(`${page.set}/${page.id} (${page.file})`);
    for (const failure of page.score.failures) out.push(failureLine(failure));
  }
  return out.length === 0 ? 'no failures\n' : `${out.join('\n')}\n`;
}

/** The JSON form: sets and overall with {mean, count} per field; per-page failures when asked. */
export function scorecardJson(card: Scorecard, withFailures: boolean): unknown {
  const fields = (summary: Record<ScoredField, FieldSummary>) =>
    Object.fromEntries(SCORED_FIELDS.map((f) => [f, { mean: summary[f].mean, count: summary[f].count }]));
  return {
    sets: card.sets.map((set) => ({ name: set.name, dir: set.dir, pages: set.pages, fields: fields(set.fields) })),
    overall: { pages: card.overall.pages, fields: fields(card.overall.fields) },
    skipped: card.skipped,
    errors: card.pages.filter((p) => p.error !== null).map((p) => ({ set: p.set, id: p.id, error: p.error })),
    ...(withFailures
      ? {
          failures: card.pages
            .filter((p) => p.score.failures.length > 0)
            .map((p) => ({ set: p.set, id: p.id, file: p.file, failures: p.score.failures })),
        }
      : {}),
  };
}
