/**
 * Discovery from sitemaps (urlset and sitemapindex, plain or gzip) and RSS/Atom feeds, parsed
 * with htmlparser2 in XML mode: tolerant of the sloppy XML portals generate.
 */
import { gunzipSync } from 'node:zlib';
import type { Element } from 'domhandler';
import { getElementsByTagName, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

export interface SitemapContent {
  /** Page URLs listed (urlset). */
  urls: string[];
  /** Further sitemaps listed (sitemapindex). */
  sitemaps: string[];
}

/** Gzip bytes are recognised by their magic number, whatever the URL or Content-Type say. */
export function maybeGunzip(bytes: Uint8Array): Uint8Array {
  if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return gunzipSync(bytes);
  }
  return bytes;
}

function xmlText(bytes: Uint8Array): string {
  const plain = maybeGunzip(bytes);
  // Sitemaps and feeds are UTF-8 by the spec; a GBK feed's URLs are still ASCII, which is all we read.
  return new TextDecoder('utf-8').decode(plain);
}

function locs(parent: Element[], childName: string): string[] {
  const out: string[] = [];
  for (const el of parent) {
    const loc = getElementsByTagName(childName, el, true, 1)[0];
    const text = loc ? textContent(loc).trim() : '';
    if (text !== '') out.push(text);
  }
  return out;
}

export function parseSitemap(bytes: Uint8Array): SitemapContent {
  const doc = parseDocument(xmlText(bytes), { xmlMode: true });
  const urlEls = getElementsByTagName((name) => name.replace(/^.*:/, '') === 'url', doc.children, true);
  const mapEls = getElementsByTagName((name) => name.replace(/^.*:/, '') === 'sitemap', doc.children, true);
  return { urls: locs(urlEls, 'loc'), sitemaps: locs(mapEls, 'loc') };
}

/** Item links of an RSS 2.0 / RSS 1.0 / Atom feed. */
export function parseFeed(bytes: Uint8Array): string[] {
  const doc = parseDocument(xmlText(bytes), { xmlMode: true });
  const out: string[] = [];
  for (const item of getElementsByTagName((name) => name === 'item' || name === 'entry', doc.children, true)) {
    for (const link of getElementsByTagName('link', item, true)) {
      const href = link.attribs.href;
      const rel = link.attribs.rel;
      if (href && (!rel || rel === 'alternate')) {
        out.push(href.trim());
        break;
      }
      const text = textContent(link).trim();
      if (text !== '') {
        out.push(text);
        break;
      }
    }
  }
  return out;
}

/** Whether bytes look like a feed or sitemap rather than a page (for links of unknown type). */
export function looksLikeXml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(maybeGunzip(bytes).subarray(0, 512)).trimStart();
  return /^(<\?xml|<rss|<feed|<urlset|<sitemapindex)/i.test(head);
}
