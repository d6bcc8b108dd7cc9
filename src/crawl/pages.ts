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

/**
 * Page number of `candidate` as a continuation of `article` (2, 3, ...), or null when it is not
 * one: same directory and stem, `_N` or `-N` before the same extension, same query.
 */
export function continuationNumber(article: string, candidate: string): number | null {
  let a: URL;
  let c: URL;
  try {
    a = new URL(article);
    c = new URL(candidate);
  } catch {
    return null;
  }
  if (a.origin !== c.origin || a.search !== c.search) return null;
  const base = splitExtension(a);
  const m = PAGE_SUFFIX.exec(c.pathname);
  if (!base || !m) return null;
  if (m[1] !== base.stem || m[4]!.toLowerCase() !== base.ext.toLowerCase()) return null;
  const n = Number(m[3]);
  return n >= 2 ? n : null;
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
  const numbered = new Map<number, string>();
  for (const link of links) {
    const n = continuationNumber(articleUrl, link.url);
    if (n !== null && !numbered.has(n)) numbered.set(n, link.url);
  }
  return [...numbered.entries()].sort(([a], [b]) => a - b).map(([, url]) => url);
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
