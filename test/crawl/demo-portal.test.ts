/** The committed sample portal is what its generator writes, and looks like the brief asks. */
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/decode/index.js';
import { buildDemoPortal } from '../../src/scripts/build-demo-portal.js';
import { loadPortalDir } from '../../src/scripts/portal-server.js';
import { DEMO_PORTAL_DIR } from '../support/portal-server.js';

describe('fixtures/demo-portal', () => {
  const built = buildDemoPortal();
  const committed = loadPortalDir(DEMO_PORTAL_DIR);

  it('matches src/scripts/build-demo-portal.ts (run it and commit after a change)', () => {
    expect([...committed.keys()].sort()).toEqual([...built.files.keys()].sort());
    for (const [key, file] of built.files) {
      const saved = committed.get(key)!;
      expect(saved.contentType, key).toBe(file.contentType);
      expect(saved.body.equals(file.body), key).toBe(true);
    }
  });

  it('has 30+ distinct articles in four CMS styles, GBK with and without a header charset', () => {
    const { articles } = built;
    expect(articles.length).toBeGreaterThanOrEqual(30);
    expect(new Set(articles.map((a) => a.title)).size).toBe(articles.length);
    expect(new Set(articles.map((a) => a.cms))).toEqual(new Set(['destoon', 'dedecms', 'phpcms', 'empirecms']));
    const gbkNoHeader = articles.filter((a) => a.charset === 'gbk' && built.files.get(a.path)!.contentType === 'text/html');
    const gbkHeader = articles.filter((a) => a.charset === 'gbk' && /charset=gbk/.test(built.files.get(a.path)!.contentType));
    expect(gbkNoHeader.length).toBeGreaterThan(0);
    expect(gbkHeader.length).toBeGreaterThan(0);
    // Without the meta prescan a GBK page is mojibake; with it, clean Chinese.
    const page = built.files.get(gbkNoHeader[0]!.path)!;
    expect(page.body.toString('utf-8')).not.toContain(gbkNoHeader[0]!.title);
    expect(decodeHtml(page.body, page.contentType).text).toContain(gbkNoHeader[0]!.title);
  });

  it('has robots.txt, a gzip sitemap behind an index, a feed, a counter script, traps', () => {
    const text = (p: string) => built.files.get(p)!.body.toString('utf-8');
    expect(text('/robots.txt')).toMatch(/Disallow: \/member\//);
    expect(text('/robots.txt')).toMatch(/Sitemap: __ORIGIN__\/sitemap\.xml/);
    expect(text('/sitemap.xml')).toContain('<sitemapindex');
    expect(built.files.get('/sitemap-news.xml.gz')!.gzip).toBe(true);
    expect(text('/rss.xml')).toContain('<rss');
    const counter = [...built.files.keys()].find((k) => k.startsWith('/plus/count.php?view=yes&aid='))!;
    expect(text(counter)).toMatch(/^document\.write\('\d+'\);$/);
    expect(text('/')).toMatch(/热搜：/);
    expect(text('/')).toContain('/search.php?kw=');
    expect(text('/')).toContain('/private/report.html');
    expect(built.articles.filter((a) => a.continuations.length > 0).length).toBeGreaterThanOrEqual(1);
  });
});
