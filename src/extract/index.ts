/**
 * extract(): bytes + URL (+ profile) in, Article out. Pure: no I/O, `now` and the zone are passed in.
 * PRELIMINARY WIRING: the decode, metadata and body stages are being built; this keeps the
 * signature stable for the CLI, eval and crawl meanwhile.
 */
import { type Article, DEFAULT_TIME_ZONE, type ExtractOptions } from '../types.js';
import { parseHtml, textOf } from './dom.js';

export function extract(bytes: Uint8Array, options: ExtractOptions): Article {
  const url = new URL(options.url);
  const html = new TextDecoder('utf-8').decode(bytes);
  const doc = parseHtml(html);
  void (options.timeZone ?? DEFAULT_TIME_ZONE);
  const body = textOf(doc) || null;
  return {
    url: url.href,
    site: url.hostname.toLowerCase(),
    title: null,
    publishedAt: null,
    source: null,
    author: null,
    editor: null,
    views: null,
    summary: null,
    body,
    images: [],
    language: null,
    fetchedAt: (options.fetchedAt ?? options.now).toISOString(),
    extraction: { profile: 'generic', viewsUrl: null, warnings: [] },
  };
}
