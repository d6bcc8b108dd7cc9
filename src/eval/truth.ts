/**
 * Truth files (../shared/corpus/README.md): a key that is absent was not labelled and is not
 * scored; a key whose value is null was labelled "not on this page".
 */
import type { Article, ArticleKey } from '../types.js';

/**
 * Truth keys that score an Article field under another name (corpus README): `captions` the
 * images' captions, `with` and `without` phrases the body must or must not contain.
 */
type DerivedKey = 'captions' | 'with' | 'without';

/**
 * The truth keys eval scores, in the scorecard's column order. Apart from the derived ones they are
 * Article fields, checked against ARTICLE_KEYS so that a renamed field fails to compile here. A
 * field added to Article is deliberately not required: it is scored once the corpus labels it.
 */
export const SCORED_FIELDS = [
  'title',
  'publishedAt',
  'source',
  'author',
  'editor',
  'views',
  'captions',
  'body',
  'with',
  'without',
] as const satisfies readonly (ArticleKey | DerivedKey)[];
export type ScoredField = (typeof SCORED_FIELDS)[number];

/** A labelled Article field holds what the Article's field would; url is where the page was served. */
export type Truth = Partial<Pick<Article, Exclude<ScoredField, DerivedKey>>> & {
  url?: string;
} & Partial<Record<DerivedKey, string[]>>;

const STRING_FIELDS = ['url', 'title', 'publishedAt', 'source', 'author', 'editor', 'body'] as const satisfies readonly ('url' | ScoredField)[];
const LIST_FIELDS = ['captions', 'with', 'without'] as const satisfies readonly DerivedKey[];

/** Validates a parsed truth file; `where` names the file in the error. Unknown keys (provenance) are ignored. */
export function parseTruth(json: unknown, where: string): Truth {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`${where}: expected a JSON object, got ${Array.isArray(json) ? 'an array' : typeof json}`);
  }
  const raw = json as Record<string, unknown>;
  const truth: Truth = {};
  for (const key of STRING_FIELDS) {
    if (!(key in raw)) continue;
    const value = raw[key];
    if (value !== null && typeof value !== 'string') {
      throw new Error(`${where}: "${key}" must be a string or null, got ${typeof value}`);
    }
    if (key === 'url') {
      if (typeof value === 'string') truth.url = value;
    } else {
      truth[key] = value as string | null;
    }
  }
  if ('views' in raw) {
    const value = raw.views;
    if (value !== null && !Number.isInteger(value)) {
      throw new Error(`${where}: "views" must be an integer or null, got ${JSON.stringify(value)}`);
    }
    truth.views = value as number | null;
  }
  for (const key of LIST_FIELDS) {
    if (!(key in raw)) continue;
    const value = raw[key];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw new Error(`${where}: "${key}" must be an array of strings`);
    }
    truth[key] = value as string[];
  }
  return truth;
}

/** True when the truth labels at least one scored field (list pages carry only provenance). */
export function isLabelled(truth: Truth): boolean {
  return SCORED_FIELDS.some((field) => field in truth);
}
