/**
 * extract(): bytes + URL (+ profile) in, Article out. Pure: no I/O; `now` and the zone are passed in.
 *
 * decode → parse once (htmlparser2) → site profile (the caller's, else a built-in one recognised by
 * generator meta or markup) → metadata stage → body stage (container, lines, photos + captions) →
 * language → Article. A page that is no article still gives an Article, with what was found and a
 * warning; only programmer errors throw.
 */
import { decodeHtml } from '../decode/index.js';
import { type Article, DEFAULT_TIME_ZONE, type ExtractOptions } from '../types.js';
import { extractBody } from './body.js';
import type { ExtractContext } from './context.js';
import { type Document, type Element, parseHtml } from './dom.js';
import { guessLanguage } from './language.js';
import { extractMetadata, type Metadata } from './metadata.js';
import { recogniseProfile } from './profiles/builtin.js';
import type { ProfileSelector, SiteProfile } from './profiles/schema.js';

export { BUILTIN_PROFILES, recogniseProfile } from './profiles/builtin.js';
export { loadProfile } from './profiles/load.js';

export const NO_BODY_WARNING = 'no article body found';

/** A profile's CSS selectors for a field (the `["selector", "attribute"]` form names the element too). */
function cssOf(selectors: readonly ProfileSelector[] | undefined): string[] {
  return (selectors ?? []).map((selector) => (typeof selector === 'string' ? selector : selector[0]));
}

const NO_METADATA: Metadata = {
  title: null,
  publishedAt: null,
  source: null,
  author: null,
  editor: null,
  views: null,
  viewsUrl: null,
  summary: null,
  titleElement: null,
  headline: null,
  consumed: [],
};

/**
 * The metadata stage, guarded against one page-caused failure: markup nested so deep that a
 * recursive walk overflows the stack. The page still gets its body; the warning says what happened.
 */
function readMetadata(doc: Document, ctx: ExtractContext): Metadata {
  try {
    return extractMetadata(doc, ctx);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    ctx.warnings.push(`metadata skipped: ${err.message}`);
    return NO_METADATA;
  }
}

export function extract(bytes: Uint8Array, options: ExtractOptions): Article {
  return extractWithDocument(bytes, options).article;
}

/**
 * extract() that also hands back the page's one parsed tree and decoded text, so that a caller
 * needing them too (the crawl's link discovery) does not decode and parse the page again.
 * Extraction only reads the tree, never changes it.
 */
export function extractWithDocument(
  bytes: Uint8Array,
  options: ExtractOptions,
): { article: Article; doc: Document; text: string; charset: string; headline: Element | null } {
  const url = new URL(options.url);
  const decoded = decodeHtml(bytes, options.contentType ?? null);
  const doc = parseHtml(decoded.text);
  const host = url.hostname.toLowerCase();
  const profile: SiteProfile | null = options.profile ?? recogniseProfile(doc, decoded.text, host);
  const ctx: ExtractContext = {
    url,
    html: decoded.text,
    now: options.now,
    timeZone: options.timeZone ?? profile?.timeZone ?? DEFAULT_TIME_ZONE,
    profile,
    warnings: [...decoded.warnings],
  };

  const meta = readMetadata(doc, ctx);
  const { body, images } = extractBody({
    doc,
    url,
    title: meta.title,
    titleElement: meta.titleElement,
    consumed: meta.consumed,
    profileBody: cssOf(profile?.fields?.body),
    profileRemove: profile?.remove ?? [],
    profilePhotos: profile?.photos ?? [],
    summary: meta.summary,
  });
  if (body === null) ctx.warnings.push(NO_BODY_WARNING);

  const article: Article = {
    url: url.href,
    site: host,
    title: meta.title,
    publishedAt: meta.publishedAt,
    source: meta.source,
    author: meta.author,
    editor: meta.editor,
    views: meta.views,
    summary: meta.summary,
    body,
    images,
    language: guessLanguage(body ?? meta.title),
    fetchedAt: (options.fetchedAt ?? options.now).toISOString(),
    extraction: { profile: profile?.name ?? 'generic', viewsUrl: meta.viewsUrl, warnings: ctx.warnings },
  };
  return { article, doc, text: decoded.text, charset: decoded.charset, headline: meta.headline };
}
