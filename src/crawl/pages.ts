/**
 * Multi-page articles: the continuation pages an article links to in its own pager
 * (DESTOON show-12-2.html, DedeCMS 123_2.html, Discuz! &page=2, WordPress /slug/2/, "下一页"), and
 * joining their Articles into one.
 */
import type { Article } from '../types.js';
import type { FoundLink } from './links.js';
import { urlOrNull } from './url.js';

const PAGE_SUFFIX = /^(.*?)([_-])(\d{1,2})(\.[a-z]+)$/i;
/** TRS article pages (t20240510_2202.shtml) number their second page _1, not _2. */
const TRS_ARTICLE_STEM = /\/t\d{8}_\d+$/;
/** Query parameters that number the pages of one article (Discuz! portal.php?mod=view&aid=105&page=2). */
const PAGE_PARAMS: ReadonlySet<string> = new Set([
  'page',
  'p',
  'pn',
  'pageno',
  'curpage',
  'currentpage',
  'pageindex',
  'page_no',
  'pagenum',
  'articlepage', // 动易 ShowArticle.asp?ArticleID=44&ArticlePage=2
  'newspage',
]);
/** A page number as the last path segment of a folder-style post (WordPress /2024/05/10/slug/2/). */
const PAGE_SEGMENT = /^(.*\/)(\d{1,2})\/?$/;

/** What a continuation of one article must share with it; parsed once for all of a page's links. */
interface ArticleShape {
  origin: string;
  pathname: string;
  search: string;
  /** The query without its page parameter, sorted. */
  query: string;
  /** The article's own page parameter is absent or 1: it is a first page. */
  firstByQuery: boolean;
  /** `stem` + `_N` + `ext` continuations (x.html → x_2.html); null for a folder-style URL. */
  stem: string | null;
  ext: string | null;
  /**
   * A first page numbered 1 after the item's id (Discuz! article-90-1.html, PHPCMS
   * show-12-34-1.html): the stem without that 1, its pages being article-90-2.html. Null otherwise.
   */
  numberedStem: string | null;
}

/** A stem ending in an id and the page number 1: `article-90-1`, `show-12-34-1`. */
const NUMBERED_FIRST_STEM = /^(.*[_-]\d+)[_-]1$/;

/** The page parameter of a query and its number, or null when it has none. */
function pageParam(params: URLSearchParams): { name: string; page: number } | null {
  // Names compared without case: ASP sites write ArticlePage, JSP ones pageNo.
  for (const [name, value] of params) {
    if (PAGE_PARAMS.has(name.toLowerCase()) && /^\d{1,3}$/.test(value)) return { name, page: Number(value) };
  }
  return null;
}

/** The query without its page parameter (sorted), and that parameter's number (null when absent). */
function splitPageParam(url: URL): { query: string; page: number | null } {
  const params = new URLSearchParams(url.search);
  const found = pageParam(params);
  if (found !== null) params.delete(found.name);
  params.sort();
  return { query: params.toString(), page: found?.page ?? null };
}

function shapeOf(article: string): ArticleShape | null {
  let a: URL;
  try {
    a = new URL(article);
  } catch {
    return null;
  }
  const ext = /^(.*)(\.[a-z]+)$/i.exec(a.pathname);
  const { query, page } = splitPageParam(a);
  return {
    origin: a.origin,
    pathname: a.pathname,
    search: a.search,
    query,
    firstByQuery: page === null || page === 1,
    stem: ext ? ext[1]! : null,
    ext: ext ? ext[2]!.toLowerCase() : null,
    numberedStem: ext ? (NUMBERED_FIRST_STEM.exec(ext[1]!)?.[1] ?? null) : null,
  };
}

function numberAgainst(shape: ArticleShape, candidate: string): number | null {
  // Cheap test first: an article page links to a hundred others, and only its own pager matters.
  if (!candidate.includes(shape.numberedStem ?? shape.stem ?? shape.pathname)) return null;
  let c: URL;
  try {
    c = new URL(candidate);
  } catch {
    return null;
  }
  if (shape.origin !== c.origin) return null;
  let n: number | null = null;
  if (c.pathname === shape.pathname) {
    // The same page with a page parameter: "&page=2".
    const { query, page } = splitPageParam(c);
    if (shape.firstByQuery && page !== null && query === shape.query) n = page;
  } else if (shape.search === c.search) {
    if (shape.stem !== null && shape.ext !== null) {
      const m = PAGE_SUFFIX.exec(c.pathname);
      if (m && (m[1] === shape.stem || m[1] === shape.numberedStem) && m[4]!.toLowerCase() === shape.ext) {
        n = Number(m[3]) + (TRS_ARTICLE_STEM.test(shape.stem) ? 1 : 0);
      }
    } else if (shape.pathname.endsWith('/')) {
      const m = PAGE_SEGMENT.exec(c.pathname);
      if (m && m[1] === shape.pathname) n = Number(m[2]);
    }
  }
  return n !== null && n >= 2 ? n : null;
}

/**
 * Page number of `candidate` as a continuation of `article` (2, 3, ...), or null when it is not
 * one: `_N` or `-N` before the same extension (same query), the same page with a page parameter,
 * or a number segment under a folder-style post.
 */
export function continuationNumber(article: string, candidate: string): number | null {
  const shape = shapeOf(article);
  return shape ? numberAgainst(shape, candidate) : null;
}

/**
 * The first page of a continuation whose item id is followed by its page number
 * (`article-90-2.html` → `article-90-1.html`), or null.
 */
export function numberedFirstPageOf(url: string): string | null {
  const u = urlOrNull(url);
  if (u === null) return null;
  const suffix = PAGE_SUFFIX.exec(u.pathname);
  if (!suffix || Number(suffix[3]) < 2 || !/[_-]\d+$/.test(suffix[1]!)) return null;
  u.pathname = `${suffix[1]}${suffix[2]}1${suffix[4]}`;
  return u.href;
}

/** The first page a continuation belongs to (`x_2.html` → `x.html`, `&page=2` → without it), or null. */
export function firstPageOf(url: string): string | null {
  const u = urlOrNull(url);
  if (u === null) return null;
  const suffix = PAGE_SUFFIX.exec(u.pathname);
  if (suffix && Number(suffix[3]) >= (TRS_ARTICLE_STEM.test(suffix[1]!) ? 1 : 2)) {
    u.pathname = `${suffix[1]}${suffix[4]}`;
    return u.href;
  }
  const param = pageParam(u.searchParams);
  if (param !== null) {
    if (param.page < 2) return null;
    u.searchParams.delete(param.name);
    return u.href;
  }
  const segment = PAGE_SEGMENT.exec(u.pathname);
  if (segment && Number(segment[2]) >= 2) {
    u.pathname = segment[1]!;
    return u.href;
  }
  return null;
}

/** The page number a URL carries by itself (`_N`/`-N` before its extension, a page parameter), 2 or more; else null. */
function ownPageNumber(url: string): number | null {
  const u = urlOrNull(url);
  if (u === null) return null;
  const param = pageParam(u.searchParams);
  if (param !== null) return param.page >= 2 ? param.page : null;
  const suffix = PAGE_SUFFIX.exec(u.pathname);
  return suffix && Number(suffix[3]) >= 2 ? Number(suffix[3]) : null;
}

/**
 * Numbered pages in an article's own pager that do not share its address's shape: a Discuz!
 * article read as portal.php?mod=view&aid=90 whose pager links the rewritten article-90-2.html.
 * Only candidates: a caller keeps one as a continuation when it shows the same headline.
 */
export function pagerContinuationCandidates(articleUrl: string, links: FoundLink[]): string[] {
  const shape = shapeOf(articleUrl);
  if (!shape) return [];
  const numbered = new Map<number, string>();
  for (const link of links) {
    if (link.role !== 'pager' && link.role !== 'next-page') continue;
    if (numberAgainst(shape, link.url) !== null) continue;
    let origin: string;
    try {
      origin = new URL(link.url).origin;
    } catch {
      continue;
    }
    if (origin !== shape.origin) continue;
    const n = ownPageNumber(link.url);
    if (n !== null && !numbered.has(n)) numbered.set(n, link.url);
  }
  // A pager starts at page 2; a lone "next" to some page 7 is another page's pager.
  if (!numbered.has(2)) return [];
  return [...numbered.entries()].sort(([a], [b]) => a - b).map(([, url]) => url);
}

/** Continuation pages linked from an article page, in page order. */
export function continuationLinks(articleUrl: string, links: FoundLink[]): string[] {
  const shape = shapeOf(articleUrl);
  if (!shape) return [];
  const numbered = new Map<number, string>();
  let inPager = false;
  for (const link of links) {
    const n = numberAgainst(shape, link.url);
    if (n !== null && !numbered.has(n)) {
      numbered.set(n, link.url);
      if (link.role === 'pager' || link.role === 'next-page') inPager = true;
    }
  }
  // Outside a pager, numbered links are an article's pages only when they start at page 2: a blog
  // calendar's day links (date-2023-5-4.html, -8, -11 beside date-2023-5.html) are not.
  if (!inPager && !numbered.has(2)) return [];
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
  more: (page: P) => string[] = (page) => continuationLinks(firstUrl, page.links),
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
    for (const next of more(page)) {
      if (!done.has(next) && !queue.includes(next)) queue.push(next);
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
