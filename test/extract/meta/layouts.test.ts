/**
 * Layouts seen on real portals besides the stock CMS templates: unlabelled date lines, bylines in the
 * lead, blog and forum headers, notes after the body. Each snippet is written here, modelled on the markup.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractContext } from '../../../src/extract/context.js';
import { parseHtml } from '../../../src/extract/dom.js';
import { extractMetadata, type Metadata } from '../../../src/extract/metadata.js';

const PARA = '<p>全省开发区2022年第一次项目集中签约一批、开工一批、投产一批，活动在全省各地同步举行，成效明显。</p>';

function run(body: string, title: string, url = 'http://www.example.com/a/1.html'): Metadata {
  const html = `<html><head><title>${title}</title></head><body>${body}</body></html>`;
  const ctx: ExtractContext = {
    url: new URL(url),
    html,
    now: new Date('2026-11-27T05:00:00Z'),
    timeZone: 'Asia/Shanghai',
    profile: null,
    warnings: [],
  };
  return extractMetadata(parseHtml(html), ctx);
}

describe('unlabelled date lines', () => {
  it('reads the outlet printed after the date', () => {
    const page = run(`<h1>交通网络建设提速</h1><div class="tip">2019-09-26 10:56:28 证券时报网</div>${PARA}`, '交通网络建设提速-股票频道-和讯网');
    expect(page.publishedAt).toBe('2019-09-26T10:56:28+08:00');
    expect(page.source).toBe('证券时报网');
  });

  it('does not take a self-media account printed before the date for an outlet', () => {
    const page = run(`<h1>较强冷空气来袭</h1><div class="article-sub">中国网 2019-11-25 10:37:31</div>${PARA}`, '较强冷空气来袭');
    expect(page.source).toBeNull();
    expect(page.publishedAt).toBe('2019-11-25T10:37:31+08:00');
  });

  it("takes a name before the date for the outlet only when it is the site's own name", () => {
    const own = run(`<h1>北京二手房网签量回升</h1><div><span class="author"><a href="/">新京报</a></span> <span class="timer">2024-05-20 15:50</span></div>${PARA}`, '北京二手房网签量回升 | 新京报');
    expect(own.source).toBe('新京报');
    expect(own.publishedAt).toBe('2024-05-20T15:50:00+08:00');
    const named = run(
      `<h1>北京二手房网签量回升</h1><div><span class="author">新京报</span> <span class="timer">2024-05-20 15:50</span></div>${PARA}`.replace('<h1>', '<meta property="og:site_name" content="新京报"><h1>'),
      '北京二手房网签量回升',
    );
    expect(named.source).toBe('新京报');
    // A platform's account printed the same way is not the platform.
    const account = run(`<h1>北京二手房网签量回升</h1><div><span class="author">楼市观察者</span> <span class="timer">2024-05-20 15:50</span></div>${PARA}`, '北京二手房网签量回升 - 百家号');
    expect(account.source).toBeNull();
  });

  it('takes a name before the date for the outlet when the lead repeats it (【慧聪网】, 慧聪网讯)', () => {
    for (const lead of ['【慧聪网】近日，工程机械行业数据显示', '慧聪网讯 近日，工程机械行业数据显示']) {
      const page = run(`<h1>挖掘机销量回升</h1><div class="info">慧聪网 2023-05-06 09:12:33</div><p>${lead}，挖掘机销量同比回升。</p>${PARA}`, '挖掘机销量回升_慧聪工程机械网');
      expect(page.source).toBe('慧聪网');
    }
    const unrelated = run(`<h1>挖掘机销量回升</h1><div class="info">机械观察 2023-05-06 09:12:33</div><p>【慧聪网】近日，挖掘机销量同比回升。</p>${PARA}`, '挖掘机销量回升');
    expect(unrelated.source).toBeNull();
  });

  it("reads a market report's analyst as its author", () => {
    const page = run(`<h1>本周钢价震荡偏弱</h1><div class="info">2023-06-12 16:20 来源：我的钢铁网</div>${PARA}<p>分析师：王建 021-26093021</p>`, '本周钢价震荡偏弱');
    expect(page.author).toBe('王建');
  });

  it('reads the outlet of an old Sina page after its channel URL, and one in 《》', () => {
    const a = run(`<table><tr><th class="f24">小两口尝试以钱生钱</th></tr><tr><td>http://house.sina.com.cn 2005年03月31日03:18 北京娱乐信报</td></tr></table>${PARA}`, '小两口尝试以钱生钱_新浪房产_新浪网');
    expect(a.title).toBe('小两口尝试以钱生钱');
    expect(a.source).toBe('北京娱乐信报');
    expect(a.publishedAt).toBe('2005-03-31T03:18:00+08:00');
    const b = run(`<h1>一夜暴富后如何经营</h1><div>http://www.sina.net 2005年03月21日 11:21 《理财周刊》</div>${PARA}`, '一夜暴富后如何经营_新浪网');
    expect(b.source).toBe('理财周刊');
  });

  it('reads writer/outlet above a date-only line', () => {
    const page = run(`<h1 class="news_title">共享充电宝涨价</h1><p>石佳/中国青年报</p><p>2019-09-24 09:10</p>${PARA}`, '共享充电宝涨价_澎湃新闻');
    expect(page.author).toBe('石佳');
    expect(page.source).toBe('中国青年报');
  });

  it('ignores a date run into a sentence under the headline', () => {
    const page = run(
      `<h1>关于批准财政部发行特别国债的决议</h1><p>（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）</p>${PARA}`,
      '关于批准财政部发行特别国债的决议_中国政府网',
    );
    expect(page.publishedAt).toBeNull();
  });

  it('reads a date a script writes into the meta line', () => {
    const page = run(
      `<div class="main-text"><script>showDate("2020/04/17 01:43:09")</script>　瀏覽<strong>7</strong>｜回應0</div>${PARA}`,
      '若雲域',
    );
    expect(page.publishedAt).toBe('2020-04-17T01:43:09+08:00');
    expect(page.views).toBe(7);
  });

  it('reads a date badge split over tiny blocks', () => {
    const page = run(
      `<h1>儿歌一分钱被改成一元钱</h1><div class="year">2019</div><div class="md">09/07</div><div class="time">19:02</div>${PARA}`,
      '儿歌一分钱被改成一元钱',
    );
    expect(page.publishedAt).toBe('2019-09-07T19:02:00+08:00');
  });

  it('reads a badge of spans over the headline, not a month-day opening a caption below it', () => {
    const page = run(
      `<div class="time"><span class="year"><em> 2022</em></span><span class="day"><em> 02</em>/<em>27</em></span><span> 10:05:33</span></div>` +
        `<div class="source">来源：华北新闻网</div><h1>全国春耕生产进展顺利</h1>${PARA}` +
        '<p><img src="/a.jpg"></p><p>2月26日，农民在江西省南昌县的田间作业。记者 彭昭之 摄</p>',
      '全国春耕生产进展顺利-华北新闻网',
    );
    expect(page.publishedAt).toBe('2022-02-27T10:05:33+08:00');
  });

  it('does not read a month-day inside the headline as the date', () => {
    const page = run(`<h2>5月20日至31日，京沪高速部分路段封闭！</h2><p class="time">2019-05-17 · 苏皖城市报道</p>${PARA}`, '5月20日至31日，京沪高速部分路段封闭！_网易订阅');
    expect(page.publishedAt).toBe('2019-05-17');
  });
});

describe('Discuz! and inline class-marked fields', () => {
  it('reads 来自 as the source and 查看 as the view count of a Discuz! portal article', () => {
    const page = run(
      '<h1 class="ph">某某活动在京举行</h1><p class="xg1">2023-5-10 09:12<span class="pipe">|</span> 发布者: admin<span class="pipe">|</span> 查看: <em id="_viewnum">1520</em><span class="pipe">|</span> 评论: 0<span class="pipe">|</span>原作者: 张三<span class="pipe">|</span>来自: <a href="http://www.example.com/">晋中日报</a></p>' +
        PARA,
      '某某活动在京举行',
    );
    expect([page.source, page.author, page.views]).toEqual(['晋中日报', '张三', 1520]);
  });

  it('reads the outlet from a span.source printed before the date', () => {
    const page = run(
      '<h1>某某活动在京举行</h1><div class="art-info"><span class="source">山西晚报</span> <span class="time">2024-05-10 09:12</span> <span class="read">阅读 2356</span></div>' +
        PARA,
      '某某活动在京举行',
    );
    expect([page.source, page.views]).toEqual(['山西晚报', 2356]);
  });

  it('reads a summary whose label stands alone over it', () => {
    const page = run(
      '<h1>某某活动在京举行</h1><div class="info">2024-04-18 来源：晋中日报</div><div class="hxts"><div class="hxts_tit">核心提示</div><div class="hxts_con">去年，平遥牛肉产业集群实现产值61.3亿元，同比增长12.4%。</div></div>' +
        PARA,
      '某某活动在京举行',
    );
    expect(page.summary).toBe('去年，平遥牛肉产业集群实现产值61.3亿元，同比增长12.4%。');
  });
});

describe('probed layouts (Empire CMS 7.5, self-media, og:title, linked outlet)', () => {
  it('never takes the heading of a related list for the headline', () => {
    const page = run(
      '<div class="show_t">市工商联举办民营企业家大讲堂第六期<br></div><div class="info">发布时间：2024-04-18 09:30:12 信息来源：市工商联宣传信息科</div>' +
        PARA +
        '<h3>相关文章</h3><ul><li><a href="/1.html">市工商联召开执委会议</a> 2024-01-19</li></ul>',
      '市工商联举办民营企业家大讲堂第六期_工作动态_市工商联',
    );
    expect(page.title).toBe('市工商联举办民营企业家大讲堂第六期');
  });

  it('prefers the printed headline with its date line over a differently worded og:title', () => {
    const html = `<html><head><title>晋企广交会成交 - 商报</title><meta property="og:title" content="第135届广交会开幕首日 山西交易团意向成交超千万美元"></head>
      <body><h1>广交会首日 晋企意向成交逾千万美元</h1><div class="info">2024-04-16 08:30 来源：<a href="http://www.example.com/">南方日报</a>(广州)</div>${PARA}</body></html>`;
    const ctx: ExtractContext = { url: new URL('http://www.example.com/a/1.html'), html, now: new Date('2026-11-27T05:00:00Z'), timeZone: 'Asia/Shanghai', profile: null, warnings: [] };
    const page = extractMetadata(parseHtml(html), ctx);
    expect(page.title).toBe('广交会首日 晋企意向成交逾千万美元');
    // The outlet is a link of its own: the place printed after it is left out.
    expect(page.source).toBe('南方日报');
  });

  it('keeps a place that the page prints with the outlet as one text', () => {
    expect(run(`<h1>某某活动在京举行</h1><div>2024-04-16 08:30 来源：新华社（北京）</div>${PARA}`, '某某活动在京举行').source).toBe('新华社（北京）');
  });

  it('reads a relative date that is an item of its own on a self-media meta line', () => {
    const page = run(`<h1>某某活动在京举行</h1><div class="meta">3小时前 · 发布于山西 · 2368阅读</div>${PARA}`, '某某活动在京举行');
    expect(page.publishedAt).toBe('2026-11-27T10:00:00+08:00');
  });

  it('reads several credited reporters on one line, each with outlet and title, and leaves bracketed correspondents out', () => {
    expect(run(`<h1>某某活动在京举行</h1><p>澎湃新闻首席记者 周頔 澎湃新闻记者 王蕾</p>${PARA}`, '某某活动在京举行').author).toBe('周頔 王蕾');
    expect(run(`<h1>某某活动在京举行</h1><p>本报讯（记者 刘佳 通讯员 郭文斌）${PARA.slice(3)}`, '某某活动在京举行').author).toBe('刘佳');
  });

  it('ends the editor at the picture editor', () => {
    expect(run(`<h1>某某活动在京举行</h1>${PARA}<p>责任编辑：陈斌　图片编辑：金洁</p>`, '某某活动在京举行').editor).toBe('陈斌');
  });

  it('takes a wzbt headline with its date line over a <title> that is only the site name', () => {
    const page = run(
      `<div class="logo"><a href="/"><img src="/logo.png" alt="平遥县融媒体中心"></a></div><div class="wzbt">平遥牛肉首批出口订单发往东南亚</div><div class="wzxx"><span>2024年05月10日 08:30</span></div>${PARA}`,
      '平遥县融媒体中心',
    );
    expect(page.title).toBe('平遥牛肉首批出口订单发往东南亚');
  });

  it('does not take a month and day from a list headline above the headline for the date', () => {
    const page = run(`<ul class="bbxw"><li><a href="/3.html">晋阳湖畔夜市5月18日开市</a></li></ul><h1>某某活动在京举行</h1><p>本报记者 郝雅琴</p>${PARA}`, '某某活动在京举行');
    expect(page.publishedAt).toBeNull();
  });

  it('does not take the last day of a period in the text for the date', () => {
    const page = run(`<h1>某某活动在京举行</h1>${PARA}<p>活动时间为2024年5月15日至2024年10月31日。</p>`, '某某活动在京举行');
    expect(page.publishedAt).toBeNull();
  });

  it('ends a labelled author at the correspondents', () => {
    expect(run(`<h1>某某活动在京举行</h1><div>2024-05-08 作者：记者 李永红 通讯员 牛建军</div>${PARA}`, '某某活动在京举行').author).toBe('李永红');
  });
});

describe('glued inline fields', () => {
  it('keeps adjacent spans apart: source, then a 文/ byline', () => {
    const page = run(
      `<h1>太原晋商文化周开幕</h1><div class="info"><span>2020-10-18 19:05</span><span>来源：太原晚报</span><span>文/ 李娜</span></div>${PARA}`,
      '太原晋商文化周开幕_太原晋商',
    );
    expect(page.source).toBe('太原晚报');
    expect(page.author).toBe('李娜');
  });

  it('reads counters and colon-less labels split over spans', () => {
    const page = run(
      `<h1>太原晋商文化周开幕</h1><div class="tit_bar">发表于<span>2014-08-24 21:30</span>| <span>1164</span>次阅读| 来源<a href="#">CSDN</a>| 作者<a href="#">魏星</a></div>${PARA}`,
      '太原晋商文化周开幕',
    );
    expect(page.source).toBe('CSDN');
    expect(page.author).toBe('魏星');
    expect(page.views).toBe(1164);
  });
});

describe('writers outside the meta line', () => {
  it.each([
    ['<p>澎湃新闻记者 段彦超 廖艳</p>', '段彦超 廖艳'],
    ['<p>□ 本报记者 葛灵丹</p>', '葛灵丹'],
    ['<p>〔記者巫其倫／台北報導〕財政部今天下午將公佈今年1-2月期統一發票中獎清冊。</p>', '巫其倫'],
    ['<p>长江网10月4日讯（记者陈智 整合） 国庆中秋长假过半，外媒关注武汉的热情不减。</p>', '陈智'],
    ['<div>2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]</div>', '黄宇'],
    ['<div>ggjjzhzz 发表于 2005-9-15 11:46:00</div>', 'ggjjzhzz'],
    ['<p>观察者网专栏作者 王文</p>', '王文'],
    // A lead paragraph opening with its reporters, unbracketed; the correspondent is not an author.
    ['<p>本报记者 李明 通讯员 王芳　6月7日，太原高新区数字经济产业园正式开园，首批入驻企业58家。</p>', '李明'],
    ['<p>记者 王芳 从市发展改革委获悉，今年一季度全市固定资产投资同比增长百分之八点三。</p>', '王芳'],
    ['<div>撰稿：刘倩　摄影：赵鹏　审核：张建平</div>', '刘倩'],
  ])('%s', (line, author) => {
    expect(run(`<h1>某某活动在京举行</h1>${line}${PARA}`, '某某活动在京举行_某网').author).toBe(author);
  });

  it('does not take a tag under a portal headline for a name', () => {
    const page = run(`<h1>某某活动在京举行</h1><div>金融</div><div class="info">2022-02-27 10:05 来源：新华社</div>${PARA}`, '某某活动在京举行');
    expect(page.author).toBeNull();
  });

  it('reads the reporter at the end of the article', () => {
    expect(run(`<h1>某某活动在京举行</h1>${PARA.repeat(20)}<p>新京报记者 彭冲 山东冠县报道</p>`, '某某活动在京举行').author).toBe('彭冲');
    expect(run(`<h1>某某活动在京举行</h1>${PARA.repeat(20)}<p>推动云南工业高质量发展。（记者 胡晓蓉）</p>`, '某某活动在京举行').author).toBe('胡晓蓉');
  });

  it('does not take the start of a lead paragraph without a space after the names for a reporter', () => {
    const lead = '<p>记者李明表示，今年一季度全市固定资产投资同比增长百分之八点三，增速高于全省平均水平。</p>';
    expect(run(`<h1>某某活动在京举行</h1>${lead}${PARA}`, '某某活动在京举行').author).toBeNull();
  });

  it('does not take a photo credit, an interview question or a hidden account for the writer', () => {
    expect(run(`<h1>某某活动在京举行</h1><p>▲广州日报全媒体图片记者黎旭阳、李妍摄</p>${PARA}`, '某某活动在京举行').author).toBeNull();
    expect(run(`<h1>某某活动在京举行</h1><p>记者：你通过什么渠道最快地获取这些信息？</p>${PARA}`, '某某活动在京举行').author).toBeNull();
    expect(run(`<h1>某某活动在京举行</h1><div class="img_wrapper">图/pixabay</div>${PARA}`, '某某活动在京举行').author).toBeNull();
  });

  it('reads editors credited after the body', () => {
    expect(run(`<h1>某某活动在京举行</h1>${PARA}<p>（松花江网编辑 孙桂芳）</p>`, '某某活动在京举行').editor).toBe('孙桂芳');
    expect(run(`<h1>某某活动在京举行</h1>${PARA}<p>【编辑:刘欢】 返回搜狐，查看更多</p>`, '某某活动在京举行').editor).toBe('刘欢');
    expect(run(`<h1>某某活动在京举行</h1>${PARA}<p>医技药剂党支部供稿 摄影/张艳 编辑/苏芳</p>`, '某某活动在京举行').editor).toBe('苏芳');
    expect(run(`<h1>某某活动在京举行</h1>${PARA}<div>（责任编辑： HN666）</div>`, '某某活动在京举行').editor).toBe('HN666');
  });
});

describe('meta author tag', () => {
  const withTag = (body: string) =>
    extractMetadata(
      parseHtml(`<html><head><title>一日一技</title><meta name="author" content="kingname"></head><body>${body}</body></html>`),
      { url: new URL('http://e.com/a'), html: '', now: new Date('2026-11-27T05:00:00Z'), timeZone: 'Asia/Shanghai', profile: null, warnings: [] },
    );

  it('is the author when the page shows the name under the headline', () => {
    expect(withTag(`<h2>一日一技</h2><div>原创 kingname 未闻Code</div>${PARA}`).author).toBe('kingname');
  });

  it('is ignored when the page does not show it, or shows it as the editor', () => {
    expect(withTag(`<h2>一日一技</h2>${PARA}`).author).toBeNull();
    expect(withTag(`<h2>一日一技</h2><div>编辑:kingname</div>${PARA}`).author).toBeNull();
  });
});

describe('headlines', () => {
  it('joins a headline broken over several blocks while <title> continues', () => {
    const page = run(
      `<div class="bt"><div>吉林省人民政府关于禁止在</div><div>嫩江干流补充治理工程建设</div><div>征占地范围内新增建设项目的通告</div></div>${PARA}`,
      '吉林省人民政府关于禁止在嫩江干流补充治理工程建设征占地范围内新增建设项目的通告',
    );
    expect(page.title).toBe('吉林省人民政府关于禁止在嫩江干流补充治理工程建设征占地范围内新增建设项目的通告');
  });

  it('drops a badge the portal prints inside the headline element', () => {
    const page = run(`<h1><span>原创</span>最不愁吃肉的国家：顿顿有肉吃</h1>${PARA}`, '最不愁吃肉的国家：顿顿有肉吃');
    expect(page.title).toBe('最不愁吃肉的国家：顿顿有肉吃');
  });

  it('does not take the site name from a logo bar for the headline', () => {
    const page = run(
      `<table><tr><td class="blogtitle">洞庭一叶</td></tr></table>
       <table><tr><td><font size="4"><strong><a href="blog.asp?c=5">[湖湘文化]</a><a href="more.asp?id=22546">陈天华《警世钟》</a></strong></font><br><a href="blog.asp">ggjjzhzz</a> 发表于 2005-9-15 11:46:00</td></tr></table>${PARA}`,
      'China-Pub blog--洞庭一叶',
    );
    expect(page.title).toBe('陈天华《警世钟》');
    expect(page.publishedAt).toBe('2005-09-15T11:46:00+08:00');
  });

  it('keeps a short h1 that is the first part of <title>', () => {
    expect(run(`<h1 id="firstHeading">金锺国</h1>${PARA}`, '金锺国 - 维基百科，自由的百科全书').title).toBe('金锺国');
  });
});

describe('English bylines and credits', () => {
  const STORY = '<p>The Senate on Monday approved a package for rural broadband after months of debate, sending it to the House.</p>'.repeat(3);

  it('reads the names after "By", and the editor of a wire credit', () => {
    const byline = run(`<h1>Senate approves rural broadband package</h1><div class="byline">By MARIA DELGADO and THOMAS REED</div><div>May 20, 2024</div>${STORY}`, 'Senate approves rural broadband package | AP News');
    expect(byline.author).toBe('MARIA DELGADO and THOMAS REED');
    const credits = run(`<h1>Chip exports rise</h1><div>May 20, 2024</div>${STORY}<p>(Reporting by Noah Brenner in New York; Editing by Sandra Kellerman)</p>`, 'Chip exports rise');
    expect(credits.editor).toBe('Sandra Kellerman');
  });
});
