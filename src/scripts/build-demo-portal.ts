/**
 * Builds the bundled sample portal (fixtures/demo-portal/): a regional business-news site whose
 * sections are written in the stock templates of DESTOON, DedeCMS, PHPCMS and EmpireCMS
 * (../shared/cms-templates.md), two of them in GBK, one of those served without a charset in
 * the HTTP header. Run `node dist/scripts/build-demo-portal.js` after changing it and commit
 * the output; tests and the bench also build portals in memory with the same functions.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { STORIES, type Story, storyParagraphs, syntheticStory } from './demo-texts.js';

/** One response of the portal. `template` bodies have `__ORIGIN__` replaced when served. */
export interface PortalFile {
  body: Buffer;
  contentType: string;
  template?: boolean;
  /** Serve gzip-compressed (a .xml.gz sitemap). */
  gzip?: boolean;
}

export type PortalFiles = Map<string, PortalFile>;

export interface ExpectedArticle {
  /** Path (and query) of the article's first page. */
  path: string;
  title: string;
  views: number;
  /** Paths of continuation pages (multi-page articles). */
  continuations: string[];
  /** Text that appears only on a continuation page. */
  continuationText: string | null;
  charset: 'utf-8' | 'gbk';
  cms: Cms;
}

export interface DemoPortal {
  files: PortalFiles;
  articles: ExpectedArticle[];
}

type Cms = 'destoon' | 'dedecms' | 'phpcms' | 'empirecms';

const SITE = '华北商讯网';
/** Entries per list page: small in the demo so that every section pages. */
let PAGE_SIZE = 5;

interface Item {
  id: number;
  story: Story;
  index: number;
  date: string;
  time: string;
  views: number;
  path: string;
  /** Only in the sitemap, linked from no list. */
  orphan?: boolean;
  pages?: number;
}

interface Section {
  key: string;
  name: string;
  cms: Cms;
  charset: 'utf-8' | 'gbk';
  /** Content-Type header; GBK without a charset for DedeCMS, as many real Dede sites send. */
  contentType: string;
  listPath: (page: number) => string;
  items: Item[];
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function encode(html: string, charset: 'utf-8' | 'gbk'): Buffer {
  return charset === 'gbk' ? iconv.encode(html, 'gbk') : Buffer.from(html, 'utf-8');
}

function summaryOf(item: Item): string {
  const first = storyParagraphs(item.story, item.index)[0] ?? '';
  return first.replace(/^本网讯\s*/, '').slice(0, 60);
}

const HOT_WORDS = ['氢能', '专精特新', '开发区', '跨境电商', '晋商', '光伏'];

function header(section: Section | null): string {
  const hot = HOT_WORDS.map((w) => `<a href="/search.php?kw=${encodeURIComponent(w)}">${w}</a>&nbsp; `).join('');
  const nav = SECTIONS_NAV.map(
    ([href, name]) => `<li${section && href === `/${section.key}/` ? ' class="menuon"' : ''}><a href="${href}">${name}</a></li>`,
  ).join('');
  return `<div class="head">
<div class="head_t"><a href="/">${SITE}</a> | <a href="/member/login.php">登录</a> | <a href="/member/register.php">注册</a> | <a href="/member/">会员中心</a></div>
<div class="head_m"><div class="logo"><a href="/"><img src="/skin/logo.gif" alt="${SITE}"/></a></div>
<div class="slogan">服务区域企业 传播商业资讯</div>
<form id="destoon_search" action="/search.php"><div class="head_search"><input name="kw" id="destoon_kw" type="text" class="search_i" value="请输入关键词"/><input type="submit" value="搜索"/></div></form>
<div class="head_search_kw"><a href="" onclick="Dsearch_top();return false;"><strong>推广</strong></a> <a href="" onclick="Dsearch_adv();return false;"><strong>热搜：</strong></a><span id="destoon_word">${hot}</span></div></div>
<div class="menu"><ul>${nav}</ul></div>
</div>`;
}

const SECTIONS_NAV: [string, string][] = [
  ['/', '首页'],
  ['/news/', '新闻资讯'],
  ['/industry/', '产业经济'],
  ['/policy/', '政策法规'],
  ['/company/', '企业动态'],
  ['/about.html', '关于我们'],
];

function footer(): string {
  return `<div class="foot_page"><a href="/">网站首页</a> &nbsp;|&nbsp; <a href="/about.html">关于我们</a> &nbsp;|&nbsp; <a href="/about.html#contact">联系方式</a> &nbsp;|&nbsp; <a href="/private/report.html">内部通讯</a> &nbsp;|&nbsp; <a href="javascript:SendReport();">违规举报</a> &nbsp;|&nbsp; <a href="http://www.beian.miit.gov.cn" target="_blank">晋ICP备13017153号</a></div>
<div class="foot"><div id="copyright">${SITE} 版权所有 &copy; 2022</div></div>`;
}

/**
 * Real portal pages weigh 50-250 KB (sidebars of rankings and member companies, friend links,
 * inline scripts); the hand-written demo pages are small. The benchmark portals add this much
 * of such boilerplate so that parse and extraction costs are those of real pages.
 */
let boilerplate: { paths: string[]; titles: string[] } | null = null;
let pageCounter = 0;

function realisticBoilerplate(): { head: string; body: string } {
  if (!boilerplate || boilerplate.paths.length === 0) return { head: '', body: '' };
  const { paths, titles } = boilerplate;
  const n = pageCounter++;
  const pick = (i: number) => (n * 7 + i * 13) % paths.length;
  const box = (name: string, count: number, offset: number) =>
    `<div class="side_box"><div class="head-sub"><strong>${name}</strong></div><ul>${Array.from({ length: count }, (_, i) => {
      const k = pick(i + offset);
      return `<li><span class="f_r">${(k * 37) % 9000}</span><a href="${paths[k]}" title="${esc(titles[k]!)}">${esc(titles[k]!)}</a></li>`;
    }).join('')}</ul></div>`;
  const members = Array.from(
    { length: 40 },
    (_, i) => `<li><a href="http://member${(n + i) % 97}.example.org/" target="_blank">会员企业${(n + i) % 97}号 供应链管理有限公司</a></li>`,
  ).join('');
  const script = `<script type="text/javascript">var DTPath="/";var SKPath="/skin/";${Array.from(
    { length: 120 },
    (_, i) => `function f${i}(a,b){var c=document.getElementById('x${i}');if(c){c.style.display=a?'block':'none';c.innerHTML=b||'';}return ${i};}`,
  ).join('\n')}</script>`;
  const style = `<style type="text/css">${Array.from({ length: 150 }, (_, i) => `.c${i}{margin:${i % 9}px;padding:${i % 7}px;color:#${(i * 4099).toString(16).padStart(6, '0').slice(0, 6)}}`).join('\n')}</style>`;
  return {
    head: `${style}\n${script}`,
    body: `<div class="sidebar">${box('推荐图文', 30, 0)}${box('点击排行', 30, 31)}${box('最新资讯', 20, 67)}<div class="side_box"><strong>会员企业</strong><ul>${members}</ul></div></div>`,
  };
}

function page(title: string, charset: string, head: string, body: string): string {
  const extra = realisticBoilerplate();
  return `<!DOCTYPE html>
<html>
<head>
${charset === 'gbk' ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />' : '<meta charset="utf-8"/>'}
<title>${esc(title)}</title>
${head}${extra.head ? `\n${extra.head}` : ''}
</head>
<body>
${body}${extra.body ? `\n${extra.body}` : ''}
</body>
</html>
`;
}

function paragraphsHtml(paras: string[]): string {
  return paras.map((p) => `<p>　　${esc(p)}</p>`).join('\n');
}

function photo(item: Item): string {
  return `<p style="text-align:center"><img src="/file/upload/2022/${item.id}.jpg" alt=""/></p>
<p style="text-align:center">${esc(item.story.org)}工作人员在现场查看进展。记者 ${esc(item.story.author ?? '王磊')} 摄</p>`;
}

/** Bodies of the pages of an article: one page, or two for a multi-page article. */
function pageBodies(item: Item): string[][] {
  const paras = storyParagraphs(item.story, item.index);
  if ((item.pages ?? 1) === 1) return [paras];
  return [
    paras.slice(0, 3),
    [...paras.slice(3), `（续）${item.story.city}方面透露，相关配套工作已同步展开，第二阶段目标将在年内公布。`],
  ];
}

function related(section: Section, item: Item): string {
  return section.items
    .filter((other) => other.id !== item.id && !other.orphan)
    .slice(0, 4)
    .map((o) => `<li><a href="${o.path}" title="${esc(o.story.title)}">${esc(o.story.title)}</a></li>`)
    .join('');
}

function continuationPath(item: Item, n: number, style: 'dash' | 'underscore'): string {
  return item.path.replace(/\.html$/, `${style === 'dash' ? '-' : '_'}${n}.html`);
}

function destoonArticle(section: Section, item: Item, pageNo: number, bodies: string[][]): string {
  const s = item.story;
  const pages =
    bodies.length > 1
      ? `<div class="pages">${bodies
          .map((_, i) =>
            i + 1 === pageNo
              ? `<strong>${i + 1}</strong>`
              : `<a href="${i === 0 ? item.path : continuationPath(item, i + 1, 'dash')}">${i + 1}</a>`,
          )
          .join(' ')}${pageNo < bodies.length ? ` <a href="${continuationPath(item, pageNo + 1, 'dash')}">下一页&raquo;</a>` : ''}</div>`
      : '';
  const body = `${header(section)}
<div class="m"><div class="nav"><a href="/">首页</a> <i>&gt;</i> <a href="/${section.key}/">${section.name}</a> <i>&gt;</i> 正文</div></div>
<div class="m m3"><div class="m3l">
<h1 class="title" id="title">${esc(s.title)}</h1>
<div class="info"><span class="f_r"><img src="/skin/zoomin.gif" width="16" height="16" title="放大字体" onclick="fontZoom('+', 'article');"/>&nbsp;&nbsp;<img src="/skin/zoomout.gif" width="16" height="16" title="缩小字体" onclick="fontZoom('-', 'article');"/></span>
日期：${item.date} ${item.time}&nbsp;&nbsp;&nbsp;&nbsp;来源：${esc(s.source)}&nbsp;&nbsp;&nbsp;&nbsp;${s.author ? `作者：${esc(s.author)}&nbsp;&nbsp;&nbsp;&nbsp;` : ''}浏览：<span id="hits">${item.views}</span>&nbsp;&nbsp;&nbsp;&nbsp;<a href="/comment/index.php?itemid=${item.id}">评论：0</a></div>
${pageNo === 1 ? `<div class="introduce">核心提示：${esc(summaryOf(item))}</div>` : ''}
<div id="content"><div class="content" id="article">
${pageNo === 1 ? photo(item) : ''}
${paragraphsHtml(bodies[pageNo - 1] ?? [])}
</div></div>
${pages}
<div class="keytags"><strong>标签：</strong> <a href="/tag/${encodeURIComponent(s.topic)}.html">${esc(s.topic)}</a></div>
<div class="b10 c_b"></div>
<center><a href="/print.php?itemid=${item.id}">[ 打印本文 ]</a> <a href="javascript:window.close();">[ 关闭窗口 ]</a></center>
<div class="head-txt"><span><a href="/${section.key}/">更多<i>&gt;</i></a></span><strong>同类资讯</strong></div>
<div class="related"><ul>${related(section, item)}</ul></div>
</div>
<div class="m3r"><div class="head-sub"><strong>点击排行</strong></div><div class="list-rank"><ul>${related(section, item)}</ul></div></div>
</div>
${footer()}`;
  return page(
    `${s.title}${pageNo > 1 ? `(${pageNo})` : ''}_${section.name}_${SITE}`,
    section.charset,
    '<meta name="generator" content="DESTOON B2B - www.destoon.com"/>\n<script type="text/javascript" src="/file/script/config.js"></script>',
    body,
  );
}

function dedeArticle(section: Section, item: Item, pageNo: number, bodies: string[][]): string {
  const s = item.story;
  const pager =
    bodies.length > 1
      ? `<li><a>共${bodies.length}页: </a></li>${pageNo > 1 ? `<li><a href="${item.path.split('/').pop()}">上一页</a></li>` : '<li><a href="#">上一页</a></li>'}${bodies
          .map((_, i) =>
            i + 1 === pageNo
              ? `<li class="thisclass"><a href="#">${i + 1}</a></li>`
              : `<li><a href="${(i === 0 ? item.path : continuationPath(item, i + 1, 'underscore')).split('/').pop()}">${i + 1}</a></li>`,
          )
          .join(
            '',
          )}${pageNo < bodies.length ? `<li><a href="${continuationPath(item, pageNo + 1, 'underscore').split('/').pop()}">下一页</a></li>` : ''}`
      : '';
  const body = `<div class="header"><div class="top w960 center"><div class="title"><h1><a href="/">${SITE}</a></h1></div>
<div class="search"><form name="formsearch" action="/plus/search.php"><input type="hidden" name="kwtype" value="0" /><input name="q" type="text" class="search-keyword" id="search-keyword" value="在这里搜索..." /><button type="submit" class="search-submit">搜索</button></form>
<div class="tags"><h4>热门标签:</h4><ul>${HOT_WORDS.slice(0, 4)
    .map((w) => `<li><a href="/tags.php?/${encodeURIComponent(w)}/">${w}</a></li>`)
    .join('')}</ul></div></div></div>
<div class="module blue mT10 wrapper w963"><div id="navMenu"><ul>${SECTIONS_NAV.map(([href, name]) => `<li><a href="${href}"><span>${name}</span></a></li>`).join('')}</ul></div></div></div>
<div class="w960 center clear mt1"><div class="pleft">
<div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; <a href="/${section.key}/">${section.name}</a> &gt; </div>
<div class="viewbox">
<div class="title"><h2>${esc(s.title)}</h2></div>
<div class="info"> <small>时间:</small>${item.date} ${item.time}<small>来源:</small>${esc(s.source)} <small>作者:</small>${esc(s.author ?? '佚名')} <small>点击:</small>
<script src="/plus/count.php?view=yes&aid=${item.id}&mid=1" type='text/javascript' language="javascript"></script>次</div>
${pageNo === 1 ? `<div class="intro">${esc(summaryOf(item))}</div>` : ''}
<div class="content"><table width='100%'><tr><td>
${pageNo === 1 ? photo(item) : ''}
${paragraphsHtml(bodies[pageNo - 1] ?? [])}
(责任编辑：${esc(['李梅', '张弛', '王芳', '刘畅'][item.index % 4]!)})</td></tr></table></div>
<div class="dede_pages"><ul class="pagelist">${pager}</ul></div>
<div class="boxoff"><strong>------分隔线----------------------------</strong></div>
<div class="handle"><div class="context"><ul><li>上一篇：没有了</li><li>下一篇：没有了</li></ul></div>
<div class="actbox"><ul><li id="act-fav"><a href="/plus/stow.php?aid=${item.id}" target="_blank">收藏</a></li><li id="act-err"><a href="/plus/erraddsave.php?aid=${item.id}&title=x" target="_blank">挑错</a></li><li id="act-pnt"><a href="#" onClick="window.print();">打印</a></li></ul></div></div>
</div></div>
<div class="pright"><div class="hot mt1"><dl class="tbox light"><dt class="light"><strong>热点内容</strong></dt><dd class="light"><ul class="c1 ico2">${related(section, item)}</ul></dd></dl></div></div>
</div>
<div class="footer w960 center mt1 clear"><div class="footer_left"></div><div class="footer_body"><p class="powered">Powered by <a href="http://www.dedecms.com" title="织梦内容管理系统"><strong>DedeCMS_V57_GBK</strong></a> &copy; 2007-2022 <br /><div class="copyright">${SITE} 晋ICP备13017153号</div></p></div></div>`;
  return page(`${s.title}${pageNo > 1 ? `(${pageNo})` : ''}_${section.name}_${SITE}`, section.charset, '', body);
}

function phpcmsArticle(section: Section, item: Item): string {
  const s = item.story;
  const body = `${header(section)}
<div class="main"><div class="col-left">
<div class="crumbs"><a href="/">首页</a><span> &gt; </span><a href="/${section.key}/">${section.name}</a> &gt;  正文</div>
<div id="Article">
<h1>${esc(s.title)}<br />
<span>${item.date} ${item.time}:00&nbsp;&nbsp;&nbsp;来源：${esc(s.source)}&nbsp;&nbsp;&nbsp;评论：<a href="#comment_iframe" id="comment">0</a> 点击：</span><span id="hits"></span></h1>
<div class="summary">${esc(summaryOf(item))}</div>
<div class="content">
${photo(item)}
${paragraphsHtml(storyParagraphs(s, item.index))}
</div>
<div id="pages" class="text-c"></div>
<p style="margin-bottom:10px"><strong>相关热词搜索：</strong><a href="/index.php?m=content&c=tag&a=lists&tag=${encodeURIComponent(s.topic)}" class="blue">${esc(s.topic)}</a></p>
<p class="f14"><strong>上一篇：</strong>没有了<br /><strong>下一篇：</strong>没有了</p>
<div class="related"><h5 class="blue">延伸阅读：</h5><ul class="list blue lh24 f14">${related(section, item)}</ul></div>
</div>
<div class="Article-Tool">分享到：<a href="javascript:void(0)" class="bshare">新浪微博</a></div>
</div>
<div class="col-auto"><div class="box"><h5 class="title-2">点击排行</h5><ul class="content digg">${related(section, item)}</ul></div></div>
</div>
<script language="JavaScript" src="/api.php?op=count&id=${item.id}&modelid=1"></script>
${footer()}`;
  return page(`${s.title} - ${section.name} - ${SITE}`, section.charset, '', body);
}

function empireArticle(section: Section, item: Item): string {
  const s = item.story;
  const body = `${header(section)}
<table width="100%" class="position"><tr><td>您当前的位置：<a href="/">首页</a>&nbsp;>&nbsp;<a href="/${section.key}/">${section.name}</a></td></tr></table>
<table width="100%" class="box"><tr><td><table width="100%" class="title_info">
<tr><td><h1>${esc(s.title)}</h1></td></tr>
<tr><td class="info_text">时间：${item.date} ${item.time}&nbsp;&nbsp;来源：${esc(s.source)}&nbsp;&nbsp;作者：${esc(s.author ?? '本网记者')}&nbsp;&nbsp;浏览：<script type="text/javascript" src="/e/public/ViewClick/?classid=4&id=${item.id}&addclick=1"></script>次</td></tr>
</table>
<table width="100%"><tr>
<td id="text">${photo(item)}
${paragraphsHtml(storyParagraphs(s, item.index))}
<p align="center" class="pageLink"></p></td>
</tr></table>
<table class="digg"><tr><td class="diggnum" id="diggnum"><strong>0</strong></td><td class="diggit"><a href="JavaScript:makeRequest('/e/public/digg/?classid=4&id=${item.id}&dotop=1&doajax=1&ajaxarea=diggnum','EchoReturnedText','GET','');">来顶一下</a></td></tr></table>
</td>
<td class="sider"><table class="title"><tr><td><strong>相关文章</strong></td></tr></table><ul>${related(section, item)}</ul></td></tr></table>
${footer()}`;
  return page(`${s.title}_${SITE}`, section.charset, '', body);
}

function listPage(section: Section, pageNo: number, listed: Item[]): string {
  const totalPages = Math.max(1, Math.ceil(listed.length / PAGE_SIZE));
  const items = listed.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE);
  const next = pageNo < totalPages ? section.listPath(pageNo + 1) : null;
  const prev = pageNo > 1 ? section.listPath(pageNo - 1) : null;
  const numbers = Array.from({ length: totalPages }, (_, i) =>
    i + 1 === pageNo ? `<strong>${i + 1}</strong>` : `<a href="${section.listPath(i + 1)}">${i + 1}</a>`,
  ).join(' ');
  let entries: string;
  let pager: string;
  switch (section.cms) {
    case 'destoon':
      entries = `<div class="catlist"><ul>${items
        .map((it) => `<li class="catlist_li"><span class="f_r">${it.date} ${it.time}</span><a href="${it.path}" title="${esc(it.story.title)}">${esc(it.story.title)}</a></li>`)
        .join('\n')}</ul></div>`;
      pager = `<div class="pages">${prev ? `<a href="${prev}">&laquo;上一页</a> ` : ''}${numbers}${next ? ` <a href="${next}">下一页&raquo;</a>` : ''} <cite>共${listed.length}条/${totalPages}页</cite></div>`;
      break;
    case 'dedecms':
      entries = `<ul class="e2">${items
        .map((it) => `<li><a href="${it.path}" class="title">${esc(it.story.title)}</a><span class="info"><small>日期：</small>${it.date}<small>点击：</small>${it.views}</span><p class="intro">${esc(summaryOf(it))}...</p></li>`)
        .join('\n')}</ul>`;
      pager = `<div class="dede_pages"><ul class="pagelist"><li><a href="${section.listPath(1)}">首页</a></li>${prev ? `<li><a href="${prev}">上一页</a></li>` : ''}${numbers}${next ? `<li><a href="${next}">下一页</a></li>` : ''}<li><span class="pageinfo">共 <strong>${totalPages}</strong>页<strong>${listed.length}</strong>条</span></li></ul></div>`;
      break;
    case 'phpcms':
      entries = `<ul class="list lh24 f14">${items
        .map((it) => `<li><span class="rt">${it.date}</span>·<a href="${it.path}" target="_blank">${esc(it.story.title)}</a></li>`)
        .join('\n')}</ul>`;
      pager = `<div id="pages" class="text-c"><a class="a1">${listed.length}条</a> ${numbers}${next ? ` <a href="${next}" class="a1">下一页</a>` : ''}</div>`;
      break;
    default:
      entries = `<table width="100%" class="box"><tr><td><ul>${items
        .map((it) => `<li><span>${it.date}</span><a href="${it.path}" target="_blank">${esc(it.story.title)}</a></li>`)
        .join('\n')}</ul></td></tr></table>`;
      pager = `<div class="epages"><a title="Total record">&nbsp;<b>${listed.length}</b> </a>&nbsp;&nbsp;${numbers}${next ? `&nbsp;<a href="${next}">下一页</a>` : ''}</div>`;
  }
  const body = `${header(section)}
<div class="m"><div class="nav"><a href="/">首页</a> <i>&gt;</i> <a href="/${section.key}/">${section.name}</a></div></div>
<div class="m"><div class="left_box"><h2 class="catname">${section.name}</h2>
${entries}
${pager}
</div></div>
${footer()}`;
  return page(`${section.name}${pageNo > 1 ? `_第${pageNo}页` : ''}_${SITE}`, section.charset, '', body);
}

function homePage(sections: Section[]): string {
  const blocks = sections
    .map((sec) => {
      const top = sec.items.filter((it) => !it.orphan).slice(0, 3);
      return `<div class="box"><div class="tt"><span class="f_r"><a href="/${sec.key}/">更多&raquo;</a></span><strong>${sec.name}</strong></div>
<ul class="news_list">${top.map((it) => `<li><span class="f_r">${it.date.slice(5)}</span><a href="${it.path}" title="${esc(it.story.title)}">${esc(it.story.title)}</a></li>`).join('')}</ul></div>`;
    })
    .join('\n');
  return page(
    `${SITE} - 区域商业资讯门户`,
    'utf-8',
    '<link rel="alternate" type="application/rss+xml" title="企业动态" href="/rss.xml" />',
    `${header(null)}
<div class="m"><div class="slogan_bar">服务区域企业 传播商业资讯 | 推动晋商合作</div>
${blocks}
<div class="box"><div class="tt"><strong>友情链接</strong></div><div class="links"><a href="http://www.example.org/">示例商会</a> <a href="https://www.example.net/news/">示例日报</a></div></div>
</div>
${footer()}`,
  );
}

function aboutPage(): string {
  return page(
    `关于我们_${SITE}`,
    'utf-8',
    '',
    `${header(null)}<div class="m"><h2>关于我们</h2><p>${SITE}是一家服务区域企业的商业资讯网站。</p><p id="contact">联系电话：0351-0000000</p></div>${footer()}`,
  );
}

function tagPage(section: Section): string {
  const items = section.items.filter((it) => !it.orphan);
  return page(
    `标签_${SITE}`,
    'utf-8',
    '',
    `${header(null)}<div class="m"><h2>标签聚合</h2><ul>${items.map((it) => `<li><a href="${it.path}">${esc(it.story.title)}</a></li>`).join('')}</ul></div>${footer()}`,
  );
}

function datePart(index: number): { date: string; time: string; mmdd: string } {
  // Newer items have higher indexes; dates run from 2022-03-01 forward.
  const day = new Date(Date.UTC(2022, 2, 1 + index));
  const mm = String(day.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(day.getUTCDate()).padStart(2, '0');
  const hh = String(8 + (index % 10)).padStart(2, '0');
  const mi = String((index * 7) % 60).padStart(2, '0');
  return { date: `2022-${mm}-${dd}`, time: `${hh}:${mi}`, mmdd: `${mm}${dd}` };
}

function makeSections(stories: Story[], extraNews: number): Section[] {
  const sections: Section[] = [
    {
      key: 'news',
      name: '新闻资讯',
      cms: 'destoon',
      charset: 'utf-8',
      contentType: 'text/html; charset=utf-8',
      listPath: (p) => (p === 1 ? '/news/' : `/news/list-${p}.html`),
      items: [],
    },
    {
      key: 'industry',
      name: '产业经济',
      cms: 'dedecms',
      charset: 'gbk',
      contentType: 'text/html',
      listPath: (p) => (p === 1 ? '/industry/' : `/industry/list_3_${p}.html`),
      items: [],
    },
    {
      key: 'policy',
      name: '政策法规',
      cms: 'phpcms',
      charset: 'utf-8',
      contentType: 'text/html; charset=utf-8',
      listPath: (p) => (p === 1 ? '/policy/' : `/policy/index_${p}.html`),
      items: [],
    },
    {
      key: 'company',
      name: '企业动态',
      cms: 'empirecms',
      charset: 'gbk',
      contentType: 'text/html; charset=gbk',
      listPath: (p) => (p === 1 ? '/company/' : `/company/?page=${p}`),
      items: [],
    },
  ];
  const share = Math.ceil(stories.length / sections.length);
  stories.forEach((story, index) => {
    const sectionIndex = Math.min(sections.length - 1, Math.floor(index / share));
    const section = sections[sectionIndex]!;
    const id = stories.length > 100 ? 10000 + index : (sectionIndex + 1) * 100 + section.items.length + 1;
    const { date, time, mmdd } = datePart(index);
    const views = 300 + ((id * 37) % 4000);
    let itemPath: string;
    switch (section.cms) {
      case 'destoon':
        itemPath = `/news/show-${id}.html`;
        break;
      case 'dedecms':
        itemPath = `/industry/2022/${mmdd}/${id}.html`;
        break;
      case 'phpcms':
        itemPath = `/html/2022/policy_${mmdd}/${id}.html`;
        break;
      default:
        itemPath = `/company/${date}/${id}.html`;
    }
    section.items.push({ id, story, index, date, time, views, path: itemPath });
  });
  const news = sections[0]!;
  // The news section's oldest story is only in the sitemap; one story in two sections runs over two pages.
  if (stories.length <= 100) {
    const orphan = news.items[0];
    if (orphan) orphan.orphan = true;
    if (news.items[2]) news.items[2].pages = 2;
    const industry = sections[1]!;
    if (industry.items[4]) industry.items[4].pages = 2;
  }
  for (let n = 0; n < extraNews; n++) {
    const story = { ...STORIES[n % STORIES.length]!, title: `最新：${STORIES[n % STORIES.length]!.city}再添重大项目 第${n + 1}批清单公布` };
    const id = 190 + n;
    const { date, time } = datePart(40 + n);
    news.items.push({ id, story, index: 40 + n, date, time, views: 50 + n, path: `/news/show-${id}.html` });
  }
  // Lists show the newest first.
  for (const section of sections) section.items.sort((a, b) => b.index - a.index);
  return sections;
}

function html(contentType: string, text: string, charset: 'utf-8' | 'gbk'): PortalFile {
  return { body: encode(text, charset), contentType };
}

export interface BuildOptions {
  /** Newer news articles added on top of the news list (for incremental-crawl tests). */
  extraNews?: number;
  /** A synthetic portal of this many articles instead of the hand-written stories (benchmarks). */
  syntheticArticles?: number;
}

export function buildDemoPortal(options: BuildOptions = {}): DemoPortal {
  const stories =
    options.syntheticArticles !== undefined
      ? Array.from({ length: options.syntheticArticles }, (_, n) => syntheticStory(n))
      : STORIES;
  PAGE_SIZE = options.syntheticArticles !== undefined ? 20 : 5;
  const sections = makeSections(stories, options.extraNews ?? 0);
  const listedItems = sections.flatMap((sec) => sec.items.filter((it) => !it.orphan));
  boilerplate =
    options.syntheticArticles !== undefined
      ? { paths: listedItems.map((it) => it.path), titles: listedItems.map((it) => it.story.title) }
      : null;
  pageCounter = 0;
  const files: PortalFiles = new Map();
  const articles: ExpectedArticle[] = [];
  const utf8 = 'text/html; charset=utf-8';

  files.set('/', html(utf8, homePage(sections), 'utf-8'));
  files.set('/about.html', html(utf8, aboutPage(), 'utf-8'));
  files.set('/private/report.html', html(utf8, aboutPage(), 'utf-8'));
  files.set('/member/', html(utf8, aboutPage(), 'utf-8'));
  files.set('/member/login.php', html(utf8, aboutPage(), 'utf-8'));
  files.set('/search.php', html(utf8, tagPage(sections[0]!), 'utf-8'));
  files.set(`/tag/${encodeURIComponent('氢能')}.html`, html(utf8, tagPage(sections[0]!), 'utf-8'));

  for (const section of sections) {
    const listed = section.items.filter((it) => !it.orphan);
    const pages = Math.max(1, Math.ceil(listed.length / PAGE_SIZE));
    for (let p = 1; p <= pages; p++) {
      files.set(section.listPath(p), html(section.contentType, listPage(section, p, listed), section.charset));
    }
    for (const item of section.items) {
      const bodies = pageBodies(item);
      const continuations: string[] = [];
      for (let p = 1; p <= bodies.length; p++) {
        let text: string;
        let itemPath = item.path;
        if (section.cms === 'destoon') {
          text = destoonArticle(section, item, p, bodies);
          if (p > 1) itemPath = continuationPath(item, p, 'dash');
        } else if (section.cms === 'dedecms') {
          text = dedeArticle(section, item, p, bodies);
          if (p > 1) itemPath = continuationPath(item, p, 'underscore');
        } else if (section.cms === 'phpcms') {
          text = phpcmsArticle(section, item);
        } else {
          text = empireArticle(section, item);
        }
        if (p > 1) continuations.push(itemPath);
        files.set(itemPath, html(section.contentType, text, section.charset));
      }
      // The counter scripts, in each CMS's own output format.
      if (section.cms === 'dedecms') {
        files.set(`/plus/count.php?view=yes&aid=${item.id}&mid=1`, {
          body: Buffer.from(`document.write('${item.views}');`),
          contentType: 'application/javascript',
        });
      } else if (section.cms === 'phpcms') {
        files.set(`/api.php?op=count&id=${item.id}&modelid=1`, {
          body: Buffer.from(
            `$('#todaydow').html('${item.views % 7}');$('#weekdown').html('${item.views % 50}');$('#monthdown').html('${item.views % 200}');$('#hits').html('${item.views}');`,
          ),
          contentType: 'text/javascript',
        });
      } else if (section.cms === 'empirecms') {
        files.set(`/e/public/ViewClick/?classid=4&id=${item.id}&addclick=1`, {
          body: Buffer.from(`document.write('${item.views}');`),
          contentType: 'text/html',
        });
      }
      const last = bodies[bodies.length - 1] ?? [];
      articles.push({
        path: item.path,
        title: item.story.title,
        views: item.views,
        continuations,
        continuationText: bodies.length > 1 ? (last[last.length - 1] ?? null) : null,
        charset: section.charset,
        cms: section.cms,
      });
    }
  }

  const orphans = sections[0]!.items.filter((it) => it.orphan);
  files.set('/robots.txt', {
    body: Buffer.from(
      'User-agent: *\nDisallow: /member/\nDisallow: /private/\nDisallow: /admin/\n\nSitemap: __ORIGIN__/sitemap.xml\n',
    ),
    contentType: 'text/plain',
    template: true,
  });
  files.set('/sitemap.xml', {
    body: Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <sitemap><loc>__ORIGIN__/sitemap-news.xml.gz</loc><lastmod>2022-04-01</lastmod></sitemap>\n</sitemapindex>\n`,
    ),
    contentType: 'application/xml',
    template: true,
  });
  const newsUrls = [...sections[0]!.items.slice(0, 3), ...orphans]
    .map((it) => `  <url><loc>__ORIGIN__${it.path}</loc><lastmod>${it.date}</lastmod></url>`)
    .join('\n');
  files.set('/sitemap-news.xml.gz', {
    body: Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${newsUrls}\n</urlset>\n`,
    ),
    contentType: 'application/x-gzip',
    template: true,
    gzip: true,
  });
  const company = sections[3]!;
  files.set('/rss.xml', {
    body: Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${SITE} 企业动态</title><link>__ORIGIN__/company/</link>\n${company.items
        .slice(0, 5)
        .map((it) => `<item><title>${esc(it.story.title)}</title><link>__ORIGIN__${it.path}</link><pubDate>${it.date}</pubDate></item>`)
        .join('\n')}\n</channel></rss>\n`,
    ),
    contentType: 'application/rss+xml',
    template: true,
  });
  return { files, articles };
}

/** The on-disk form: one file per response plus manifest.json (path → file, Content-Type, flags). */
export function writePortal(portal: DemoPortal, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'files'), { recursive: true });
  const manifest: Record<string, { file: string; contentType: string; template?: boolean; gzip?: boolean }> = {};
  let n = 0;
  for (const [key, file] of [...portal.files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    n++;
    const ext = /\.(xml|txt|js)(\.gz)?$/.exec(key.split('?')[0]!)?.[1] ?? (file.contentType.includes('javascript') ? 'js' : 'html');
    const name = `${String(n).padStart(3, '0')}.${ext}`;
    writeFileSync(path.join(dir, 'files', name), file.body);
    manifest[key] = {
      file: `files/${name}`,
      contentType: file.contentType,
      ...(file.template ? { template: true } : {}),
      ...(file.gzip ? { gzip: true } : {}),
    };
  }
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  writeFileSync(path.join(dir, 'expected.json'), `${JSON.stringify(portal.articles, null, 1)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const out = path.resolve(fileURLToPath(import.meta.url), '../../../fixtures/demo-portal');
  const portal = buildDemoPortal();
  writePortal(portal, out);
  process.stdout.write(`wrote ${portal.files.size} responses (${portal.articles.length} articles) to ${out}\n`);
}
