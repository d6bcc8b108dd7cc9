/**
 * Multi-page articles: the continuation pages an article links to in its own pager
 * (DESTOON show-12-2.html, DedeCMS 123_2.html, "下一页"), and joining their Articles into one.
 */
import type { Article } from '../types.js';
import type { FoundLink } from './links.js';

const PAGE_SUFFIX = /^(.*?)([_-])(\d{1,2})(\.[a-z]+)$/i;

function splitExtension(url: URL): { stem: string; ext: string } | null {
  const m = /^(.*)(\.[a-z]+)$/i.exec(url.pathname);
  return m ? { stem: m[1]!, ext: m[2]! } : null;
}

/** What a continuation of one article must share with it; parsed once for all of a page's links. */
interface ArticleShape {
  origin: string;
  search: string;
  stem: string;
  ext: string;
}

function shapeOf(article: string): ArticleShape | null {
  let a: URL;
  try {
    a = new URL(article);
  } catch {
    return null;
  }
  const base = splitExtension(a);
  return base ? { origin: a.origin, search: a.search, stem: base.stem, ext: base.ext.toLowerCase() } : null;
}

function numberAgainst(shape: ArticleShape, candidate: string): number | null {
  // Cheap test first: an article page links to a hundred others, and only its own pager matters.
  if (!candidate.includes(shape.stem)) return null;
  let c: URL;
  try {
    c = new URL(candidate);
  } catch {
    return null;
  }
  if (shape.origin !== c.origin || shape.search !== c.search) return null;
  const m = PAGE_SUFFIX.exec(c.pathname);
  if (!m || m[1] !== shape.stem || m[4]!.toLowerCase() !== shape.ext) return null;
  const n = Number(m[3]);
  return n >= 2 ? n : null;
}

/**
 * Page number of `candidate` as a continuation of `article` (2, 3, ...), or null when it is not
 * one: same directory and stem, `_N` or `-N` before the same extension, same query.
 */
export function continuationNumber(article: string, candidate: string): number | null {
  const shape = shapeOf(article);
  return shape ? numberAgainst(shape, candidate) : null;
}

/** The article URL a continuation page belongs to (`x_2.html` → `x.html`), or null. */
export function firstPageOf(url: string): string | null {
  try {
    const u = new URL(url);
    const m = PAGE_SUFFIX.exec(u.pathname);
    if (!m || Number(m[3]) < 2) return null;
    u.pathname = `${m[1]}${m[4]}`;
    return u.href;
  } catch {
    return null;
  }
}

/** Continuation pages linked from an article page, in page order. */
export function continuationLinks(articleUrl: string, links: FoundLink[]): string[] {
  const shape = shapeOf(articleUrl);
  if (!shape) return [];
  const numbered = new Map<number, string>();
  for (const link of links) {
    const n = numberAgainst(shape, link.url);
    if (n !== null && !numbered.has(n)) numbered.set(n, link.url);
  }
  return [...numbered.entries()].sort(([a], [b]) => a - b).map(([, url]) => url);
}

/** How many continuation pages of one article are read at most (--max-article-pages in the crawl). */
export const DEFAULT_MAX_ARTICLE_PAGES = 30;

/** One page of a multi-page article, analysed: its Article and its links. */
export interface ArticlePage {
  article: Article;
  links: FoundLink[];
}

/**
 * The continuation pages of an article, in the order met: those its own pager names first, then
 * those each page reveals (a pager showing only "下一页" names page 3 on page 2). `load` reads one
 * (a polite fetch in the crawl, the stored response in reextract); null leaves it out.
 */
export async function readContinuations<P extends ArticlePage>(
  firstUrl: string,
  pager: readonly string[],
  load: (url: string) => Promise<P | null>,
  max: number = DEFAULT_MAX_ARTICLE_PAGES,
): Promise<P[]> {
  const rest: P[] = [];
  const queue = [...pager];
  const done = new Set<string>([firstUrl]);
  while (queue.length > 0 && rest.length < max) {
    const next = queue.shift()!;
    if (done.has(next)) continue;
    done.add(next);
    const page = await load(next);
    if (page === null) continue;
    rest.push(page);
    for (const more of continuationLinks(firstUrl, page.links)) {
      if (!done.has(more) && !queue.includes(more)) queue.push(more);
    }
  }
  return rest;
}

/** One Article from the pages of a multi-page article: the first page's fields, all bodies and images. */
export function joinPages(first: Article, rest: Article[]): Article {
  const bodies = [first.body, ...rest.map((a) => a.body)].filter((b): b is string => b !== null && b !== '');
  const seen = new Set<string>();
  const images = [first, ...rest]
    .flatMap((a) => a.images)
    .filter((img) => {
      if (seen.has(img.src)) return false;
      seen.add(img.src);
      return true;
    });
  const warnings = [...first.extraction.warnings];
  if (rest.length > 0) warnings.push(`joined ${rest.length + 1} pages`);
  return {
    ...first,
    body: bodies.length > 0 ? bodies.join('\n') : null,
    images,
    extraction: { ...first.extraction, warnings },
  };
}
