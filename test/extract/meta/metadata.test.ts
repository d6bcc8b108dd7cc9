import { describe, expect, it } from 'vitest';
import type { ExtractContext } from '../../../src/extract/context.js';
import { parseHtml, textOf } from '../../../src/extract/dom.js';
import { extract } from '../../../src/extract/index.js';
import { extractMetadata, type Metadata } from '../../../src/extract/metadata.js';
import { BUILTIN_PROFILES } from '../../../src/extract/profiles/builtin.js';
import type { SiteProfile } from '../../../src/extract/profiles/schema.js';

const NOW = new Date('2026-11-27T05:00:00Z');

function run(
  body: string,
  options: { title?: string; head?: string; url?: string; profile?: SiteProfile; timeZone?: string } = {},
): Metadata & { warnings: string[] } {
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${options.title ?? ''}</title>${options.head ?? ''}</head><body>${body}</body></html>`;
  const ctx: ExtractContext = {
    url: new URL(options.url ?? 'http://www.example.com/news/show-12345.html'),
    html,
    now: NOW,
    timeZone: options.timeZone ?? 'Asia/Shanghai',
    profile: options.profile ?? null,
    warnings: [],
  };
  return { ...extractMetadata(parseHtml(html), ctx), warnings: ctx.warnings };
}

const BODY = '<p>持续发力抓项目，奋楫当先促转型。全省开发区2022年第一次项目集中签约一批、开工一批、投产一批。</p>'.repeat(3);

describe('DESTOON article page', () => {
  const page = run(
    `<div class="head_search_kw"><strong>热搜：</strong><a href="#">郝金玉</a> <a href="#">石勇</a></div>
     <div class="nav"><a href="/">首页</a> <i>&gt;</i> <a href="/news/">资讯</a></div>
     <div class="m3l">
     <h1 class="title" id="title">山西省开发区2022年第一次“三个一批”活动举行</h1>
     <div class="info"><span class="f_r"><img src="zoomin.gif" title="放大字体"/></span>
     发布时间：2022-02-27 10:05&nbsp;&nbsp;&nbsp;&nbsp;来源：<a href="http://www.sxrb.com/" target="_blank">山西日报</a>&nbsp;&nbsp;&nbsp;&nbsp;
     浏览：<span id="hits">5595</span>&nbsp;&nbsp;&nbsp;&nbsp;</div>
     <div class="introduce">核心提示：持续发力抓项目 奋楫当先促转型</div>
     <div id="content"><div class="content" id="article">${BODY}</div></div></div>`,
    { title: '山西省开发区2022年第一次“三个一批”活动举行_资讯_中国晋商俱乐部' },
  );

  it('reads every field', () => {
    expect(page.title).toBe('山西省开发区2022年第一次“三个一批”活动举行');
    expect(page.publishedAt).toBe('2022-02-27T10:05:00+08:00');
    expect(page.source).toBe('山西日报');
    expect(page.author).toBeNull();
    expect(page.editor).toBeNull();
    expect(page.views).toBe(5595);
    expect(page.viewsUrl).toBeNull();
    expect(page.summary).toBe('持续发力抓项目 奋楫当先促转型');
  });

  it('hands the headline and the meta blocks to the body stage, never the body container', () => {
    expect(page.titleElement?.name).toBe('h1');
    const consumed = page.consumed.map((el) => el.attribs.class);
    expect(consumed).toContain('info');
    expect(consumed).toContain('introduce');
    expect(consumed).not.toContain('m3l');
    expect(consumed).not.toContain('content');
  });
});

describe('DedeCMS article page', () => {
  const page = run(
    `<div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; <a href="/a/">新闻</a></div>
     <div class="viewbox"><div class="title"><h2>晋商企业家座谈会在太原召开</h2></div>
     <div class="info"> <small>时间:</small>2021-06-18 09:30<small>来源:</small>太原日报 <small>作者:</small>王五 <small>点击:</small>
     <script src="/plus/count.php?view=yes&aid=321&mid=1" type='text/javascript' language="javascript"></script>次</div>
     <div class="intro">座谈会围绕营商环境展开。</div>
     <div class="content"><table width='100%'><tr><td>${BODY}(责任编辑：赵六)</td></tr></table></div></div>`,
    { title: '晋商企业家座谈会在太原召开_新闻_某某网' },
  );

  it('reads the h2 title, the small-label meta line and the editor after the body', () => {
    expect(page.title).toBe('晋商企业家座谈会在太原召开');
    expect(page.publishedAt).toBe('2021-06-18T09:30:00+08:00');
    expect(page.source).toBe('太原日报');
    expect(page.author).toBe('王五');
    expect(page.editor).toBe('赵六');
    expect(page.summary).toBe('座谈会围绕营商环境展开。');
  });

  it('reports the counter script instead of a number', () => {
    expect(page.views).toBeNull();
    expect(page.viewsUrl).toBe('http://www.example.com/plus/count.php?view=yes&aid=321&mid=1');
  });

  it('does not consume the body cell that ends with the editor line', () => {
    expect(page.consumed.some((el) => el.name === 'td')).toBe(false);
  });
});

describe('PHPCMS v9 article page', () => {
  const page = run(
    `<div class="crumbs"><a href="/">首页</a><span> &gt; </span>新闻 正文</div>
     <div id="Article"><h1>省政府召开常务会议<br />
     <span>2019-03-05 16:20:11&nbsp;&nbsp;&nbsp;来源：省政府办公厅&nbsp;&nbsp;&nbsp;评论：<a href="#comment_iframe" id="comment">0</a> 点击：</span><span id="hits"></span></h1>
     <div class="summary" >会议研究部署了一季度重点工作。</div>
     <div class="content">${BODY}</div></div>
     <script language="JavaScript" src="/api.php?op=count&id=88&modelid=1"></script>`,
    { title: '省政府召开常务会议 - 新闻 - 某省门户', url: 'https://www.example.gov.cn/html/2019/news_0305/88.html' },
  );

  it('takes the headline without the date line the h1 also holds', () => {
    expect(page.title).toBe('省政府召开常务会议');
    expect(page.titleElement?.name).toBe('h1');
    expect(page.consumed.map((el) => el.name)).toContain('h1');
  });

  it.each([
    ['http://www.example.com/inc/hits.asp?id=412345'],
    ['http://www.example.com/hits/count.jsp?id=48213'],
    ['http://www.example.com/count.aspx?id=7'],
  ])("names a home-grown ASP/JSP portal's counter script: %s", (src) => {
    const counted = run(`<h1>某某活动举行</h1><div>发布时间：2023-06-12 来源：本站 点击数：<script src="${src}"></script></div>${BODY}`, { title: '某某活动举行' });
    expect(counted.views).toBeNull();
    expect(counted.viewsUrl).toBe(src);
  });

  it('reads date, source, summary, and the count script for the empty span#hits', () => {
    expect(page.publishedAt).toBe('2019-03-05T16:20:11+08:00');
    expect(page.source).toBe('省政府办公厅');
    expect(page.summary).toBe('会议研究部署了一季度重点工作。');
    expect(page.views).toBeNull();
    expect(page.viewsUrl).toBe('https://www.example.gov.cn/api.php?op=count&id=88&modelid=1');
  });
});

describe('Empire CMS news page', () => {
  const page = run(
    `<table class="position"><tr><td>您当前的位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/news/">新闻</a></td></tr></table>
     <table class="title_info"><tr><td><h1>全市招商引资工作推进会召开</h1></td></tr>
     <tr><td class="info_text">时间：2020-08-01 15:00:00&nbsp;&nbsp;来源：市政府网&nbsp;&nbsp;作者：</td></tr></table>
     <table><tr><td id="text">${BODY}<p align="center" class="pageLink"></p></td></tr></table>
     <td class="diggnum" id="diggnum"><strong><script type="text/javascript" src="/e/public/ViewClick/?classid=3&id=77&down=5"></script></strong></td>`,
    { title: '全市招商引资工作推进会召开_新闻_某市' },
  );

  it('reads the info_text line and leaves an empty 作者 as null', () => {
    expect(page.title).toBe('全市招商引资工作推进会召开');
    expect(page.publishedAt).toBe('2020-08-01T15:00:00+08:00');
    expect(page.source).toBe('市政府网');
    expect(page.author).toBeNull();
  });

  it('does not take the 顶 counter (ViewClick down=5) for the views script, but the click counter', () => {
    expect(page.viewsUrl).toBeNull();
    const withClicks = run(
      `<table class="title_info"><tr><td><h1>全市招商引资工作推进会召开</h1></td></tr>
       <tr><td class="info_text">时间：2020-08-01 15:00:00&nbsp;&nbsp;点击：<script src="/e/public/ViewClick/?classid=3&id=77&addclick=1"></script>次</td></tr></table>${BODY}
       <td id="diggnum"><script src="/e/public/ViewClick/?classid=3&id=77&down=5"></script></td>`,
      { title: '全市招商引资工作推进会召开_新闻_某市' },
    );
    expect(withClicks.viewsUrl).toBe('http://www.example.com/e/public/ViewClick/?classid=3&id=77&addclick=1');
    expect(withClicks.views).toBeNull();
  });
});

describe('Hanweb (大汉 jcms) government article', () => {
  const page = run(
    `<div class="article-title"><h1>全省外贸进出口稳中有进</h1></div>
     <table class="info"><tr><td>发布日期：2023-04-12 10:30</td><td>信息来源：省商务厅</td>
     <td>浏览次数：<script language="javascript" src="/module/visitcount/articleHits.jsp?colid=1229&artid=5678"></script></td></tr></table>
     <div id="zoom">${BODY}</div>
     <script src="/module/visitcount/visit.jsp?type=2&i_webid=1&i_columnid=1229"></script>`,
    { title: '全省外贸进出口稳中有进 浙江省商务厅', url: 'https://www.example.gov.cn/art/2023/4/12/art_1229_5678.html' },
  );

  it("reads the article's hit counter script, not the column's visit counter", () => {
    expect(page.publishedAt).toBe('2023-04-12T10:30:00+08:00');
    expect(page.source).toBe('省商务厅');
    expect(page.views).toBeNull();
    expect(page.viewsUrl).toBe('https://www.example.gov.cn/module/visitcount/articleHits.jsp?colid=1229&artid=5678');
  });
});

describe('source, author and editor cues', () => {
  const around = (line: string) =>
    run(`<h1>某某活动举行</h1><div class="meta">${line}</div>${BODY}`, { title: '某某活动举行_新闻_某网' });

  it.each([
    ['来源：新华社 作者：张三 责任编辑：李四', '新华社', '张三', '李四'],
    ['来源:新华社　作者:张三　责任编辑:李四', '新华社', '张三', '李四'],
    ['来源 ： <a href="http://www.people.com.cn/">人民网</a> 作者 ：王五', '人民网', '王五', null],
    ['2005年3月11日12:12 来源：[ <a href="http://www.people.com.cn/">人民网</a> ]', '人民网', null, null],
    ['文章来源：证券市场红周刊 责任编辑：杨倩_NF4425', '证券市场红周刊', null, '杨倩'],
    ['2019-09-26 12:11来源：证券时报网作者：李在山', '证券时报网', '李在山', null],
    ['发表于2014-08-24 21:30| 1164次阅读| 来源CSDN| 0 条评论| 作者魏星', 'CSDN', '魏星', null],
    ['来源：本站原创 作者：网络整理', null, null, null],
    ['信息来源：省发改委 发布日期：2016-11-22', '省发改委', null, null],
    ['来源：全国工商联 宣教部 作者：李明', '全国工商联 宣教部', '李明', null],
    ['来源：人民网 浙江频道', '人民网 浙江频道', null, null],
    ['2024-05-20 09:12 来源：荆楚网（湖北日报网） 【打印】 【纠错】', '荆楚网（湖北日报网）', null, null],
    ['来源：海关总署 新闻发布 2024-05-09', '海关总署', null, null],
    ['<span class="source">本文来源于<span><a href="http://www.stats.gov.cn/">国家统计局</a></span>　<span>2024-05-11 09:36:26</span></span>', '国家统计局', null, null],
  ])('%s', (line, source, author, editor) => {
    const page = around(line);
    expect(page.source).toBe(source);
    expect(page.author).toBe(author);
    expect(page.editor).toBe(editor);
  });

  it('never puts the outlet or the editor into author', () => {
    const page = around('来源：新京报 责任编辑：霍琦');
    expect(page.author).toBeNull();
    expect(page.source).toBe('新京报');
    expect(page.editor).toBe('霍琦');
  });

  it.each([
    ['编辑：张倩 &nbsp; 校对：刘洋 &nbsp; 审核：陈刚', '张倩'],
    ['责任编辑：张倩 责任校对：刘洋', '张倩'],
    ['编辑：张倩 审校：王五 终审：陈刚', '张倩'],
    ['初审：王五 复审：刘洋 终审：陈刚', null],
  ])('ends the editor at the proofreading and sign-off roles after the body: %s', (line, editor) => {
    const page = run(`<h1>某某活动举行</h1>${BODY}<div class="editors">${line}</div>`, { title: '某某活动举行' });
    expect(page.editor).toBe(editor);
    expect(page.author).toBeNull();
    if (editor !== null) expect(page.consumed.map((el) => textOf(el))).toContainEqual(expect.stringContaining(editor));
  });

  it('reads the writer named in an essay headline when the text opens with the bare title and that name', () => {
    const essay = (title: string, opening: string) =>
      run(`<h1>${title}</h1><div>发布日期：2005-07-05 21:23</div><div>${opening}${BODY}</div>`, { title });
    expect(essay('茉莉：我是怎样卷入八九民运的', '<p>我是怎样卷入八九民运的</p><p>茉莉</p>').author).toBe('茉莉');
    // A headline quoting a speaker: the name never stands alone after the bare title.
    expect(essay('李强：经济长期向好的基本面没有变', '<p>经济长期向好的基本面没有变</p><p>新华社</p>').author).toBeNull();
    expect(essay('李强：经济长期向好的基本面没有变', '<p>李强</p>').author).toBeNull();
  });

  it.each([
    ['<p>每经记者 孙浩然　每经编辑 陈梦</p>', '陈梦'],
    ['<p>编辑 刘洋</p><p>校对 张彤</p>', '刘洋'],
    ['<p>编辑 链接</p>', null],
    ['<div class="articleEditor"><p>编辑 李雪</p></div>', '李雪'],
    ['<p class="zrbj">编辑 李雪</p>', '李雪'],
    ['<div class="toolbar"><p>编辑 李雪</p></div>', null],
    ['<p>编辑入门</p><p>编辑规则</p>', null],
  ])('reads an editor from a line of space-separated credits: %s', (credits, editor) => {
    const page = run(`<h1>某某活动举行</h1>${BODY}${credits}`, { title: '某某活动举行' });
    expect(page.editor).toBe(editor);
  });

  it('prefers 责任编辑 over a plain 编辑 further up', () => {
    const page = run(`<h1>某某活动举行</h1>${BODY}<div>编辑|甲乙</div><div>责编|丙丁</div>`, { title: '某某活动举行' });
    expect(page.editor).toBe('丙丁');
  });

  it('reads the reporter from the lead when there is no label', () => {
    const page = run(
      `<h1>亚马逊海外购登陆拼多多</h1><div class="post_time_source">2019-11-25 11:01:53 来源: 新京报</div>
       <p>新京报讯（记者 陆一夫）11月25日，新京报记者登录拼多多全球购页面发现，亚马逊海外购与拼多多达成合作。</p>`,
      { title: '亚马逊海外购登陆拼多多_网易科技' },
    );
    expect(page.author).toBe('陆一夫');
    expect(page.source).toBe('新京报');
  });

  it('reads a source that only survives in an HTML comment', () => {
    const page = run(
      `<h1>内蒙古延续部分到期税收优惠政策</h1><div class="date_source"><span>发布日期：2022-02-11 08:52</span>
       <!-- <span>来源：内蒙古日报</span> --> <span id="pageview"> <!--浏览次数：192--> </span></div>${BODY}`,
      { title: '内蒙古延续部分到期税收优惠政策_政务' },
    );
    expect(page.source).toBe('内蒙古日报');
    expect(page.views).toBeNull();
    expect(page.publishedAt).toBe('2022-02-11T08:52:00+08:00');
  });
});

describe('views', () => {
  const meta = (line: string) => run(`<h1>标题文字在此</h1><div class="info">${line}</div>${BODY}`, { title: '标题文字在此' });

  it.each([
    ['发布时间：2022-02-27 10:05 浏览：5595', 5595],
    ['浏览次数：<span id="hits">1,234</span>', 1234],
    ['点击：<span id="hits"></span>', null],
    ['阅读 539', 539],
    ['1164次阅读', 1164],
    ['人气：88', 88],
    ['阅读：10万+', null],
  ])('%s -> %s', (line, views) => {
    expect(meta(line).views).toBe(views);
  });

  it('reads a hidden counter that holds the number after its script', () => {
    const page = meta(
      '<span>时间：2019-09-25</span> <span style="display:none">阅读：<script src="https://www.example.com/e/public/ViewClick/?classid=2&amp;id=4385"></script>1644</span>',
    );
    expect(page.views).toBe(1644);
    expect(page.viewsUrl).toBe('https://www.example.com/e/public/ViewClick/?classid=2&id=4385');
  });

  it('reads a counter element by its id, and a number after an eye icon on the meta line', () => {
    const byId = run(
      `<h1>标题文字在此</h1><div class="title-meta">发布时间：2019-09-26 10:09:11</div><div style="display: none;"><span id="js-article-viewCount">3573</span></div>${BODY}`,
      { title: '标题文字在此' },
    );
    expect(byId.views).toBe(3573);
    const eye = run(
      `<h2 class="post-title">标题文字在此</h2><h6 class="post-footer"><a class="post-date">2019年09月11日</a><i class="fa fa-user"></i>富达传媒<i class="fa fa-eye"></i>1665<i class="fa fa-comment"></i>0</h6>${BODY}`,
      { title: '标题文字在此' },
    );
    expect(eye.views).toBe(1665);
    const farEye = run(`<h1>标题文字在此</h1>${BODY.repeat(8)}<div class="side"><i class="fa fa-eye"></i>99</div>`, { title: '标题文字在此' });
    expect(farEye.views).toBeNull();
  });

  it('ignores the counters of a ranking list far below the article', () => {
    const page = run(
      `<h1>标题文字在此</h1><div class="info">2022-02-27</div>${BODY.repeat(5)}<ul class="rank">${'<li><a href="#">别的文章</a> 点击数：892465</li>'.repeat(3)}</ul>`,
      { title: '标题文字在此' },
    );
    expect(page.views).toBeNull();
  });
});

describe('summary', () => {
  const page = (block: string) => run(`<h1>今日要闻标题</h1><div class="info">2022-01-02</div>${block}${BODY}`, { title: '今日要闻标题' });

  it.each([
    ['<div class="introduce">核心提示：持续发力抓项目</div>', '持续发力抓项目'],
    ['<div class="introduce">持续发力抓项目，奋楫当先促转型</div>', '持续发力抓项目，奋楫当先促转型'],
    ['<div class="art_summary">核心提示：腊八节要吃腊八粥，很多人不知道怎样做。</div>', '腊八节要吃腊八粥，很多人不知道怎样做。'],
    ['<p>【导读】本文介绍三项新政策的要点和影响。</p>', '本文介绍三项新政策的要点和影响。'],
    ['<div class="box">内容提要：本文介绍三项新政策的要点。</div>', '本文介绍三项新政策的要点。'],
  ])('%s', (block, summary) => {
    expect(page(block).summary).toBe(summary);
  });

  it.each([
    '<div class="lilt_intro">把你最喜欢的栏目添加到这里来哦 马上登录</div>',
    '<div class="art-lead">发布含光800芯片时，张建锋拿出一张芯片展示。</div>',
    '<cite class="praise_intro">赶快成为第一个赞的人吧</cite>',
    '<p>摘要这个词在这里只是正文的一部分，并不是标签。</p>',
  ])('no summary: %s', (block) => {
    expect(page(block).summary).toBeNull();
  });
});

describe('title', () => {
  it('strips the site tail of <title> when no element carries the headline', () => {
    expect(run(BODY, { title: '全省经济运行平稳_要闻_某某网' }).title).toBe('全省经济运行平稳');
  });

  it('prefers og:title over a bare <title>', () => {
    const page = run(BODY, {
      title: '某某网',
      head: '<meta property="og:title" content="全省经济运行平稳向好">',
    });
    expect(page.title).toBe('全省经济运行平稳向好');
  });

  it('finds an emphasised headline of a table-layout page whose <title> says nothing', () => {
    const page = run(
      `<table><tr><td align="center"><b><font size="3" color="blue">犬儒病(上)</font></b></td></tr></table><p>胡平</p>${BODY}`,
      { title: '显示' },
    );
    expect(page.title).toBe('犬儒病(上)');
    expect(page.author).toBe('胡平');
  });

  it('takes the h1 when <title> is only the site name', () => {
    const page = run(`<h1>晋商年会在太原开幕 千名企业家参会</h1><div class="info">2022-02-27 10:05</div>${BODY}`, {
      title: '山西晋商网',
    });
    expect(page.title).toBe('晋商年会在太原开幕 千名企业家参会');
  });

  it('does not take a logo h1 holding the site name', () => {
    const page = run(
      `<h1 class="logo"><a href="/">山西晋商网</a></h1><div class="article"><h2 class="title">晋商年会在太原开幕</h2><div class="info">2022-02-27</div>${BODY}</div>`,
      { title: '晋商年会在太原开幕_资讯_山西晋商网' },
    );
    expect(page.title).toBe('晋商年会在太原开幕');
  });

  it('skips list headings that link elsewhere', () => {
    const page = run(
      `<h2><a href="/a.html">全省经济运行</a></h2><div class="article"><h1>全省经济运行平稳 一季度增长6%</h1>${BODY}</div>`,
      { title: '全省经济运行平稳 一季度增长6%-某某网' },
    );
    expect(page.title).toBe('全省经济运行平稳 一季度增长6%');
  });

  it('leaves an audio button set inside the h1 out of the headline', () => {
    const page = run(
      `<h1 class="article__title"><span class="article__title">晋商年会在太原开幕，千名企业家参会，签约项目三百个，总投资超过一千亿元</span><div class="article-audio"><div class="audio-btn">播报文章</div><audio src=""></audio><div class="audio-tip">语音播报文章，释放双眼</div></div></h1>${BODY}`,
      { title: '晋商年会在太原开幕，千名企业家参会，签约项目三百个，总投资超过一千亿元' },
    );
    expect(page.title).toBe('晋商年会在太原开幕，千名企业家参会，签约项目三百个，总投资超过一千亿元');
  });
});

describe('publishedAt', () => {
  it('takes the date near the headline, not one from a related list', () => {
    const page = run(
      `<ul class="related"><li>2018-01-01 旧闻一则</li></ul><h1>今日要闻标题</h1><div class="info">发布日期：2022-02-27</div>${BODY}<div class="footer">2003-2022 版权所有</div>`,
      { title: '今日要闻标题_某网' },
    );
    expect(page.publishedAt).toBe('2022-02-27');
  });

  it('adds the seconds of a meta tag that agrees with the printed minute', () => {
    const page = run(`<h1>今日要闻标题</h1><div class="info">2019-09-07 13:43 来源：新华社</div>${BODY}`, {
      title: '今日要闻标题',
      head: '<meta property="article:published_time" content="2019-09-07T13:43:45+08:00">',
    });
    expect(page.publishedAt).toBe('2019-09-07T13:43:45+08:00');
  });

  it('keeps the printed time when the meta tag disagrees', () => {
    const page = run(`<h1>今日要闻标题</h1><div class="info">2019年09月07日 04:04 北京日报</div>${BODY}`, {
      title: '今日要闻标题',
      head: '<meta property="article:published_time" content="2019-09-07T06:52:51+08:00">',
    });
    expect(page.publishedAt).toBe('2019-09-07T04:04:00+08:00');
    expect(page.source).toBe('北京日报');
  });

  it('falls back to JSON-LD', () => {
    const page = run(`<h1>今日要闻标题</h1>${BODY}`, {
      title: '今日要闻标题',
      head: '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-03-09T10:14:21Z"}</script>',
    });
    expect(page.publishedAt).toBe('2020-03-09T18:14:21+08:00');
  });

  it('resolves a relative date against now', () => {
    const page = run(`<h1>今日要闻标题</h1><div class="time">3小时前</div>${BODY}`, { title: '今日要闻标题' });
    expect(page.publishedAt).toBe('2026-11-27T10:00:00+08:00');
  });

  it('reads local times in the given zone and warns about an unknown zone', () => {
    const line = `<h1>今日要闻标题</h1><div class="info">2022-07-01 12:00</div>${BODY}`;
    expect(run(line, { title: '今日要闻标题', timeZone: 'Europe/Berlin' }).publishedAt).toBe('2022-07-01T12:00:00+02:00');
    const bad = run(line, { title: '今日要闻标题', timeZone: 'Mars/Olympus' });
    expect(bad.publishedAt).toBe('2022-07-01T12:00:00+08:00');
    expect(bad.warnings[0]).toContain('Mars/Olympus');
  });

  it('is null when the page shows no date', () => {
    expect(run(`<h1>今日要闻标题</h1>${BODY}`, { title: '今日要闻标题' }).publishedAt).toBeNull();
  });
});

describe('site profiles', () => {
  const profile: SiteProfile = {
    name: 'test-site',
    fields: {
      title: ['.no-such-thing', '.headline'],
      publishedAt: [['meta[name="pubtime"]', 'content']],
      source: ['.from'],
      author: ['.writer'],
    },
  };
  const page = run(
    `<h1>网站名称</h1><div class="headline">真正的标题</div><div class="from">来源：某某日报</div><div class="writer">张三</div>
     <div class="info">2001-01-01 来源：别的报 作者：李四</div>${BODY}`,
    { title: '网站名称', head: '<meta name="pubtime" content="2021-05-06 07:08">', profile },
  );

  it('uses the first selector that matches a non-empty node', () => {
    expect(page.title).toBe('真正的标题');
    expect(page.publishedAt).toBe('2021-05-06T07:08:00+08:00');
    expect(page.source).toBe('某某日报');
    expect(page.author).toBe('张三');
  });

  it('reads date, source, author and views from the labels of the meta-line selector', () => {
    const destoon = BUILTIN_PROFILES.find((p) => p.name === 'destoon');
    expect(destoon).toBeDefined();
    const page = run(
      `<h1 class="title" id="title">晋商年会在太原举行</h1>
       <div class="info">发布日期：2021-09-10&nbsp;&nbsp;来源：<a href="#">山西晚报</a>&nbsp;&nbsp;作者：孙七&nbsp;&nbsp;浏览次数：<span id="hits">321</span></div>${BODY}`,
      { title: '晋商年会在太原举行_资讯_某网', profile: destoon ?? null },
    );
    expect(page).toMatchObject({ title: '晋商年会在太原举行', publishedAt: '2021-09-10', source: '山西晚报', author: '孙七', views: 321 });
    expect(page.consumed.map((el) => el.attribs.class)).toContain('info');
  });

  it('reads the unlabelled date of the PHPCMS meta line', () => {
    const phpcms = BUILTIN_PROFILES.find((p) => p.name === 'phpcms');
    const page = run(
      `<div id="Article"><h1>省政府召开常务会议<br /><span>2019-03-05 16:20:11&nbsp;&nbsp;&nbsp;来源：省政府办公厅&nbsp;&nbsp;&nbsp;评论：<a href="#" id="comment">0</a> 点击：</span><span id="hits"></span></h1><div class="content">${BODY}</div></div>`,
      { title: '省政府召开常务会议 - 新闻', profile: phpcms ?? null },
    );
    expect(page).toMatchObject({ title: '省政府召开常务会议', publishedAt: '2019-03-05T16:20:11+08:00', source: '省政府办公厅', views: null });
  });

  it('warns about a selector css-select cannot parse, and goes on', () => {
    const broken = run(`<h1>今日要闻标题</h1>${BODY}`, {
      title: '今日要闻标题',
      profile: { name: 'broken', fields: { title: ['h1[[['] } },
    });
    expect(broken.title).toBe('今日要闻标题');
    expect(broken.warnings.some((w) => w.includes('h1[[['))).toBe(true);
  });
});

describe('robustness', () => {
  it('returns nulls for an empty page without throwing, and says so', () => {
    const page = run('');
    expect(page).toMatchObject({ title: null, publishedAt: null, source: null, author: null, editor: null, views: null });
    expect(page.warnings).toEqual(['no headline found (no heading, meta title or <title>)']);
  });

  it('keeps the consumed elements small', () => {
    const page = run(
      `<div class="wrap"><h1>今日要闻标题</h1><div class="info">来源：新华社 2022-01-02</div>${BODY}</div>`,
      { title: '今日要闻标题' },
    );
    for (const el of page.consumed) expect(textOf(el).length).toBeLessThan(60);
  });
});

describe('deeply nested markup', () => {
  it('walks 20,000 nested elements without overflowing the stack', () => {
    const depth = 20_000;
    const page = run(
      `${'<div>'.repeat(depth)}<h1>今日要闻标题</h1><div class="info">来源：新华社 2022-01-02 10:00</div>${'</div>'.repeat(depth)}`,
      { title: '今日要闻标题' },
    );
    expect(page.title).toBe('今日要闻标题');
    expect(page.source).toBe('新华社');
    expect(page.publishedAt).toBe('2022-01-02T10:00:00+08:00');
  });
});

describe('news-feed and finance-site credit lines', () => {
  it("reads a feed's 'date · outlet' line for the source, after any labelled 来源", () => {
    const feed = run(`<h1>太原地铁2号线客流创新高</h1><div class="meta">原创 2025-03-02 18:20 · 山西晚报</div>${BODY}`, {
      title: '太原地铁2号线客流创新高',
    });
    expect(feed.source).toBe('山西晚报');
    expect(feed.publishedAt).toBe('2025-03-02T18:20:00+08:00');
    const labelled = run(
      `<h1>太原地铁2号线客流创新高</h1><div class="meta">2025-03-02 18:20 · 苏皖城市报道</div>${BODY}<p>来源：太原日报</p>`,
      { title: '太原地铁2号线客流创新高' },
    );
    expect(labelled.source).toBe('太原日报');
  });

  it("reads an outlet's reporter and editor credited with a bar", () => {
    const page = run(
      `<h1>新能源车企加速出海</h1><div class="author">界面新闻记者 | 赵天宇</div><div class="date">2024/05/20 10:05</div>${BODY}<p>界面新闻编辑 | 宋佳楠</p>`,
      { title: '新能源车企加速出海' },
    );
    expect(page.author).toBe('赵天宇');
    expect(page.editor).toBe('宋佳楠');
  });

  it('takes a div.abstract as the summary only when it opens with its label', () => {
    const labelled = run(`<h1>锂电板块午后拉升</h1><div class="time">2024年03月15日 14:32</div>
      <div class="abstract"><span>摘要</span> 3月15日午后，锂电板块集体拉升，多只个股涨停。</div>${BODY}`);
    expect(labelled.summary).toBe('3月15日午后，锂电板块集体拉升，多只个股涨停。');
    const gallery = run(`<h1>锂电板块午后拉升</h1><div class="time">2024年03月15日 14:32</div>
      <div class="abstract">3月15日午后，锂电板块集体拉升，多只个股涨停。</div>${BODY}`);
    expect(gallery.summary).toBeNull();
  });
});

describe("a Taiwan association's meta line", () => {
  it('reads 點閱數 as the views, and an unknown label ends the value before it', () => {
    const page = run(`<h1>台商會舉辦經貿座談</h1><div class="info">發佈日期：2022/11/03 資料來源：經濟日報 撰文：陳家齊 點閱數：863</div>${BODY}`);
    expect(page.publishedAt).toBe('2022-11-03');
    expect(page.source).toBe('經濟日報');
    expect(page.author).toBe('陳家齊');
    expect(page.views).toBe(863);
    const unknown = run(`<h1>台商會舉辦經貿座談</h1><div class="info">發佈日期：2022/11/03 撰文：陳家齊 審閱者：林某某</div>${BODY}`);
    expect(unknown.author).toBe('陳家齊');
  });
});

describe("a notice's attachments", () => {
  it('stay in the body: linked document files under 附件, not a download button', () => {
    const html = `<html><head><title>关于申报2024年度服务业发展引导资金项目的通知</title></head><body>
      <h1>关于申报2024年度服务业发展引导资金项目的通知</h1><div class="info">时间：2024-01-08 15:30 来源：市发展改革委</div>
      <div class="TRS_Editor">${BODY}
      <p>附件：<a href="/upload/2024/01/guide.docx">1.2024年度市级服务业发展引导资金项目申报指南.docx</a></p>
      <p><a href="/upload/2024/01/form.xlsx">2.项目申报汇总表.xlsx</a></p>
      <p><a href="/upload/2024/01/report.pdf">立即下载完整报告</a></p></div></body></html>`;
    const article = extract(Buffer.from(html), { url: 'http://www.example.gov.cn/art/2024/1/8/art_1_2.html', now: NOW });
    expect(article.body).toContain('1.2024年度市级服务业发展引导资金项目申报指南.docx');
    expect(article.body).toContain('2.项目申报汇总表.xlsx');
    expect(article.body).not.toContain('立即下载完整报告');
  });
});

describe('a 信息公开 table of label and value cells above the headline', () => {
  const table = (rows: string) => `<table class="xxgk-info">${rows}</table>`;
  const FIELDS = `<tr><th>索引号</th><td>11330500002609725K/2023-167035</td><th>主题分类</th><td>经济管理</td></tr>
    <tr><th>发布机构</th><td>湖州市人民政府办公室</td><th>文号</th><td>湖政办发〔2023〕32号</td></tr>
    <tr><th>成文日期</th><td>2023-12-25</td><th>发布日期</th><td>2023-12-28</td></tr>
    <tr><th>有效性</th><td colspan="3">有效</td></tr>`;

  it('reads the publishing body and the 发布日期 (not the 成文日期 nor the signing date)', () => {
    const page = run(
      `${table(FIELDS)}<h2>湖州市人民政府办公室关于印发促进民营经济高质量发展若干措施的通知</h2>${BODY}
       <p style="text-align:right">湖州市人民政府办公室</p><p style="text-align:right">2023年12月25日</p>`,
      { title: '湖州市人民政府办公室关于印发促进民营经济高质量发展若干措施的通知' },
    );
    expect(page.source).toBe('湖州市人民政府办公室');
    expect(page.publishedAt).toBe('2023-12-28');
  });

  it('leaves a data table with a header row alone', () => {
    const prices = table(`<tr><th>日期</th><th>品种</th><th>来源</th></tr><tr><td>2023-12-25</td><td>动力煤</td><td>山西日报</td></tr>`);
    const page = run(`<h2>本周煤炭价格小幅上涨</h2><div class="info">发布时间：2024-01-02 09:00</div>${BODY}${prices}`, {
      title: '本周煤炭价格小幅上涨',
    });
    expect(page.publishedAt).toBe('2024-01-02T09:00:00+08:00');
    expect(page.source).toBeNull();
  });
});

describe('pages that show their date and text only by script', () => {
  const wechat = (date: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>侯马经济开发区产业对接会举行</title>
    <meta property="og:site_name" content="微信公众平台"></head><body><div class="rich_media_area_primary">
    <h1 class="rich_media_title" id="activity-name">侯马经济开发区产业对接会举行</h1>
    <div id="meta_content"><span class="rich_media_meta rich_media_meta_text">原创</span> <a id="js_name">山西商会</a>
    <em id="publish_time" class="rich_media_meta rich_media_meta_text"></em></div>
    <div class="rich_media_content" id="js_content" style="visibility: hidden;">${BODY}${BODY}</div></div>
    <script>var ct = "${date}"; var msg_title = "侯马经济开发区产业对接会举行";</script></body></html>`;

  it("reads a WeChat article's text revealed by script and its publish time from `ct`", () => {
    const article = extract(Buffer.from(wechat('1715306700')), { url: 'https://mp.weixin.qq.com/s/abc', now: NOW });
    expect(article.publishedAt).toBe('2024-05-10T10:05:00+08:00');
    expect(article.body).toContain('持续发力抓项目');
  });

  it('takes no timestamp from the future or before 2000, and no hidden text that is only a scrap', () => {
    expect(extract(Buffer.from(wechat('1915306700')), { url: 'https://mp.weixin.qq.com/s/abc', now: NOW }).publishedAt).toBeNull();
    expect(extract(Buffer.from(wechat('0915306700')), { url: 'https://mp.weixin.qq.com/s/abc', now: NOW }).publishedAt).toBeNull();
    const scrap = `<html><body><h1>侯马经济开发区产业对接会举行</h1><div class="info">发布时间：2024-05-10 10:05</div>
      <div id="content">${BODY}<p style="visibility:hidden">本文来自商会网，转载请注明</p></div></body></html>`;
    expect(extract(Buffer.from(scrap), { url: 'http://www.example.com/news/show-1.html', now: NOW }).body).not.toContain('转载请注明');
  });

  it("reads a 百家号 page's year-less date with the year its script holds, and the account above it", () => {
    const page = run(
      `<h2 class="index-title">太原综保区一季度进出口增长三成</h2><div class="author-box"><div class="author-name">山西日报</div>
       <div class="date">发布时间：05-10 10:05 山西日报社官方帐号</div></div>${BODY}
       <script>window.jsonData = {"publishTime":"2024-05-10 10:05:12","title":"太原综保区一季度进出口增长三成"};</script>`,
      { title: '太原综保区一季度进出口增长三成' },
    );
    expect(page.publishedAt).toBe('2024-05-10T10:05:12+08:00');
    expect(page.source).toBe('山西日报');
  });
});

describe('images that are no photo of the article', () => {
  it("leaves out the writer's or account's avatar", () => {
    const html = `<html><body><h1>太原综保区一季度进出口增长三成</h1><div id="article">
      <div class="author-box"><div class="author-icon"><img src="https://pics.example.com/feed/8b82b9014a90.jpeg" width="200"></div>山西日报 +关注</div>
      ${BODY}<p><img src="https://pics.example.com/feed/photo-1.jpeg"></p><p>5月8日，工作人员正在查验出口货物。郝晓琴 摄</p>${BODY}</div></body></html>`;
    const article = extract(Buffer.from(html), { url: 'http://www.example.com/news/show-1.html', now: NOW });
    expect(article.images.map((i) => i.src)).toEqual(['https://pics.example.com/feed/photo-1.jpeg']);
  });

  it("does not take a script library for a counter script, but asks 博达 VSB's counter what its inline call names", () => {
    const page = run(`<h1>全省外贸稳中有进</h1><div class="info">发布时间：2023-04-12 浏览次数：<script>_showDynClicks("wbnews", 1412614994, 1081)</script></div>
      <script src="/system/resource/js/dynclicks.js"></script>${BODY}`);
    expect(page.viewsUrl).toBe('http://www.example.com/system/resource/code/news/click/dynclicks.jsp?clickid=1081&owner=1412614994&clicktype=wbnews');
    const library = run(`<h1>全省外贸稳中有进</h1><div class="info">发布时间：2023-04-12</div><script src="/system/resource/js/dynclicks.js"></script>${BODY}`);
    expect(library.viewsUrl).toBeNull();
  });

  it("takes EyouCMS's arcclick API for a counter script", () => {
    const page = run(`<h1>全省外贸稳中有进</h1><div class="info">发布时间：2023-04-12 浏览量：<script src="/index.php?m=api&c=Ajax&a=arcclick&type=view&aids=356"></script></div>${BODY}`);
    expect(page.viewsUrl).toBe('http://www.example.com/index.php?m=api&c=Ajax&a=arcclick&type=view&aids=356');
  });

  it("asks JEECMS's content_view.jspx for the count its Cms.viewCount call fills in", () => {
    const page = run(`<script>$(function(){ Cms.viewCount("/cms", "8123"); });</script><h1>全省外贸稳中有进</h1>
      <div class="msgbar">发布时间：2023-06-08 14:22:10 浏览次数：<span id="views"></span></div>${BODY}`);
    expect(page.viewsUrl).toBe('http://www.example.com/cms/content_view.jspx?contentId=8123');
  });
});

describe('bylines of commentaries and bilingual sites', () => {
  it('keeps 本报评论员 whole, and reads a "By" credit in a marked span of a long meta bar', () => {
    expect(run(`<h1>以高质量发展扎实推进中国式现代化</h1><div class="info">2023-03-01 作者：本报评论员 来源：光明日报</div>${BODY}`).author).toBe('本报评论员');
    const bar = run(`<h1>Chamber delegation visits Shanxi 商会代表团访问山西</h1>
      <div class="meta"><span class="meta-author">By 李婧</span> | <span class="meta-date">Mar 15, 2024 3:20 PM</span> | <span>Source：中国贸促会</span> | <span>Views：1,208</span></div>${BODY}`);
    expect(bar.author).toBe('李婧');
  });
});
