import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalisePath, parseRobots, patternMatches, productToken, ROBOTS_MAX_BYTES, RobotsCache } from '../../src/fetch/robots.js';
import { closedPort, startServer, type TestServer } from './server.js';

// RFC 9309 §5.1, verbatim.
const RFC_EXAMPLE = `User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

EOF`;

describe('parseRobots: RFC 9309 §5.1 example', () => {
  const robots = parseRobots(RFC_EXAMPLE);
  const cases: [string, string, boolean][] = [
    ['foobot', '/example/page.html', true],
    ['foobot', '/example/allowed.gif', true],
    ['foobot', '/example/other.html', false],
    ['foobot', '/', false],
    ['FooBot', '/anything', false],
    ['barbot', '/example/page.html', false],
    ['bazbot', '/example/page.html', false],
    ['barbot', '/example/other.html', true],
    ['barbot', '/a.gif', true],
    ['quxbot', '/example/page.html', true],
    ['quxbot', '/a.gif', true],
    ['otherbot', '/a.gif', false],
    ['otherbot', '/dir/b.gif', false],
    ['otherbot', '/a.gif?x=1', true],
    ['otherbot', '/example/', false],
    ['otherbot', '/example/page.html', false],
    ['otherbot', '/publications/', true],
    ['otherbot', '/news/1.html', true],
    ['otherbot', '/robots.txt', true],
  ];
  for (const [agent, path, allowed] of cases) {
    it(`${agent} ${path} -> ${allowed ? 'allow' : 'disallow'}`, () => expect(robots.isAllowed(path, agent)).toBe(allowed));
  }
});

describe('parseRobots: matching rules', () => {
  const cases: { name: string; robots: string; path: string; allowed: boolean }[] = [
    // RFC 9309 §5.2: longest match
    { name: 'longest match: allow dir', robots: 'User-agent: *\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif', path: '/example/page/', allowed: true },
    { name: 'longest match: disallow file', robots: 'User-agent: *\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif', path: '/example/page/disallowed.gif', allowed: false },
    { name: 'longer disallow beats allow', robots: 'User-agent: *\nAllow: /page\nDisallow: /*.html', path: '/page.html', allowed: false },
    { name: 'longer allow beats disallow', robots: 'User-agent: *\nAllow: /p\nDisallow: /', path: '/page', allowed: true },
    { name: 'allow wins a tie', robots: 'User-agent: *\nAllow: /folder\nDisallow: /folder', path: '/folder/page', allowed: true },
    { name: '$ anchors: root allowed', robots: 'User-agent: *\nAllow: /$\nDisallow: /', path: '/', allowed: true },
    { name: '$ anchors: below root disallowed', robots: 'User-agent: *\nAllow: /$\nDisallow: /', path: '/page.htm', allowed: false },
    { name: 'prefix match', robots: 'User-agent: *\nDisallow: /fish', path: '/fishheads/yummy.html', allowed: false },
    { name: 'match is case-sensitive', robots: 'User-agent: *\nDisallow: /fish', path: '/Fish.asp', allowed: true },
    { name: '* in the middle', robots: 'User-agent: *\nDisallow: /fish*.php', path: '/fishheads/catfish.php?parameters', allowed: false },
    { name: '*.php$ does not match a query', robots: 'User-agent: *\nDisallow: /*.php$', path: '/filename.php?parameters', allowed: true },
    { name: '*.php$ matches in a folder', robots: 'User-agent: *\nDisallow: /*.php$', path: '/folder/filename.php', allowed: false },
    { name: 'query strings are matched', robots: 'User-agent: *\nDisallow: /search?q=', path: '/search?q=x', allowed: false },
    { name: 'empty Disallow allows all', robots: 'User-agent: *\nDisallow:', path: '/anything', allowed: true },
    { name: 'no groups allow all', robots: '# nothing here', path: '/anything', allowed: true },
    { name: 'rules before any user-agent are ignored', robots: 'Disallow: /\nUser-agent: *\nAllow: /x', path: '/y', allowed: true },
    { name: 'percent-encoded UTF-8 matches the raw pattern', robots: 'User-agent: *\nDisallow: /foo/bar/ツ', path: '/foo/bar/%E3%83%84', allowed: false },
    { name: 'raw UTF-8 path matches the encoded pattern', robots: 'User-agent: *\nDisallow: /foo/bar/%E3%83%84', path: '/foo/bar/ツ', allowed: false },
    { name: 'encoded unreserved octets are decoded', robots: 'User-agent: *\nDisallow: /foo/bar/%62%61%7A', path: '/foo/bar/baz', allowed: false },
    { name: 'raw <> in a pattern meet the encoded URL path', robots: 'User-agent: *\nDisallow: /a<b>', path: 'http://example.com/a<b>/c', allowed: false },
    { name: 'hex case does not matter', robots: 'User-agent: *\nDisallow: /a%2fb', path: '/a%2Fb', allowed: false },
    { name: 'encoded slash is not a slash', robots: 'User-agent: *\nDisallow: /a/b', path: '/a%2Fb', allowed: true },
    { name: 'Chinese path (GBK sites link UTF-8 paths too)', robots: 'User-agent: *\nDisallow: /新闻/', path: '/%E6%96%B0%E9%97%BB/1.html', allowed: false },
    { name: 'comments, CRLF, BOM, key case and spacing', robots: '\uFEFFUSER-AGENT : * # all\r\nDISALLOW : /private # secret\r\n', path: '/private/x', allowed: false },
    { name: 'misspelt disallow accepted', robots: 'User-agent: *\nDissallow: /x', path: '/x', allowed: false },
    { name: 'named group replaces *', robots: 'User-agent: *\nDisallow: /\n\nUser-agent: newsharvest\nDisallow: /private', path: '/news', allowed: true },
    { name: 'named group is case-insensitive and version-tolerant', robots: 'User-agent: *\nAllow: /\n\nUser-agent: NewsHarvest/2.0\nDisallow: /', path: '/news', allowed: false },
    { name: 'groups for one agent are merged', robots: 'User-agent: newsharvest\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\nUser-agent: newsharvest\nDisallow: /b', path: '/b/1', allowed: false },
    { name: 'sitemap line does not end a group', robots: 'User-agent: *\nSitemap: /s.xml\nDisallow: /x', path: '/x', allowed: false },
    { name: 'absolute URL is reduced to path and query', robots: 'User-agent: *\nDisallow: /x?', path: 'http://example.com/x?a=1', allowed: false },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.path} -> ${c.allowed ? 'allow' : 'disallow'}`, () => {
      expect(parseRobots(c.robots).isAllowed(c.path)).toBe(c.allowed);
    });
  }

  it('Crawl-delay of the applicable group, in ms', () => {
    const robots = parseRobots('User-agent: *\nCrawl-delay: 2.5\n\nUser-agent: newsharvest\nCrawl-delay: 10\nDisallow: /x');
    expect(robots.crawlDelayMs()).toBe(10_000);
    expect(robots.crawlDelayMs('otherbot')).toBe(2_500);
    expect(parseRobots('User-agent: *\nCrawl-delay: soon').crawlDelayMs()).toBeNull();
    expect(parseRobots('User-agent: *\nDisallow: /').crawlDelayMs()).toBeNull();
  });

  it('Sitemap lines, absolute and relative, outside groups', () => {
    const robots = parseRobots(
      'Sitemap: http://example.com/sitemap.xml\nUser-agent: *\nDisallow: /x\nsitemap: /news.xml\nSitemap: http://[bad',
      'http://example.com/robots.txt',
    );
    expect(robots.sitemaps).toEqual(['http://example.com/sitemap.xml', 'http://example.com/news.xml']);
  });
});

describe('normalisePath and patternMatches', () => {
  it.each([
    ['/a b', '/a%20b'],
    ['/%7euser', '/~user'],
    ['/%3f', '/%3F'],
    ['/ツ', '/%E3%83%84'],
    ['/50%', '/50%'],
  ])('normalisePath(%s) = %s', (input, output) => expect(normalisePath(input)).toBe(output));

  it('many wildcards stay fast', () => {
    const pattern = `/${'*a'.repeat(30)}b`;
    const path = `/${'a'.repeat(5000)}`;
    const started = performance.now();
    expect(patternMatches(pattern, path)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('RobotsCache against a real server', () => {
  let server: TestServer;
  let agent: Agent;
  const hits = new Map<string, number>();
  const routes = new Map<string, (n: number) => { status: number; body?: string | Buffer; headers?: Record<string, string> }>([
    ['/robots.txt', () => ({ status: 200, body: 'User-agent: *\nDisallow: /private\nCrawl-delay: 3\nSitemap: /sitemap.xml' })],
  ]);

  beforeAll(async () => {
    agent = new Agent({ connections: 4 });
    server = await startServer((req, res) => {
      const key = `${req.headers['x-site'] ?? ''}${req.url}`;
      const n = (hits.get(key) ?? 0) + 1;
      hits.set(key, n);
      // All tests share one origin; each test's cache sends its own X-Site header to pick its routes.
      const route = routes.get(`${req.headers['x-site'] ?? ''}${req.url}`) ?? routes.get(req.url ?? '');
      if (!route) {
        res.writeHead(404);
        res.end();
        return;
      }
      const { status, body, headers } = route(n);
      res.writeHead(status, headers);
      res.end(body);
    });
  });

  afterAll(async () => {
    await agent?.destroy();
    await server?.close();
  });

  function cacheFor(site: string) {
    return new RobotsCache({
      fetchOptions: { dispatcher: agent, sleep: async () => {}, headers: { 'x-site': site } },
    });
  }

  it('2xx: parses, answers isAllowed, crawl-delay and sitemaps, fetches once per origin', async () => {
    const robots = cacheFor('');
    const [a, b] = await Promise.all([robots.isAllowed(server.url('/news/1.html')), robots.isAllowed(server.url('/private/x'))]);
    expect([a, b]).toEqual([true, false]);
    expect(await robots.crawlDelayMs(server.origin)).toBe(3000);
    expect(await robots.sitemaps(server.origin)).toEqual([server.url('/sitemap.xml')]);
    expect(await robots.isAllowed(server.url('/robots.txt'))).toBe(true);
    const entry = await robots.entry(server.origin);
    expect(entry).toMatchObject({ status: 'parsed', reason: null, httpStatus: 200 });
    expect(hits.get('/robots.txt')).toBe(1);
  });

  const statusCases: [string, number, 'allow-all' | 'disallow-all', boolean][] = [
    ['s404', 404, 'allow-all', true],
    ['s410', 410, 'allow-all', true],
    ['s403', 403, 'allow-all', true],
    ['s500', 500, 'disallow-all', false],
    ['s503', 503, 'disallow-all', false],
    ['s429', 429, 'disallow-all', false],
  ];
  for (const [site, status, outcome, allowed] of statusCases) {
    it(`${status} -> ${outcome}`, async () => {
      routes.set(`${site}/robots.txt`, () => ({ status, body: 'User-agent: *\nDisallow: /' }));
      const robots = cacheFor(site);
      expect(await robots.isAllowed(server.url('/news/1.html'))).toBe(allowed);
      expect(await robots.entry(server.origin)).toMatchObject({ status: outcome, reason: `http-${status}`, httpStatus: status });
    });
  }

  it('a 5xx that recovers within the retries is parsed', async () => {
    let calls = 0;
    routes.set('flaky/robots.txt', () => {
      calls++;
      return calls === 1 ? { status: 503 } : { status: 200, body: 'User-agent: *\nDisallow: /x' };
    });
    const robots = cacheFor('flaky');
    expect(await robots.isAllowed(server.url('/x'))).toBe(false);
    expect(await robots.isAllowed(server.url('/y'))).toBe(true);
    expect(calls).toBe(2);
  });

  it('matches groups by the product token of a custom user agent', async () => {
    routes.set('ua/robots.txt', () => ({ status: 200, body: 'User-agent: *\nAllow: /\n\nUser-agent: mybot\nDisallow: /' }));
    const custom = new RobotsCache({
      fetchOptions: { dispatcher: agent, headers: { 'x-site': 'ua' }, userAgent: 'MyBot/1.0 (+mailto:a@b.c)' },
    });
    expect(await custom.isAllowed(server.url('/news'))).toBe(false);
    expect(await cacheFor('ua').isAllowed(server.url('/news'))).toBe(true);
    expect(productToken('newsharvest/0.1.0 (+https://github.com/newsharvest/newsharvest)')).toBe('newsharvest');
  });

  it('unreachable host -> disallow all, reason recorded', async () => {
    const port = await closedPort();
    const robots = new RobotsCache({ fetchOptions: { dispatcher: agent, sleep: async () => {} } });
    expect(await robots.isAllowed(`http://127.0.0.1:${port}/news/1.html`)).toBe(false);
    expect(await robots.entry(`http://127.0.0.1:${port}/`)).toMatchObject({ status: 'disallow-all', reason: 'connect-refused' });
  });

  it('follows redirects to the real file', async () => {
    routes.set('moved/robots.txt', () => ({ status: 301, headers: { location: '/robots-real.txt' } }));
    routes.set('moved/robots-real.txt', () => ({ status: 200, body: 'User-agent: *\nDisallow: /moved-away' }));
    const robots = cacheFor('moved');
    expect(await robots.isAllowed(server.url('/moved-away/1'))).toBe(false);
  });

  it('more than 5 redirects -> unavailable, allow all', async () => {
    for (let i = 0; i < 8; i++) routes.set(`hops/r${i}`, () => ({ status: 302, headers: { location: `/r${i + 1}` } }));
    routes.set('hops/robots.txt', () => ({ status: 302, headers: { location: '/r0' } }));
    const robots = cacheFor('hops');
    expect(await robots.isAllowed(server.url('/anything'))).toBe(true);
    expect(await robots.entry(server.origin)).toMatchObject({ status: 'allow-all', reason: 'too-many-redirects' });
  });

  it(`ignores content past ${ROBOTS_MAX_BYTES} bytes`, async () => {
    const padding = `# ${'x'.repeat(1000)}\n`.repeat(Math.ceil(ROBOTS_MAX_BYTES / 1000));
    routes.set('huge/robots.txt', () => ({ status: 200, body: `User-agent: *\nDisallow: /early\n${padding}Disallow: /late\n` }));
    const robots = cacheFor('huge');
    expect(await robots.isAllowed(server.url('/early'))).toBe(false);
    expect(await robots.isAllowed(server.url('/late'))).toBe(true);
  });
});

