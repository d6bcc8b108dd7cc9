/**
 * The Article contract (../shared/DESIGN.md). Every field the page does not show is `null`,
 * never `""` and never a guess.
 */
export interface ArticleImage {
  /** Absolute URL of the photo. */
  src: string;
  /** The caption the page gives the photo (figcaption, centred line, "…摄", "图为…"), else null. */
  caption: string | null;
  /** The `alt` text when it says something (not a file name, not empty), else null. */
  alt: string | null;
}

export interface ExtractionInfo {
  /** Name of the site profile that matched, or "generic". */
  profile: string;
  /** Absolute URL of the script that writes the view counter, when the page has one. */
  viewsUrl: string | null;
  /** Things the extractor noticed and worked around (charset fallback, no body found, ...). */
  warnings: string[];
}

export interface Article {
  url: string;
  /** Host name of `url`, lower case. */
  site: string;
  title: string | null;
  /** ISO 8601 with offset ("2022-02-27T10:05:00+08:00"), or a bare date ("2022-02-27"). */
  publishedAt: string | null;
  /** The 来源 outlet. */
  source: string | null;
  /** The named writer (作者/记者/文); never the outlet nor the editor. */
  author: string | null;
  /** The 责任编辑. */
  editor: string | null;
  /** View count as printed in the page; null when absent or written by a script. */
  views: number | null;
  /** 核心提示/摘要/导读, without the label. */
  summary: string | null;
  /** Article text, one paragraph per line. */
  body: string | null;
  images: ArticleImage[];
  /** BCP 47 primary language guessed from the text ("zh", "en"), or null. */
  language: string | null;
  /** When the bytes were fetched (ISO 8601 UTC). */
  fetchedAt: string;
  extraction: ExtractionInfo;
}

/**
 * Every top-level field of Article, in the contract's order (DESIGN.md). The one list that the
 * export columns, re-extraction's report and eval's scored truth keys each take their own subset of.
 */
export const ARTICLE_KEYS = [
  'url',
  'site',
  'title',
  'publishedAt',
  'source',
  'author',
  'editor',
  'views',
  'summary',
  'body',
  'images',
  'language',
  'fetchedAt',
  'extraction',
] as const satisfies readonly (keyof Article)[];

type ListedKey = (typeof ARTICLE_KEYS)[number];
/** Fails to compile unless T is never; the error then names what T holds. */
type MustBeNever<T extends never> = T;

/**
 * The same as `keyof Article`, spelled through a check: `satisfies` above rejects a name that is
 * not a field, this rejects a field added to Article but not listed, naming it in the error.
 */
export type ArticleKey = ListedKey | MustBeNever<Exclude<keyof Article, ListedKey>>;

/** What the pure extractor needs besides the bytes. `now` and the zone are passed in, never read. */
export interface ExtractOptions {
  /** The page's URL: resolves relative links and names the site. */
  url: string;
  /** The HTTP Content-Type header, when the page was fetched. */
  contentType?: string | null;
  /** A site profile to apply before the generic rules (a user's --profile or a matched built-in). */
  profile?: import('./extract/profiles/schema.js').SiteProfile | null;
  /** Reference time: resolves "3小时前" and caps dates in the future. */
  now: Date;
  /** IANA zone for local times without an offset; default Asia/Shanghai. */
  timeZone?: string;
  /** When the bytes were fetched; defaults to `now`. */
  fetchedAt?: Date;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
