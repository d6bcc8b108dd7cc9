import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { looksLikeXml, parseFeed, parseSitemap } from '../../src/crawl/sitemap.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('sitemaps and feeds', () => {
  it('reads a urlset, plain and gzip', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc> http://a.cn/1.html </loc></url><url><loc>http://a.cn/2.html</loc><lastmod>2022-01-01</lastmod></url></urlset>`;
    expect(parseSitemap(enc(xml))).toEqual({ urls: ['http://a.cn/1.html', 'http://a.cn/2.html'], sitemaps: [] });
    expect(parseSitemap(gzipSync(enc(xml))).urls).toHaveLength(2);
  });

  it('reads a sitemap index', () => {
    const xml = `<sitemapindex><sitemap><loc>http://a.cn/s1.xml.gz</loc></sitemap><sitemap><loc>http://a.cn/s2.xml</loc></sitemap></sitemapindex>`;
    expect(parseSitemap(enc(xml))).toEqual({ urls: [], sitemaps: ['http://a.cn/s1.xml.gz', 'http://a.cn/s2.xml'] });
  });

  it('reads RSS and Atom item links', () => {
    const rss = `<rss version="2.0"><channel><link>http://a.cn/</link><item><title>x</title><link>http://a.cn/a/1.html</link></item><item><link>http://a.cn/a/2.html</link></item></channel></rss>`;
    expect(parseFeed(enc(rss))).toEqual(['http://a.cn/a/1.html', 'http://a.cn/a/2.html']);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><link href="http://a.cn/"/><entry><link rel="alternate" href="http://a.cn/b/1.html"/></entry></feed>`;
    expect(parseFeed(enc(atom))).toEqual(['http://a.cn/b/1.html']);
  });

  it('tells XML from HTML', () => {
    expect(looksLikeXml(enc('<?xml version="1.0"?><rss/>'))).toBe(true);
    expect(looksLikeXml(enc('<!DOCTYPE html><html></html>'))).toBe(false);
  });
});
