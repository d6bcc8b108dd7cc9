/**
 * The per-page metrics of ../shared/corpus/README.md, exactly. Each field yields `total` (sum of
 * unit scores) and `count` (units): one unit per page for the single-valued fields and the body
 * (whose unit score is its F1), one unit per snippet/caption for `with`, `without` and `captions`
 * — so a field's mean over a set is the fraction of snippets satisfied, not a mean of per-page
 * fractions (a page with 6 snippets weighs 6 times a page with 1).
 */
import type { Article } from '../types.js';
import { compact, tokenF1 } from './tokens.js';
import type { ScoredField, Truth } from './truth.js';

export interface FieldFailure {
  field: ScoredField;
  expected: unknown;
  got: unknown;
  /** Extra explanation (body precision/recall and sample tokens, why a caption failed). */
  note?: string;
}

export interface FieldScore {
  total: number;
  count: number;
}

export interface PageScore {
  fields: Partial<Record<ScoredField, FieldScore>>;
  failures: FieldFailure[];
}

export interface ScoreOptions {
  /** A body F1 below this is listed as a failure (the score itself is the F1 either way). @default 0.9 */
  bodyFailBelow?: number;
}

export const DEFAULT_BODY_FAIL_BELOW = 0.9;

/** Truth null ⇒ Article null; otherwise both compact-equal. */
function textEqual(got: string | null, expected: string | null): boolean {
  if (expected === null || got === null) return expected === got;
  return compact(got) === compact(expected);
}

/** The Article's publishedAt with its offset (Z, +08:00, +0800) dropped. */
export function dropOffset(iso: string): string {
  return iso.replace(/(?:Z|[+-]\d{2}:?\d{2})$/u, '');
}

function dateMatches(got: string | null, expected: string | null): boolean {
  if (expected === null || got === null) return expected === got;
  return dropOffset(got).startsWith(expected);
}

/** Either contains the other, after compacting; an empty caption matches nothing. */
function captionMatches(imageCaption: string, truthCaption: string): boolean {
  const a = compact(imageCaption);
  const b = compact(truthCaption);
  return a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a));
}

export function scorePage(article: Article, truth: Truth, options: ScoreOptions = {}): PageScore {
  const bodyFailBelow = options.bodyFailBelow ?? DEFAULT_BODY_FAIL_BELOW;
  const fields: Partial<Record<ScoredField, FieldScore>> = {};
  const failures: FieldFailure[] = [];
  const binary = (field: ScoredField, ok: boolean, expected: unknown, got: unknown): void => {
    fields[field] = { total: ok ? 1 : 0, count: 1 };
    if (!ok) failures.push({ field, expected, got });
  };

  if (truth.title !== undefined) binary('title', textEqual(article.title, truth.title), truth.title, article.title);
  if (truth.publishedAt !== undefined) {
    binary('publishedAt', dateMatches(article.publishedAt, truth.publishedAt), truth.publishedAt, article.publishedAt);
  }
  for (const field of ['source', 'author', 'editor'] as const) {
    const expected = truth[field];
    if (expected !== undefined) binary(field, textEqual(article[field], expected), expected, article[field]);
  }
  if (truth.views !== undefined) binary('views', article.views === truth.views, truth.views, article.views);

  const compactBody = compact(article.body ?? '');
  if (truth.captions !== undefined) {
    const captions = article.images.map((image) => image.caption).filter((c): c is string => c !== null);
    let passed = 0;
    for (const caption of truth.captions) {
      const found = captions.some((got) => captionMatches(got, caption));
      const inBody = compact(caption).length > 0 && compactBody.includes(compact(caption));
      if (found && !inBody) {
        passed++;
      } else {
        const why = [found ? null : 'not in any images[].caption', inBody ? 'leaks into body' : null];
        failures.push({ field: 'captions', expected: caption, got: captions, note: why.filter(Boolean).join('; ') });
      }
    }
    fields.captions = { total: passed, count: truth.captions.length };
  }

  if (truth.body !== undefined && truth.body !== null) {
    const f = tokenF1(article.body ?? '', truth.body);
    fields.body = { total: f.f1, count: 1 };
    if (f.f1 < bodyFailBelow) {
      failures.push({
        field: 'body',
        expected: `${truth.body.length} chars`,
        got: article.body === null ? null : `${article.body.length} chars`,
        note:
          `F1 ${f.f1.toFixed(3)} (precision ${f.precision.toFixed(3)}, recall ${f.recall.toFixed(3)}); ` +
          `missing ${f.missing.join(' ')}; extra ${f.extra.join(' ')}`,
      });
    }
  } else if (truth.body === null) {
    // Labelled "no article body on this page": only an empty extraction is right.
    binary('body', article.body === null || article.body.trim() === '', null, article.body);
  }

  for (const [field, wantInBody] of [
    ['with', true],
    ['without', false],
  ] as const) {
    const snippets = truth[field];
    if (snippets === undefined) continue;
    let passed = 0;
    for (const snippet of snippets) {
      const inBody = compactBody.includes(compact(snippet));
      if (inBody === wantInBody) {
        passed++;
      } else {
        failures.push({ field, expected: snippet, got: wantInBody ? 'missing from body' : 'present in body' });
      }
    }
    fields[field] = { total: passed, count: snippets.length };
  }
  return { fields, failures };
}
