import { describe, expect, it } from 'vitest';
import { analyzePage } from '../../src/crawl/analyze.js';
import { classifyPage, UrlClassifier } from '../../src/crawl/classify.js';
import { isStorySlug } from '../../src/crawl/crawl.js';
import { discoverLinks, isNeverFollow } from '../../src/crawl/links.js';
import {
  continuationLinks,
  continuationNumber,
  firstPageOf,
  joinPages,
  numberedFirstPageOf,
  pagerContinuationCandidates,
} from '../../src/crawl/pages.js';
import { decodeHtml } from '../../src/decode/index.js';
import { parseHtml } from '../../src/extract/dom.js';
import { extract } from '../../src/extract/index.js';
import { buildDemoPortal } from '../../src/scripts/build-demo-portal.js';

const ORIGIN = 'http://portal.example.cn';
const portal = buildDemoPortal();

function pageOf(path: string) {
  const file = portal.files.get(path);
  if (!file) throw new Error(`no ${path} in the demo portal`);
  const url = `${ORIGIN}${path}`;
  const doc = parseHtml(decodeHtml(file.body, file.contentType).text);
  const links = discoverLinks(doc, url);
  const article = extract(file.body, { url, contentType: file.contentType, now: new Date('2026-11-27T00:00:00Z') });
  return { url, links, article };
}

describe('discoverLinks on shell pages', () => {
  const linksOf = (html: string, url = 'http://a.cn/') => discoverLinks(parseHtml(html), url).map((l) => [l.url, l.role]);

  it('follows a meta refresh and frames, as navigation', () => {
    expect(linksOf('<html><head><meta http-equiv="Refresh" content="0; URL=/portal/index.html"></head><body></body></html>')).toEqual([
      ['http://a.cn/portal/index.html', 'nav'],
    ]);
    expect(linksOf("<meta http-equiv='refresh' content=\"3;url='http://a.cn/news/'\">")).toEqual([['http://a.cn/news/', 'nav']]);
    expect(
      linksOf('<frameset rows="80,*"><frame src="top.html"><frame src="/main/index.htm"></frameset>', 'http://a.cn/site/'),
    ).toEqual([
      ['http://a.cn/site/top.html', 'nav'],
      ['http://a.cn/main/index.htm', 'nav'],
    ]);
    // A reload of the page itself, or a refresh without a URL, leads nowhere.
    expect(linksOf('<meta http-equiv="refresh" content="300">')).toEqual([]);
    expect(linksOf('<meta http-equiv="refresh" content="0;url=/">')).toEqual([]);
  });

  it('reads script redirects and iframes only where the page has next to no links of its own', () => {
    const shell = `<html><head><script>window.location.href = "/portal/";</script></head><body>
      <iframe src="/home.html"></iframe><a href="/about.html">关于我们</a></body></html>`;
    expect(linksOf(shell).map(([url]) => url).sort()).toEqual(['http://a.cn/about.html', 'http://a.cn/home.html', 'http://a.cn/portal/']);
    expect(linksOf('<script>if (mobile) location.replace("http://m.a.cn/");</script>')).toEqual([['http://m.a.cn/', 'nav']]);
    const page = `<html><body><script>function go(){ location.href = '/login.html'; }</script><iframe src="/ad/banner.html"></iframe>
      ${[1, 2, 3, 4, 5, 6].map((n) => `<li><a href="/news/show-${n}.html">新闻标题第${n}条</a></li>`).join('')}</body></html>`;
    expect(linksOf(page).map(([url]) => url)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `http://a.cn/news/show-${n}.html`));
  });
});

describe('discoverLinks', () => {
  const home = pageOf('/');
  const urls = home.links.map((l) => l.url);

  it('finds sections, articles and the feed', () => {
    expect(urls).toContain(`${ORIGIN}/news/`);
    expect(urls).toContain(`${ORIGIN}/industry/`);
    expect(home.links.find((l) => l.url === `${ORIGIN}/rss.xml`)?.role).toBe('feed');
    const first = portal.articles.find((a) => a.cms === 'destoon' && a.path !== '/news/show-101.html')!;
    expect(urls).toContain(`${ORIGIN}${first.path}`);
  });

  it('leaves out WordPress searches but follows ThinkPHP routes', () => {
    const html = '<ul><li><a href="/?s=%E6%B0%A2%E8%83%BD">氢能</a></li><li><a href="/index.php?s=/home/article/detail/id/12.html">文章</a></li></ul>';
    expect(discoverLinks(parseHtml(html), `${ORIGIN}/`).map((l) => l.url)).toEqual([`${ORIGIN}/index.php?s=/home/article/detail/id/12.html`]);
  });

  it('leaves out hot-search, search, login, javascript and fragment-only duplicates', () => {
    expect(urls.some((u) => /search\.php|kw=/.test(u))).toBe(false);
    expect(urls.some((u) => /login|register/.test(u))).toBe(false);
    expect(urls.some((u) => u.startsWith('javascript'))).toBe(false);
    expect(urls.filter((u) => u.startsWith(`${ORIGIN}/about.html`))).toEqual([`${ORIGIN}/about.html`]);
  });

  it('marks nav links and the next-page link of a list', () => {
    expect(home.links.find((l) => l.url === `${ORIGIN}/news/`)?.role).toBe('nav');
    const list = pageOf('/industry/');
    expect(list.links.find((l) => l.url === `${ORIGIN}/industry/list_3_2.html`)?.role).toBe('next-page');
    const company = pageOf('/company/');
    expect(company.links.find((l) => l.url === `${ORIGIN}/company/?page=2`)?.role).toBe('next-page');
  });

  it('drops tag, print and comment links from an article', () => {
    const article = pageOf(portal.articles.find((a) => a.cms === 'destoon')!.path);
    const found = article.links.map((l) => l.url);
    expect(found.some((u) => /\/tag\/|print\.php|comment/.test(u))).toBe(false);
  });

  it.each([
    ['http://a.cn/search.php?kw=x', true],
    ['http://a.cn/plus/search.php?q=x', true],
    ['http://a.cn/tag/%E6%B0%A2.html', true],
    ['http://a.cn/tags.php?/x/', true],
    ['http://a.cn/index.php?m=content&c=tag&a=lists&tag=x', true],
    ['http://a.cn/member/login.php', true],
    ['http://a.cn/e/search/index.php', true],
    ['http://a.cn/print.php?itemid=3', true],
    ['http://a.cn/file/a.pdf', true],
    ['http://a.cn/zwgk/P020240410123893.wps', true],
    ['http://a.cn/zwgk/P020240410123894.ofd', true],
    ['http://a.cn/about/liuyan.asp?action=write', true],
    ['http://a.cn/gbook.php', true],
    ['http://a.cn/MessageBoard.aspx', true],
    ['http://a.cn/news/show-3.html', false],
    ['http://a.cn/news/list-2.html', false],
    ['http://a.cn/html/2022/policy_0301/301.html', false],
  ])('isNeverFollow(%s) = %s', (url, expected) => {
    expect(isNeverFollow(url)).toBe(expected);
  });
});

describe('classify', () => {
  const classifier = new UrlClassifier();

  it.each([
    ['http://a.cn/news/show-123.html', 'article'],
    ['http://a.cn/2022/0227/123.html', 'article'],
    ['http://a.cn/a/123.html', 'article'],
    ['http://a.cn/content_123.htm', 'article'],
    ['http://a.cn/view.php?id=123', 'article'],
    ['http://a.cn/news/list-2.html', 'list'],
    ['http://a.cn/industry/list_12_3.html', 'list'],
    ['http://a.cn/policy/index_2.html', 'list'],
    ['http://a.cn/company/?page=2', 'list'],
    ['http://a.cn/about.html', null],
    ['http://a.cn/index.php?m=content&c=index&a=show&catid=6&id=12', 'article'],
    ['http://a.cn/index.php?m=content&c=index&a=lists&catid=6', 'list'],
    ['http://a.cn/e/action/ShowInfo.php?classid=2&id=20', 'article'],
    ['http://a.cn/e/action/ListInfo/?classid=2', 'list'],
    ['http://a.cn/hydt/detail.jsp?id=88&catid=2', 'article'],
    ['http://a.cn/hydt/list.jsp?catid=2&pageNo=2', 'list'],
    ['http://a.gov.cn/art/2023/4/12/art_1229_5678.html', 'article'],
    ['http://a.gov.cn/col/col1229/index.html', 'list'],
    ['http://a.cn/index.php?option=com_content&view=article&id=12:office-hours&catid=8&Itemid=101', 'article'],
    ['http://a.cn/index.php?option=com_content&view=category&id=8&Itemid=101', 'list'],
    ['http://a.cn/index.php/news?start=10', 'list'],
    ['http://a.cn/node/123', 'article'],
  ])('URL hint %s → %s', (url, kind) => {
    expect(classifier.hint(url)).toBe(kind);
  });

  it('follows a profile URL pattern first', () => {
    const byProfile = new UrlClassifier({ name: 'x', urls: { article: ['/story/\\d+$'], list: ['/section/'] } });
    expect(byProfile.hint('http://a.cn/story/12')).toBe('article');
    expect(byProfile.hint('http://a.cn/section/economy')).toBe('list');
  });

  it('recognises the demo portal pages by their content', () => {
    for (const expected of portal.articles.slice(0, 12)) {
      const page = pageOf(expected.path);
      expect(classifyPage(page, classifier), expected.path).toBe('article');
    }
    for (const path of ['/news/', '/news/list-2.html', '/industry/', '/policy/', '/company/', '/company/?page=2']) {
      expect(classifyPage(pageOf(path), classifier), path).toBe('list');
    }
    expect(classifyPage(pageOf('/about.html'), classifier)).toBe('other');
  });

  /** A page of one headline and `paragraphs` paragraphs of company prose, with an optional date line. */
  function sitePage(path: string, title: string, paragraphs: number, date: string | null) {
    const url = `${ORIGIN}${path}`;
    const prose = '华北商讯网成立于二〇〇八年，是一家面向区域企业的商业资讯服务平台，致力于传播商业资讯、服务会员企业，为读者提供产业经济、政策法规与企业动态等方面的报道。';
    const html = `<html><head><title>${title}_华北商讯网</title></head><body>
      <div class="nav"><a href="/">首页</a><a href="/news/">新闻资讯</a><a href="/about.html">关于我们</a></div>
      <div class="main"><h1>${title}</h1>${date ? `<div class="info">发布时间：${date}</div>` : ''}
      <div class="content">${`<p>${prose}</p>`.repeat(paragraphs)}</div></div>
      <div class="footer"><a href="/about.html">关于我们</a> | <a href="/contact.html">联系方式</a></div></body></html>`;
    const bytes = Buffer.from(html);
    const doc = parseHtml(html);
    const article = extract(bytes, { url, now: new Date('2026-11-27T00:00:00Z') });
    return { url, links: discoverLinks(doc, url), article };
  }

  it('reads a dated photo story on an article URL as an article, though captions are not body', () => {
    const url = `${ORIGIN}/news/show-90.html`;
    const photos = [1, 2, 3]
      .map((n) => `<p align="center"><img src="/file/upload/202202/27/p${n}.jpg"></p><p align="center">开发区项目集中开工现场第${n}组（记者 史晓波 摄）</p>`)
      .join('');
    const html = `<html><head><title>组图：全省开发区项目集中开工_华北商讯网</title></head><body>
      <div class="main"><h1>组图：全省开发区项目集中开工</h1><div class="info">发布时间：2022-02-27 10:05 来源：山西日报</div>
      <div id="article">${photos}</div></div></body></html>`;
    const article = extract(Buffer.from(html), { url, now: new Date('2026-11-27T00:00:00Z') });
    expect(article.images.length).toBeGreaterThan(0);
    expect(classifyPage({ url, links: discoverLinks(parseHtml(html), url), article }, classifier)).toBe('article');
    // The same page on a URL that is not article-shaped stays out: it could be a gallery index.
    const elsewhere = `${ORIGIN}/photo/`;
    expect(classifyPage({ url: elsewhere, links: [], article: { ...article, url: elsewhere } }, classifier)).not.toBe('article');
  });

  it('reads a special-topic index as a hub and an undated introduction of the site as a page of the site', () => {
    const topic = sitePage('/zhuanti/lianghui/', '聚焦全国两会：晋商代表委员建言献策', 2, '2024-03-05 09:00');
    const entries = Array.from({ length: 6 }, (_, i) => ({
      url: `${ORIGIN}/news/show-${200 + i}.html`,
      text: `晋商代表委员建言献策之${i + 1}：推动民营经济发展`,
      role: 'list-item' as const,
    }));
    expect(classifyPage({ ...topic, links: [...topic.links, ...entries] }, classifier)).toBe('list');
    expect(classifyPage({ ...topic, url: `${ORIGIN}/portal.php?mod=topic&topicid=3`, links: [...topic.links, ...entries] }, classifier)).toBe('list');
    expect(classifyPage({ ...topic, url: `${ORIGIN}/zt/2024myjj/`, links: [...topic.links, ...entries] }, classifier)).toBe('list');
    expect(classifyPage(sitePage('/about/zhangcheng.html', '浙江省湖南商会章程（2023年修订）', 20, null), classifier)).toBe('other');
    // An article inside a topic's folder has an article URL of its own.
    const inside = sitePage('/zhuanti/lianghui/205.html', '晋商代表委员建言献策：推动民营经济发展', 4, '2024-03-05 09:00');
    expect(classifyPage({ ...inside, links: [...inside.links, ...entries] }, classifier)).toBe('article');
    expect(classifyPage(sitePage('/page/intro.html', '宁波商讯网简介', 20, null), classifier)).toBe('other');
  });

  it('reads a topic page on an article-shaped URL as a hub by its headline, not a story about a topic', () => {
    const entries = Array.from({ length: 8 }, (_, i) => ({
      url: `${ORIGIN}/html/xwzx/2024/05${10 + i}/${120 + i}.html`,
      text: `宁波外贸新观察之${i + 1}：跨境电商产业园新入驻企业`,
      role: 'list-item' as const,
    }));
    for (const title of ['专题：2024宁波外贸新观察', '【专题】2024宁波外贸新观察', '2024全国两会专题']) {
      const topic = sitePage('/html/zhuanti/2024/0601/88.html', title, 1, '2024-06-01 08:00');
      expect(classifyPage({ ...topic, links: [...topic.links, ...entries] }, classifier)).toBe('list');
    }
    // The headline shown without its 专题 label, the <title> naming the column.
    const shown = sitePage('/html/zhuanti/2024/0601/88.html', '2024宁波外贸新观察', 1, '2024-06-01 08:00');
    const withColumn = { ...shown, links: [...shown.links, ...entries], titleTag: '2024宁波外贸新观察_专题_宁波商讯网' };
    expect(classifyPage(withColumn, classifier)).toBe('list');
    expect(classifyPage({ ...withColumn, titleTag: '2024宁波外贸新观察_新闻中心_宁波商讯网' }, classifier)).toBe('article');
    const story = sitePage('/html/xwzx/2024/0601/89.html', '市商务局召开外贸专题会议', 1, '2024-06-01 08:00');
    expect(classifyPage({ ...story, links: [...story.links, ...entries] }, classifier)).toBe('article');
    // A long text under a topic-like headline is a story.
    const long = sitePage('/html/zhuanti/2024/0601/90.html', '专题：2024宁波外贸新观察', 8, '2024-06-01 08:00');
    expect(classifyPage({ ...long, links: [...long.links, ...entries] }, classifier)).toBe('article');
  });

  it("keeps the site's own pages (about, advertising) out of the articles, dated or long", () => {
    // Four paragraphs (~300 characters) without a date: prose, but not news.
    expect(classifyPage(sitePage('/about.html', '本站简介', 4, null), classifier)).toBe('other');
    expect(classifyPage(sitePage('/page/ad.html', '广告服务', 4, '2022-02-27 10:05'), classifier)).toBe('other');
    expect(classifyPage(sitePage('/html/about/', '关于我们', 20, null), classifier)).toBe('other');
    // The same prose as a dated story, as an undated one on an article URL, or a long undated text.
    expect(classifyPage(sitePage('/about/intro.html', '华北商讯网举办会员企业交流会', 4, '2022-02-27 10:05'), classifier)).toBe('article');
    expect(classifyPage(sitePage('/news/show-88.html', '华北商讯网举办会员企业交流会', 4, null), classifier)).toBe('article');
    expect(classifyPage(sitePage('/page/story.html', '一位老晋商的回忆', 20, null), classifier)).toBe('article');
  });
});

describe('multi-page articles', () => {
  it('reads an ASP page parameter whatever its case, and no calendar as pages', () => {
    const article = 'http://a.cn/Article/ShowArticle.asp?ArticleID=44';
    expect(continuationNumber(article, `${article}&ArticlePage=2`)).toBe(2);
    expect(firstPageOf(`${article}&ArticlePage=2`)).toBe(article);
    const link = (url: string, role: 'pager' | 'content' | 'list-item') => ({ url, text: '', role });
    expect(continuationLinks(article, [link(`${article}&ArticlePage=2`, 'content')])).toEqual([`${article}&ArticlePage=2`]);
    // A blog's calendar beside a month page: day links that look like page numbers, from 4 on.
    const month = 'http://a.cn/zblog/date-2023-5.html';
    const days = [4, 8, 11].map((d) => link(`http://a.cn/zblog/date-2023-5-${d}.html`, 'list-item'));
    expect(continuationLinks(month, days)).toEqual([]);
    // The same numbers in the article's own pager are its pages.
    expect(continuationLinks(month, days.map((d) => ({ ...d, role: 'pager' as const })))).toHaveLength(3);
  });

  it('pages a first page numbered 1 after its id (Discuz! article-90-1.html → article-90-2.html)', () => {
    const first = 'http://a.cn/bbs/article-90-1.html';
    expect(continuationNumber(first, 'http://a.cn/bbs/article-90-2.html')).toBe(2);
    expect(continuationNumber(first, 'http://a.cn/bbs/article-91-1.html')).toBeNull();
    expect(numberedFirstPageOf('http://a.cn/bbs/article-90-2.html')).toBe(first);
    expect(numberedFirstPageOf(first)).toBeNull();
    // The same article read at portal.php?mod=view&aid=90: its pager's rewritten pages are candidates only.
    const pager = [2, 3].map((n) => ({ url: `http://a.cn/bbs/article-90-${n}.html`, text: String(n), role: 'pager' as const }));
    expect(pagerContinuationCandidates('http://a.cn/bbs/portal.php?mod=view&aid=90', pager)).toEqual(pager.map((l) => l.url));
    expect(pagerContinuationCandidates('http://a.cn/bbs/portal.php?mod=view&aid=90', pager.slice(1))).toEqual([]);
  });

  it('recognises continuation URLs', () => {
    expect(continuationNumber('http://a.cn/news/show-103.html', 'http://a.cn/news/show-103-2.html')).toBe(2);
    expect(continuationNumber('http://a.cn/2022/0301/205.html', 'http://a.cn/2022/0301/205_3.html')).toBe(3);
    expect(continuationNumber('http://a.cn/news/show-103.html', 'http://a.cn/news/show-104.html')).toBeNull();
    expect(continuationNumber('http://a.cn/news/show-103.html', 'http://b.cn/news/show-103-2.html')).toBeNull();
    expect(firstPageOf('http://a.cn/2022/0301/205_2.html')).toBe('http://a.cn/2022/0301/205.html');
    expect(firstPageOf('http://a.cn/2022/0301/205.html')).toBeNull();
  });

  it('recognises Discuz! &page=N and WordPress /slug/N/ continuations, and only those', () => {
    const discuz = 'http://a.cn/portal.php?mod=view&aid=105';
    expect(continuationNumber(discuz, 'http://a.cn/portal.php?mod=view&aid=105&page=2')).toBe(2);
    expect(continuationNumber(discuz, 'http://a.cn/portal.php?page=3&aid=105&mod=view')).toBe(3);
    expect(continuationNumber(discuz, 'http://a.cn/portal.php?mod=view&aid=106&page=2')).toBeNull();
    expect(continuationNumber(discuz, 'http://a.cn/portal.php?mod=list&catid=2&page=2')).toBeNull();
    expect(firstPageOf('http://a.cn/portal.php?mod=view&aid=105&page=2')).toBe(discuz);
    const post = 'http://a.cn/2024/05/10/new-energy-expo/';
    expect(continuationNumber(post, 'http://a.cn/2024/05/10/new-energy-expo/2/')).toBe(2);
    expect(continuationNumber(post, 'http://a.cn/2024/05/10/other-post/2/')).toBeNull();
    expect(continuationNumber(post, 'http://a.cn/2024/05/10/')).toBeNull();
    expect(firstPageOf('http://a.cn/2024/05/10/new-energy-expo/2/')).toBe(post);
  });

  it('reads TRS second pages (_1) and JSP pageNo as continuations, but not a TRS list page', () => {
    const trs = 'http://a.cn/zwgk/tzgg/202405/t20240510_2202.shtml';
    expect(continuationNumber(trs, 'http://a.cn/zwgk/tzgg/202405/t20240510_2202_1.shtml')).toBe(2);
    expect(firstPageOf('http://a.cn/zwgk/tzgg/202405/t20240510_2202_1.shtml')).toBe(trs);
    expect(firstPageOf('http://a.cn/zwgk/tzgg/index_1.shtml')).toBeNull();
    expect(continuationNumber('http://a.cn/news/detail.jsp?id=83&catid=2', 'http://a.cn/news/detail.jsp?id=83&catid=2&pageNo=2')).toBe(2);
  });

  it('follows the pages of a jump box, not other select boxes', () => {
    const html = `<div class="page"><select onchange="location.href=this.value"><option value="list.jsp?catid=2&amp;pageNo=1">第1页</option>
      <option value="list.jsp?catid=2&amp;pageNo=2">第2页</option><option value="list.jsp?catid=2&amp;pageNo=3">3</option></select>
      <select name="city"><option value="12">太原</option><option value="2">2</option></select></div>`;
    const found = discoverLinks(parseHtml(html), 'http://a.cn/hydt/list.jsp?catid=2&pageNo=1');
    expect(found.filter((l) => l.role === 'pager').map((l) => l.url)).toEqual([
      'http://a.cn/hydt/list.jsp?catid=2&pageNo=2',
      'http://a.cn/hydt/list.jsp?catid=2&pageNo=3',
    ]);
  });

  it('follows the pager a TRS script writes', () => {
    const html = '<div class="page"><script>createPageHTML(3, 0, "index", "shtml");</script></div>';
    const found = discoverLinks(parseHtml(html), 'http://a.cn/zwgk/tzgg/index.shtml');
    expect(found.filter((l) => l.role === 'pager').map((l) => l.url)).toEqual([
      'http://a.cn/zwgk/tzgg/index_1.shtml',
      'http://a.cn/zwgk/tzgg/index_2.shtml',
    ]);
  });

  it('finds the pages of the demo multi-page articles and joins them', () => {
    for (const expected of portal.articles.filter((a) => a.continuations.length > 0)) {
      const first = pageOf(expected.path);
      expect(continuationLinks(first.url, first.links)).toEqual(expected.continuations.map((p) => `${ORIGIN}${p}`));
      const second = pageOf(expected.continuations[0]!);
      const joined = joinPages(first.article, [second.article]);
      expect(joined.title).toBe(expected.title);
      expect(joined.body).toContain(expected.continuationText!);
      expect(joined.body).toContain((first.article.body ?? '').slice(0, 20));
    }
  });
});

describe('the pages of a Hanweb column', () => {
  const column = (jpage: string) => `<div id="4145035"><script type="text/xml"><datastore>
      <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&columnid=1229&unitid=4145035"></a>]]></nextgroup>
      <recordset><record><![CDATA[<li><a href="/art/2023/4/12/art_1229_5678.html">全省外贸稳中有进</a></li>]]></record></recordset>
      </datastore></script></div><script>$(document).ready(function(){ $('#4145035').jpage({ ${jpage} }); });</script>`;
  const pagers = (html: string, url: string) =>
    discoverLinks(parseHtml(html), url)
      .filter((l) => l.role === 'pager')
      .map((l) => l.url);

  it('are the uid/pageNum addresses of its datastore, as many as totalRecord and perPage make', () => {
    const html = column("totalRecord: 40, perPage: 15, proxyUrl: '/module/web/jpage/dataproxy.jsp'");
    expect(pagers(html, 'http://a.gov.cn/col/col1229/index.html')).toEqual([
      'http://a.gov.cn/col/col1229/index.html?uid=4145035&pageNum=2',
      'http://a.gov.cn/col/col1229/index.html?uid=4145035&pageNum=3',
    ]);
    // From page 2, the others (and not itself).
    expect(pagers(html, 'http://a.gov.cn/col/col1229/index.html?uid=4145035&pageNum=2')).toEqual([
      'http://a.gov.cn/col/col1229/index.html?uid=4145035&pageNum=3',
    ]);
  });

  it('are not guessed without a page count', () => {
    expect(pagers(column("proxyUrl: '/module/web/jpage/dataproxy.jsp'"), 'http://a.gov.cn/col/col1229/index.html')).toEqual([]);
  });
});

describe('blog archives and trade offers', () => {
  const classifier = new UrlClassifier();
  const at = (path: string, html: string) => {
    const url = `${ORIGIN}${path}`;
    const bytes = Buffer.from(html);
    return { url, links: discoverLinks(parseHtml(html), url), article: extract(bytes, { url, now: new Date('2026-11-27T00:00:00Z') }) };
  };
  const post = (id: number, title: string) => `<div class="post multi"><h4 class="post-date">2023年05月${10 + id}日</h4>
    <h2 class="post-title"><a href="/zblog/post/${id}.html">${title}</a></h2>
    <div class="post-body">2023年以来，${title}相关工作受到社会各界广泛关注，多家会员企业积极参与其中，预计可实现年产值十五亿元，新增就业岗位一千二百个。</div>
    <h6 class="post-footer">作者:admin | 分类:商会生活 | 阅读(${id}) | 评论:0</h6></div>`;
  const blog = (heading: string, bodyClass: string) => `<html><head><title>${heading} - 会员博客</title></head><body class="${bodyClass}">
    <div id="divMain">${heading ? `<div class="post istop"><h2 class="post-title">${heading}</h2></div>` : ''}
    ${post(122, '太原老陈醋的数字化车间见闻')}${post(120, '汾酒文化进社区：一家老字号的新故事')}${post(118, '民营企业ESG信息披露入门')}</div>
    <dl id="divTags"><dd><ul><li><a href="/zblog/tags-1.html">晋商文化</a></li><li><a href="/zblog/tags-2.html">商会活动</a></li></ul></dd></dl></body></html>`;

  it('reads tag, category, date and author pages of a blog as lists, and follows no tag page', () => {
    const tag = at('/zblog/tags-1.html', blog('标签：晋商文化', 'multi tag'));
    expect(tag.links.filter((l) => l.url.includes('/post/')).map((l) => [l.role, l.heading])).toEqual([
      ['content', true],
      ['content', true],
      ['content', true],
    ]);
    expect(tag.links.some((l) => l.url.includes('tags-'))).toBe(false);
    expect(classifyPage(tag, classifier)).toBe('list');
    expect(classifyPage(at('/zblog/date-2023-5.html', blog('2023年5月', 'multi date')), classifier)).toBe('list');
    expect(classifyPage(at('/zblog/category-1.html', blog('分类：企业家手记', 'multi category')), classifier)).toBe('list');
    // An author page has no heading of its own: the first entry's headline is taken for the title.
    const author = at('/zblog/author-1.html', blog('', 'multi author'));
    expect(classifyPage(author, classifier)).toBe('list');
  });

  it("reads a WordPress archive's entries: the post title in the article's own header, not the date link first", () => {
    const entry = (id: number, title: string) => `<article id="post-${id}" class="post type-post"><header class="entry-header">
      <div class="entry-meta"><a href="/blog/?p=${id}" rel="bookmark"><time datetime="2024-05-1${id % 10}">2024年5月1${id % 10}日</time></a></div>
      <h2 class="entry-title"><a href="/blog/?p=${id}">${title}</a></h2></header>
      <div class="entry-summary"><p>${title}相关工作受到社会各界广泛关注，多家会员企业积极参与其中。</p></div></article>`;
    const html = `<html><head><title>月份：2024年5月 – 秘书处博客</title></head><body><header id="masthead" class="site-header"><nav><a href="/blog/">首页</a></nav></header>
      <main><header class="page-header"><h1 class="page-title">月份：2024年5月</h1></header>
      ${entry(121, '商会青年企业家委员会举办数字经济沙龙')}${entry(122, '秘书处赴合肥走访会员企业')}${entry(123, '徽商大会筹备工作稳步推进')}</main></body></html>`;
    const page = at('/blog/?m=202405', html);
    expect(page.links.filter((l) => l.url.includes('?p=')).map((l) => [l.text, l.role, l.heading])).toEqual([
      ['商会青年企业家委员会举办数字经济沙龙', 'content', true],
      ['秘书处赴合肥走访会员企业', 'content', true],
      ['徽商大会筹备工作稳步推进', 'content', true],
    ]);
    expect(classifyPage(page, classifier)).toBe('list');
    expect(classifier.hint(`${ORIGIN}/blog/?m=202405`)).toBe('list');
    expect(classifier.hint(`${ORIGIN}/blog/?cat=3`)).toBe('list');
  });

  it("keeps a member directory's company profile out of the articles, not a story about a company", () => {
    const profile = (title: string, extra: string) => `<html><head><title>${title}_会员单位</title></head><body><div class="company">
      <h1>${title}</h1><div class="show_info">会员级别：理事单位 所在地区：马鞍山 更新时间：2023-05-05 09:00:00</div>
      <div class="cbox"><h3>公司简介</h3><p>安徽瑞丰茶业股份有限公司成立于1996年，注册资本5000万元，是一家集研发、生产、销售和服务于一体的茶业企业，现有员工228人，产品覆盖全国二十多个省市。</p></div>
      ${extra}</div></body></html>`;
    const contacts = '<table><tr><td>联系电话：</td><td>0551-63031676</td></tr><tr><td>公司地址：</td><td>马鞍山市经济技术开发区55号</td></tr></table>';
    const analyse = (path: string, html: string) =>
      analyzePage({ body: Buffer.from(html), url: `${ORIGIN}${path}`, contentType: 'text/html', fetchedAt: new Date(), now: new Date(), profile: null }).kind;
    expect(analyse('/members/205.html', profile('安徽瑞丰茶业股份有限公司', contacts))).toBe('other');
    // A story whose headline is no company name keeps its company box.
    expect(analyse('/news/2024-05-10/205.html', profile('瑞丰茶业祁门红茶出口东南亚', contacts))).toBe('article');
  });

  it("files a dated page whose only headline is the site's own name (a guestbook) as no article", () => {
    const posts = Array.from({ length: 6 }, (_, i) => `<div class="post"><p>留言人：会员${i + 1}　留言时间：2023-05-0${i + 1} 10:2${i}</p><p>请问今年的商会年会什么时候召开？希望能提前通知各会员单位做好准备，谢谢。</p></div>`).join('');
    const html = `<html><head><title>留言板_山西省商会</title></head><body><div class="logo"><h1>山西省商会</h1></div><div class="main">${posts}</div></body></html>`;
    const result = analyzePage({ body: Buffer.from(html), url: `${ORIGIN}/about/MsgList.asp`, contentType: 'text/html', fetchedAt: new Date(), now: new Date(), profile: null });
    expect(result.kind).toBe('other');
  });

  it("sends the query of a GBK page's links in GBK, as a browser does", async () => {
    const iconv = (await import('iconv-lite')).default;
    const html = '<html><head><meta charset="gbk"><title>行业新闻</title></head><body><ul><li><a href="ShowClass.asp?ClassName=行业新闻&amp;page=2">下一页</a></li><li><a href="/news/show.asp?id=12">晋商年会举行</a></li></ul></body></html>';
    const result = analyzePage({ body: iconv.encode(html, 'gbk'), url: `${ORIGIN}/ShowClass.asp?ClassName=%D0%D0%D2%B5%D0%C2%CE%C5`, contentType: 'text/html', fetchedAt: new Date(), now: new Date(), profile: null });
    expect(result.links.map((l) => l.url)).toContain(`${ORIGIN}/ShowClass.asp?ClassName=%D0%D0%D2%B5%D0%C2%CE%C5&page=2`);
  });

  it('reads a dated video story on an article URL as an article, though its text is a synopsis', () => {
    const related = Array.from({ length: 8 }, (_, i) => `<li><a href="/society/20240528/t20240528_1235${i}0.html">太原地铁2号线客流量创新高第${i + 1}期报道</a></li>`).join('');
    const page = (player: string) => `<html><head><title>视频｜平遥古城迎来研学旅游热_山西新闻网</title></head><body><div class="article">
      <h1 class="title">视频｜平遥古城迎来研学旅游热</h1><div class="info"><span class="time">2024-05-13 12:00:00</span> <span>来源：山西新闻网</span></div>
      ${player}<div class="intro"><h4>内容简介</h4><p>平遥古城近期迎来大批研学团队，学生们走进古城墙了解晋商文化。</p></div><div class="content" id="content"></div>
      <div class="related"><h3>相关新闻</h3><ul>${related}</ul></div></div></body></html>`;
    const analyse = (html: string) =>
      analyzePage({ body: Buffer.from(html), url: `${ORIGIN}/video/20240513/t20240513_123480.html`, contentType: 'text/html', fetchedAt: new Date(), now: new Date(), profile: null });
    const video = analyse(page('<div class="player"><video controls src="http://v.example.cn/123480.mp4"></video></div>'));
    expect(video.kind).toBe('article');
    expect(video.article.summary).toBe('平遥古城近期迎来大批研学团队，学生们走进古城墙了解晋商文化。');
    expect(analyse(page('')).kind).not.toBe('article');
  });

  it('keeps a B2B trade offer out of the articles, not a story with a price in it', () => {
    const spec = ['单价:', '起订:', '供货总量:', '发货期限:', '有效期至:']
      .map((label) => `<tr><td class="f_dblue">${label}</td><td>1000 吨</td></tr>`)
      .join('');
    const body = '<p>山西晋烨煤业集团有限公司常年供应优质动力煤，货源稳定，质量可靠，价格合理，欢迎新老客户来电咨询洽谈，量大从优，可送货上门。</p>'.repeat(2);
    const offer = `<html><head><title>山西优质动力煤 长期大量供应</title></head><body><table><tr><td>
      <h1 class="title_trade" id="title">山西优质动力煤 长期大量供应</h1><table>${spec}<tr><td>最后更新:</td><td>2022-03-01 09:12</td></tr></table>
      </td></tr></table><div id="content">${body}</div></body></html>`;
    const result = analyzePage({ body: Buffer.from(offer), url: `${ORIGIN}/sell/show-888.html`, contentType: 'text/html', fetchedAt: new Date(), now: new Date(), profile: null });
    expect(result.kind).toBe('other');
    const story = offer.replace(spec, '<tr><td>来源:</td><td>山西日报</td></tr>').replaceAll('title_trade', 'title');
    expect(analyzePage({ body: Buffer.from(story), url: `${ORIGIN}/news/show-888.html`, contentType: 'text/html', fetchedAt: new Date(), now: new Date(), profile: null }).kind).toBe('article');
  });
});

describe('attachments', () => {
  it('are not followed, whether the URL or only the link text names the file', () => {
    const html = `<div class="fj"><ul><li><a href="/xxgk/download.jsp?fileId=8812">2024年政府信息公开工作年度报告.pdf</a></li>
      <li><a href="/xxgk/show.jsp?id=88">2024年政府信息公开工作年度报告</a></li></ul></div>`;
    expect(discoverLinks(parseHtml(html), 'http://a.gov.cn/xxgk/').map((l) => l.url)).toEqual(['http://a.gov.cn/xxgk/show.jsp?id=88']);
  });
});

describe('site-wide link cache', () => {
  const links = (html: string, url: string) => discoverLinks(parseHtml(html), url).map((l) => l.url);

  it('resolves one root-relative href against each page its own origin, <base> included', () => {
    const html = '<ul><li><a href="/news/1.html">one</a></li></ul>';
    expect(links(html, 'http://a.example.cn/x.html')).toEqual(['http://a.example.cn/news/1.html']);
    expect(links(html, 'http://b.example.cn/x.html')).toEqual(['http://b.example.cn/news/1.html']);
    expect(links(`<head><base href="http://c.example.cn/"></head>${html}`, 'http://a.example.cn/x.html')).toEqual([
      'http://c.example.cn/news/1.html',
    ]);
    expect(links(html, 'http://a.example.cn/y.html')).toEqual(['http://a.example.cn/news/1.html']);
  });
});

describe('pagers written as script calls', () => {
  const pagers = (html: string, url: string) =>
    discoverLinks(parseHtml(html), url)
      .filter((l) => l.role === 'pager')
      .map((l) => l.url);

  it('follows href="javascript:goPage(n)" through the address the page function builds', () => {
    const html = `<script>function goPage(n){ if (n == 1) { location.href = 'list.html'; } else { location.href = 'list_' + n + '.html'; } }</script>
      <div class="pages"><a href="javascript:goPage(1)">首页</a> <a href="javascript:goPage(2)">2</a> <a href="javascript:goPage(3)">3</a>
      <a href="javascript:goPage(2)">下一页</a></div>`;
    expect(pagers(html, 'http://a.cn/xwzx/list.html')).toEqual(['http://a.cn/xwzx/list_2.html', 'http://a.cn/xwzx/list_3.html']);
  });

  it('reads onclick calls with quoted numbers and query-string addresses', () => {
    const html = `<script>var gotoPage = function (p) { window.location = "?page=" + p; };</script>
      <ul class="pagination"><li><a href="javascript:void(0)" onclick="gotoPage('2');return false;">2</a></li>
      <li><span onclick="gotoPage(4)">4</span></li></ul>`;
    expect(pagers(html, 'http://a.cn/news/index.php')).toEqual(['http://a.cn/news/index.php?page=2', 'http://a.cn/news/index.php?page=4']);
  });

  it('guesses nothing when the page function does not build an address from literal text', () => {
    const posted = `<div class="pager"><a href="javascript:__doPostBack('AspNetPager1','2')">2</a></div>`;
    expect(pagers(posted, 'http://a.cn/list.aspx')).toEqual([]);
    const variable = `<script>function goPage(n){ location.href = base + n; }</script><div class="pages"><a href="javascript:goPage(2)">2</a></div>`;
    expect(pagers(variable, 'http://a.cn/list.html')).toEqual([]);
    const message = `<script>function show(n){ alert("第" + n + "页"); }</script><div class="pages"><a href="javascript:show(2)">2</a></div>`;
    expect(pagers(message, 'http://a.cn/list.html')).toEqual([]);
    const undefinedHere = `<div class="pages"><a href="javascript:goPage(2)">2</a></div>`;
    expect(pagers(undefinedHere, 'http://a.cn/list.html')).toEqual([]);
  });

  it('ignores script calls outside a pager', () => {
    const html = `<script>function openWin(n){ window.open('detail_' + n + '.html'); }</script>
      <div class="news"><a href="javascript:openWin(12)">山西商会召开年会</a></div>`;
    expect(pagers(html, 'http://a.cn/list.html')).toEqual([]);
  });
});

describe('lists kept as script data', () => {
  it('reads the entries of a Hanweb datastore, not its data feed', () => {
    const html = `<div id="4145035"><script type="text/xml"><datastore>
      <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&columnid=1229&unitid=4145035"></a>]]></nextgroup>
      <recordset>
      <record><![CDATA[<li><a href="/art/2023/4/12/art_1229_5678.html" target="_blank" title="全省外贸稳中有进">全省外贸稳中有进</a><span>2023-04-12</span></li>]]></record>
      <record><![CDATA[<li><a href="http://a.gov.cn/art/2023/4/10/art_1229_5670.html" title="商务厅召开&amp;部署会"></a><span>2023-04-10</span></li>]]></record>
      </recordset></datastore></script></div>`;
    const found = discoverLinks(parseHtml(html), 'http://a.gov.cn/col/col1229/index.html');
    expect(found.filter((l) => l.role !== 'pager').map((l) => [l.url, l.text, l.role])).toEqual([
      ['http://a.gov.cn/art/2023/4/12/art_1229_5678.html', '全省外贸稳中有进', 'list-item'],
      ['http://a.gov.cn/art/2023/4/10/art_1229_5670.html', '商务厅召开&部署会', 'list-item'],
    ]);
  });
});

describe('canonical slugs and forum threads', () => {
  it.each([
    ['/news/2024/05/legal-service-duty-may', true],
    ['/news/14-office-hours-notice.html', true],
    ['/news/notice_2024', true],
    ['/news', false],
    ['/news.html', false],
    ['/about-us', false],
    ['/2024/05/20/', false],
  ])('a canonical path %s names a story: %s', (path, expected) => {
    expect(isStorySlug(path)).toBe(expected);
  });

  it('files forum threads as other, not articles', () => {
    const classifier = new UrlClassifier();
    const body = '<p>各位会员：商会定于5月20日组织赴浙江考察学习，请有意参加的会员企业于5月15日前报名，名额有限，先到先得。</p>'.repeat(3);
    for (const path of ['/bbs/forum.php?mod=viewthread&tid=5', '/bbs/thread-5-1-1.html', '/forum/viewtopic.php?t=12']) {
      const url = `${ORIGIN}${path}`;
      const html = `<html><head><title>考察报名通知 - 商会论坛</title></head><body><h1>考察报名通知</h1><div>发表于 2024-05-10 10:12</div>${body}</body></html>`;
      const page = { url, links: discoverLinks(parseHtml(html), url), article: extract(Buffer.from(html), { url, now: new Date('2026-11-27T00:00:00Z') }) };
      expect(classifyPage(page, classifier)).toBe('other');
    }
  });
});

describe('page wrappers around the main region', () => {
  it('reads entries inside <main> as content even when a page-wide wrapper is named like a top bar', () => {
    const url = `${ORIGIN}/index.php/news`;
    const html = `<html><body><div class="body" id="top"><header class="header"><nav><a href="/index.php">首页</a></nav></header>
      <main id="content" role="main"><div class="blog"><div class="items-leading">
      <div class="page-header"><h2><a href="/index.php/news/12-office-hours">商会办公时间调整通知</a></h2></div>
      <div class="page-header"><h2><a href="/index.php/news/13-spring-fair">春季展销会招商启动</a></h2></div></div></div></main>
      <footer class="footer"><a href="/index.php/about">关于我们</a></footer></div></body></html>`;
    const roles = Object.fromEntries(discoverLinks(parseHtml(html), url).map((l) => [new URL(l.url).pathname, l.role]));
    expect(roles['/index.php/news/12-office-hours']).toBe('content');
    expect(roles['/index.php/news/13-spring-fair']).toBe('content');
    expect(roles['/index.php']).toBe('nav');
    expect(roles['/index.php/about']).toBe('nav');
  });
});
