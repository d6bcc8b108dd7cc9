import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, loadProfile } from '../../../src/extract/index.js';
import { anchorGroups, firstFingerprint } from '../../../src/extract/profiles/builtin.js';
import { FOOTER, gbk, HEADER, lines, PARAGRAPHS, run, SIDEBAR } from '../body/pages.js';

const [P1, P2, P3] = PARAGRAPHS as [string, string, string];
const TITLE = '山西省开发区2022年第一次“三个一批”活动举行';

/** DESTOON 7.0 article/show.htm, header.htm and footer.htm as generated (cms-templates.md §1). */
const destoon = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>山西省开发区活动举行_晋商资讯_中国晋商俱乐部</title>
<meta name="generator" content="DESTOON B2B - www.destoon.com"/>
<script type="text/javascript" src="http://www.example.com/file/script/config.js"></script></head><body>
<form id="destoon_search" action="/news/search.php"><input name="kw" id="destoon_kw" type="text" value="请输入关键词"/></form>
${HEADER}
<div class="m m3"><div class="m3l">
<h1 class="title" id="title">山西省开发区2022年第一次“三个一批”活动举行</h1>
<div class="info"><span class="f_r"><img src="/skin/default/image/zoomin.gif" title="放大字体"/></span>日期：2022-02-27&nbsp;&nbsp;&nbsp;&nbsp;来源：山西日报&nbsp;&nbsp;&nbsp;&nbsp;浏览：<span id="hits">5595</span>&nbsp;&nbsp;&nbsp;&nbsp;</div>
<div class="introduce">核心提示：持续发力抓项目 奋楫当先促转型，全省开发区三个一批活动同步举行。</div>
<div id="content"><div class="content" id="article"><p><strong>持续发力抓项目</strong></p><p>${P1}</p>
<p style="text-align:center"><img src="/file/upload/202202/27/1.jpg"/></p><p style="text-align:center">项目培土奠基。山西日报记者 史晓波摄</p>
<p>${P2}</p><p>${P3}</p></div></div>
<div class="pages"><a href="show-12345-1.html">上一页</a> <strong>1</strong> <a href="show-12345-2.html">2</a> <a href="show-12345-2.html">下一页</a></div>
<div class="keytags"><strong>标签：</strong><a href="/tag/1">开发区</a></div>
<div class="head-txt"><span><a href="/news/">更多<i>&gt;</i></a></span><strong>同类晋商资讯</strong></div>
<div class="related"><ul><li><a href="/n/1.html">晋商年会在太原举行</a></li></ul></div>
</div>${SIDEBAR}</div>${FOOTER}</body></html>`;

/** DedeCMS 5.7 article_article.htm (GBK edition, cms-templates.md §2). */
const dedecms = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" /><title>开发区活动举行_晋商资讯</title></head>
<body class="articleview"><div class="header"><form name="formsearch" action="/plus/search.php"><input class="search-keyword" id="search-keyword" /></form>
<h4>热门标签:</h4><a href="/tags.php?/1/">开发区</a></div>
<div class="w960 center clear mt1"><div class="pleft">
<div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; <a href="/news/">晋商资讯</a> &gt;</div>
<div class="viewbox"><div class="title"><h2>山西省开发区2022年第一次“三个一批”活动举行</h2></div>
<div class="info"><small>时间:</small>2022-02-27 10:05<small>来源:</small>山西日报 <small>作者:</small>陈俊琦 <small>点击:</small>
<script src="/plus/count.php?view=yes&aid=12345&mid=1" type='text/javascript' language="javascript"></script> 次</div>
<div class="intro">持续发力抓项目 奋楫当先促转型，全省开发区三个一批活动同步举行。</div>
<div class="content"><table width='100%'><tr><td><p>${P1}</p><p>${P2}</p><p>${P3}</p>(责任编辑：王五)</td></tr></table></div>
<div class="dede_pages"><ul class="pagelist"><li><a>共2页:</a></li><li><a href="#">上一页</a></li><li class="thisclass"><a href="#">1</a></li><li><a href="12345_2.html">2</a></li><li><a href="12345_2.html">下一页</a></li></ul></div>
<div class="newdigg" id="newdigg"><div class="diggbox digg_good">顶一下</div><div class="diggbox digg_bad">踩一下</div></div>
<div class="boxoff"><strong>------分隔线----------------------------</strong></div>
<div class="handle"><div class="context"><ul><li>上一篇：<a href="/n/1.html">晋商年会在太原举行</a></li><li>下一篇：没有了</li></ul></div>
<div class="actbox"><ul><li id="act-fav"><a href="#">收藏</a></li><li id="act-err"><a href="#">挑错</a></li><li id="act-pnt"><a href="#">打印</a></li></ul></div></div>
</div></div><div class="pright"><div class="commend"><dl><dt><strong>推荐内容</strong></dt><dd><ul><li><a href="/n/2.html">综改区招商引资签约</a></li></ul></dd></dl></div></div></div>
<div class="footer w960 center mt1 clear"><p class="powered">Powered by <a href="http://www.dedecms.com" title="织梦内容管理系统"><strong>DedeCMS_V57_UTF8_SP2</strong></a> &copy; 2004-2011 <a href="http://www.desdev.cn/">DesDev</a> Inc.<br /><div class="copyright">Copyright &copy; 2002-2011 DEDECMS. 织梦科技 版权所有&nbsp;&nbsp;晋ICP备12000773号</div></p></div>
</body></html>`;

/** PHPCMS v9 content/show.html: the meta line inside the <h1> (cms-templates.md §3). */
const phpcms = `<html><head><meta charset="utf-8"><title>开发区活动举行 - 晋商资讯</title></head><body>
<div class="header"><div class="search"><div class="tab" id="search"><a href="#">新闻</a></div><form action="/index.php"><input type="hidden" name="m" value="search"/></form></div></div>
<div class="main"><div class="col-left"><div class="crumbs"><a href="/">首页</a><span> &gt; </span><a href="/list-1-1.html">晋商资讯</a> 正文</div>
<div id="Article"><h1>山西省开发区2022年第一次“三个一批”活动举行<br />
<span>2022-02-27 10:05:00&nbsp;&nbsp;&nbsp;来源：山西日报&nbsp;&nbsp;&nbsp;评论：<a href="#comment_iframe" id="comment">0</a> 点击：</span><span id="hits"></span></h1>
<div class="summary" >持续发力抓项目 奋楫当先促转型，全省开发区三个一批活动同步举行。</div>
<div class="content"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>
<div id="pages" class="text-c"></div>
<p style="margin-bottom:10px"><strong>相关热词搜索：</strong><a href="/index.php?m=content&c=tag&a=lists&tag=%E5%BC%80" class="blue">开发区</a></p>
<p class="f14"><strong>上一篇：</strong><a href="/show-1-1-1.html">晋商年会在太原举行</a><br /><strong>下一篇：</strong><a href="/show-1-3-1.html">晋商博物馆开馆</a></p>
<div class="related"><h5 class="blue">延伸阅读：</h5><ul class="list blue lh24 f14"><li><a href="/show-1-4-1.html">综改区招商引资签约</a></li></ul></div></div>
<div class="Article-Tool">分享到：<a href="#">新浪微博</a></div></div></div>
<div class="footer"><p class="info">Powered by <strong><a href="http://www.phpcms.cn" target="_blank">PHPCMS</a></strong> <em>V9</em></p></div>
<script language="JavaScript" src="/api.php?op=count&id=2&modelid=1"></script></body></html>`;

/** EmpireCMS 8.0 default news template (cms-templates.md §4). */
const empirecms = `<html><head><meta charset="gbk"><title>开发区活动举行</title></head><body class="showpage news">
<table class="position"><tr><td>您当前的位置：<a href="/">首页</a>&nbsp;>&nbsp;<a href="/news/">晋商资讯</a></td></tr></table>
<table class="box"><tr><td><table class="title_info"><tr><td><h1>山西省开发区2022年第一次“三个一批”活动举行</h1></td></tr>
<tr><td class="info_text">时间：2022-02-27 10:05&nbsp;&nbsp;来源：山西日报&nbsp;&nbsp;作者：陈俊琦</td></tr></table>
<table><tr><td id="text">${P1}<br /><br />${P2}<br /><br />${P3}
<p align="center" class="pageLink"></p></td></tr></table>
<table><tr><td class="diggnum" id="diggnum"><strong><script type="text/javascript" src="/e/public/ViewClick/?classid=2&id=12345&down=5"></script></strong></td>
<td class="diggit"><a href="JavaScript:makeRequest('/e/public/digg/?classid=2&id=12345&dotop=1&doajax=1&ajaxarea=diggnum','EchoReturnedText','GET','');">来顶一下</a></td></tr></table>
</td><td class="sider"><strong>推荐资讯</strong><ul><li><a href="/n/1.html">晋商年会在太原举行</a></li></ul><strong>相关文章</strong><ul><li><a href="/n/2.html">综改区招商引资签约</a></li></ul></td></tr></table>
<table class="copyright"><tr><td>Powered by <strong><a href="http://www.phome.net">EmpireCMS</a></strong> 8.0 © 2002-2025 EmpireSoft Inc.</td></tr></table></body></html>`;

describe('built-in CMS profiles', () => {
  it('every built-in profile validates', () => {
    expect(BUILTIN_PROFILES.map((profile) => profile.name)).toEqual(['destoon', 'dedecms', 'phpcms', 'empirecms']);
  });

  it('DESTOON: recognised by generator/config.js, body from div#article, summary and paging left out', () => {
    const a = run(destoon);
    expect(a.extraction.profile).toBe('destoon');
    expect(lines(a)).toEqual(['持续发力抓项目', P1, P2, P3]);
    expect([a.title, a.source, a.views]).toEqual([TITLE, '山西日报', 5595]);
    expect(a.images).toEqual([
      { src: 'http://www.example.com/file/upload/202202/27/1.jpg', caption: '项目培土奠基。山西日报记者 史晓波摄', alt: null },
    ]);
  });

  it('DESTOON markup alone (no generator meta) is enough', () => {
    const a = run(destoon.replace(/<meta name="generator"[^>]*>/, ''));
    expect(a.extraction.profile).toBe('destoon');
  });

  it('DedeCMS (GBK): body from div.content td, "(责任编辑：…)", digg and prev/next left out', () => {
    const a = run(gbk(dedecms), { url: 'http://www.example.com/news/2022/0227/12345.html' });
    expect(a.extraction.profile).toBe('dedecms');
    expect(lines(a)).toEqual([P1, P2, P3]);
    expect([a.title, a.editor, a.extraction.viewsUrl]).toEqual([TITLE, '王五', 'http://www.example.com/plus/count.php?view=yes&aid=12345&mid=1']);
    for (const furniture of ['责任编辑', '顶一下', '上一篇', '分隔线', '共2页', '推荐内容']) expect(a.body).not.toContain(furniture);
  });

  it("DedeCMS: the profile's headline is taken as printed, a column name before a bar included", () => {
    const printed = `会员风采｜${TITLE}`;
    const a = run(gbk(dedecms.replace(`<h2>${TITLE}</h2>`, `<h2>${printed}</h2>`)), { url: 'http://www.example.com/news/2022/0227/12345.html' });
    expect(a.extraction.profile).toBe('dedecms');
    expect(a.title).toBe(printed);
  });

  it('PHPCMS v9: the meta line in the <h1> and the summary stay out of the body', () => {
    const a = run(phpcms, { url: 'http://www.example.com/show-1-2-1.html' });
    expect(a.extraction.profile).toBe('phpcms');
    expect(lines(a)).toEqual([P1, P2, P3]);
    // The title is the <h1> text before its <br>, not the date/source line after it.
    expect(a.title).toBe(TITLE);
  });

  it('EmpireCMS (GBK): body from td#text with <br> paragraphs', () => {
    const a = run(gbk(empirecms), { url: 'http://www.example.com/news/2022-02-27/12345.html' });
    expect(a.extraction.profile).toBe('empirecms');
    expect(lines(a)).toEqual([P1, P2, P3]);
    expect([a.title, a.source]).toEqual([TITLE, '山西日报']);
  });

  it('is never chosen by host name: a page without fingerprints on a DESTOON-looking URL is generic', () => {
    const a = run(`<html><body><div class="content"><p>${P1}</p><p>${P2}</p></div></body></html>`, {
      url: 'http://www.destoon.com/news/show-1.html',
    });
    expect(a.extraction.profile).toBe('generic');
  });

  it('falls back to the generic extractor when the profile body selector finds nothing substantial', () => {
    // Customised DESTOON theme: fingerprints survive, div#article does not.
    const custom = destoon.replace('<div class="content" id="article">', '<div class="news-text">');
    const a = run(custom);
    expect(a.extraction.profile).toBe('destoon');
    expect(lines(a)).toEqual(['持续发力抓项目', P1, P2, P3]);
  });
});

describe('a user profile (--profile)', () => {
  const profile = loadProfile(
    {
      name: 'my-portal',
      match: { hosts: ['.example.org'] },
      fields: { body: ['div.story-main'] },
      remove: ['p.editor-note'],
      timeZone: 'Asia/Shanghai',
    },
    'my-portal.json',
  );

  it('takes the body from its selector and removes what it says', () => {
    const html = `<html><body><div class="teaser"><p>${P3}，${P3}</p></div><div class="story-main"><p>${P1}</p><p class="editor-note">本文经作者授权发布，转载请联系。</p><p>${P2}</p></div></body></html>`;
    const a = run(html, { profile, url: 'http://news.example.org/a/1.html' });
    expect(a.extraction.profile).toBe('my-portal');
    expect(lines(a)).toEqual([P1, P2]);
  });
});

describe("a profile's photo blocks beside the body container", () => {
  const profile = loadProfile({ name: 'picture-sets', match: { hosts: ['.example.org'] }, fields: { body: ['div.content'] }, photos: ['div.picbox'] }, 'picture-sets.json');
  const strip = '<div class="picbox"><ul><li><img src="/p/1.jpg"><p>5月19日，果农在为苹果套袋。</p></li><li><img src="/p/2.jpg"><p>套好袋的苹果挂满枝头。</p></li></ul></div>';

  it('adds their photos with captions before the body\'s own, and none of their text to the body', () => {
    const html = `<html><body><h1>十万亩果园进入套袋季</h1>${strip}<div class="content"><p>${P1}</p><img src="/p/3.jpg"><p>${P2}</p></div></body></html>`;
    const a = run(html, { profile, url: 'http://news.example.org/a/1.html' });
    expect(a.images.map((i) => [i.src, i.caption])).toEqual([
      ['http://news.example.org/p/1.jpg', '5月19日，果农在为苹果套袋。'],
      ['http://news.example.org/p/2.jpg', '套好袋的苹果挂满枝头。'],
      ['http://news.example.org/p/3.jpg', null],
    ]);
    expect(lines(a)).toEqual([P1, P2]);
  });

  it('without the profile key, the strip beside the container is not read', () => {
    const plain = loadProfile({ name: 'plain', match: { hosts: ['.example.org'] }, fields: { body: ['div.content'] } }, 'plain.json');
    const html = `<html><body><h1>十万亩果园进入套袋季</h1>${strip}<div class="content"><p>${P1}</p><p>${P2}</p></div></body></html>`;
    expect(run(html, { profile: plain, url: 'http://news.example.org/a/1.html' }).images).toEqual([]);
  });
});

describe('firstFingerprint', () => {
  const needles = BUILTIN_PROFILES.flatMap((profile) => profile.match?.markup ?? []);
  const groups = anchorGroups(needles);
  // The reference: one regex alternation of the needles (leftmost match, then the first listed).
  const alternation = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
  const viaRegex = (html: string) => alternation.exec(html)?.[0] ?? null;
  const pages: Record<string, string> = {
    'no fingerprint': '<html><body><p>正文？_EPj</p><a href="/a.php?id=1">x</a></body></html>',
    'one fingerprint': '<script src="/e/public/ViewClick/?classid=2&id=3"></script>',
    'the leftmost wins, whatever its rare character': `<div class="dede_pages"></div>${'<p>字</p>'.repeat(50)}<script src="/api.php?op=count&id=1"></script>`,
    'the leftmost wins when listed later': '<script src="/api.php?op=count&amp;id=1"></script><input id="destoon_kw">',
    'overlapping candidates': 'Powered by EmpireCMS Powered By DESTOON file/script/config.js',
    'a fingerprint at offset 0': 'file/script/config.js',
    'a cut fingerprint': 'Powered by <a href="http://www.dedecms.co',
    'rare characters everywhere': `${'?_VEDPj'.repeat(300)}id="destoon_search"`,
  };
  for (const [name, html] of Object.entries(pages)) {
    it(`matches the alternation: ${name}`, () => {
      expect(firstFingerprint(html, groups)).toBe(viaRegex(html));
    });
  }
  it('finds the fingerprints the pages above carry', () => {
    expect(firstFingerprint(pages['the leftmost wins when listed later']!, groups)).toBe('api.php?op=count&amp;id=');
    expect(firstFingerprint(pages['overlapping candidates']!, groups)).toBe('Powered by EmpireCMS');
  });
});
