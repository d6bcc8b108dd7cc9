import { describe, expect, it } from 'vitest';
import { extractBody } from '../../../src/extract/body.js';
import { type Element, parseHtml, select } from '../../../src/extract/dom.js';
import { FOOTER, gbk, HEADER, lines, PARAGRAPHS, run, SIDEBAR } from './pages.js';

const [P1, P2, P3] = PARAGRAPHS as [string, string, string];
const CAPTION = '省领导共同为中国电科（山西）微电子装备智能制造产业基地（一期）项目培土奠基。山西日报记者 史晓波摄';

/** A home-grown portal template: no CMS fingerprint, the generic extractor alone. */
const portal = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>山西省开发区“三个一批”活动举行_晋商资讯_中国晋商俱乐部</title></head>
<body>${HEADER}
<div class="wrap">
 <div class="left-col">
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/news/">晋商资讯</a> &gt; 正文</div>
  <h1 class="art-title">山西省开发区2022年第一次“三个一批”活动举行</h1>
  <div class="art-info">发布时间:2022-02-27 10:05&nbsp;&nbsp;来源:山西日报&nbsp;&nbsp;浏览:5595&nbsp;&nbsp;【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="art-summary">核心提示：持续发力抓项目 奋楫当先促转型，全省开发区三个一批活动同步举行。</div>
  <div class="art-body">
   <p><strong>持续发力抓项目 奋楫当先促转型</strong></p>
   <p style="text-align:center"><img src="/file/upload/202202/27/1.jpg" alt="1.jpg" width="600" height="400"></p>
   <p style="text-align:center">${CAPTION}</p>
   <p>${P1}</p>
   <p>${P2}</p>
   <p>${P3}</p>
   <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
   <p>投诉邮箱:tougao@shanxishangren.com</p>
   <p>(责任编辑：王五)</p>
   <div class="page-nav"><a href="#">上一页</a> <a href="#">1</a> <a href="#">2</a> <a href="#">下一页</a></div>
  </div>
  <div class="prenext"><p>上一篇：<a href="/n/3.html">晋商年会在太原举行</a></p><p>下一篇：<a href="/n/4.html">晋商博物馆开馆</a></p></div>
  <div class="more"><a href="/news/">更多&gt;</a>同类晋商资讯</div>
  <div class="xg"><h3>相关阅读</h3><ul><li><a href="/n/5.html">开发区项目建设提速</a></li><li><a href="/n/6.html">综改区招商引资签约</a></li></ul></div>
 </div>
 ${SIDEBAR}
</div>
${FOOTER}
<script>var hits = 1;</script>
</body></html>`;

describe('generic extractor on a home-grown portal page', () => {
  const article = run(portal);

  it('reads exactly the article paragraphs, sub-heading on its own line', () => {
    expect(lines(article)).toEqual(['持续发力抓项目 奋楫当先促转型', P1, P2, P3]);
  });

  it('leaves every piece of portal furniture out of the body', () => {
    const body = article.body ?? '';
    for (const furniture of [
      '热搜',
      '郝金玉',
      '中国晋商俱乐部致力于',
      '当前位置',
      '发布时间',
      '浏览',
      '字体',
      '核心提示',
      '分享到',
      '投诉邮箱',
      '责任编辑',
      '上一页',
      '上一篇',
      '下一篇',
      '更多',
      '相关阅读',
      '开发区项目建设提速',
      '理事会企业动态',
      '鹏飞集团',
      '点击排行',
      'ICP备',
      '版权所有',
      '网站地图',
      CAPTION,
    ]) {
      expect(body, furniture).not.toContain(furniture);
    }
  });

  it('gives the photo an absolute URL and the centred line under it as caption; a file-name alt is dropped', () => {
    expect(article.images).toEqual([{ src: 'http://www.example.com/file/upload/202202/27/1.jpg', caption: CAPTION, alt: null }]);
  });

  it('assembles the Article around the body', () => {
    expect(article.site).toBe('www.example.com');
    expect(article.language).toBe('zh');
    expect(article.fetchedAt).toBe('2026-11-27T05:00:00.000Z');
    expect(article.extraction.profile).toBe('generic');
    expect(article.extraction.warnings).toEqual([]);
  });
});

describe('body layouts', () => {
  it('reads <br>-separated text in a table cell, one line per <br> run', () => {
    const html = `<html><body>${HEADER}<table><tr><td class="nav"><a href="/">首页</a> <a href="/a">新闻</a></td></tr>
      <tr><td id="zoom">${P1}<br><br>${P2}<br>　　${P3}</td></tr></table>${FOOTER}</body></html>`;
    expect(lines(run(html))).toEqual([P1, P2, P3]);
  });

  it('drops advertisement links set between <br> lines by their 广告 badge, keeps prose that mentions 广告', () => {
    const ad = (text: string) => `<a class="textgg" href="https://ad.example.net/c?id=1"><i>广告</i><span>${text}</span><div class="del">×</div></a>`;
    const prose = '丁俊晖早已通过广告代言等赚得盆满钵满。';
    const html = `<html><body>${HEADER}<div class="article__content">${P1}<br>${ad('英国的大学排名全知晓.')}<br>${prose}<br>${P2}<br>${ad('今日新开，纯免费，万人在线！')}<br>${P3}</div>${FOOTER}</body></html>`;
    expect(lines(run(html))).toEqual([P1, prose, P2, P3]);
  });

  it("drops a B2B portal's supplier card set inside the article, keeps a table of company figures", () => {
    const card = `<div class="supplier"><h4><a href="/shop/88/">江苏某建材有限公司</a></h4><p>主营产品：干粉砂浆、瓷砖胶</p><p>所在地区：江苏 南京</p><p>联系电话：025-58881234</p><a href="/shop/88/">进入店铺</a> <a href="/inquiry/88/">立即询价</a></div>`;
    const figures = '<table><tr><td>企业</td><td>主营产品：水泥</td><td>产量（万吨）</td></tr><tr><td>甲公司</td><td>熟料</td><td>120</td></tr></table>';
    const html = `<html><body>${HEADER}<div class="article-con"><p>${P1}</p>${card}<p>${P2}</p>${figures}<p>${P3}</p></div>${FOOTER}</body></html>`;
    const body = lines(run(html));
    expect(body.join('\n')).not.toMatch(/所在地区|联系电话|进入店铺|立即询价/);
    expect(body).toEqual(expect.arrayContaining([P1, P2, P3]));
    expect(body.join('\n')).toContain('主营产品：水泥');
  });

  it("reads a data table's row as one line, its cells apart by tabs, and a layout table as before", () => {
    const prices =
      '<table border="1"><tr><th>品种</th><th>规格</th><th>价格（元/吨）</th></tr><tr><td>螺纹钢</td><td><p>HRB400 20mm</p></td><td>3720</td></tr><tr><td>热轧板卷</td><td>4.75mm</td><td><a href="/price/2.html">3850</a></td></tr></table>';
    const html = `<html><body>${HEADER}<div class="article-con"><p>${P1}</p>${prices}<p>${P2}</p></div>${FOOTER}</body></html>`;
    expect(lines(run(html))).toEqual([P1, '品种\t规格\t价格（元/吨）', '螺纹钢\tHRB400 20mm\t3720', '热轧板卷\t4.75mm\t3850', P2]);
    // Cells holding paragraphs of prose, or a photo over its caption cell, are layout.
    const layout = `<html><body>${HEADER}<table><tr><td class="side"><a href="/">首页</a></td><td><p>${P1}</p><p>${P2}</p><p>${P3}</p></td></tr><tr><td>主办单位</td><td>山西省工商联</td></tr></table>${FOOTER}</body></html>`;
    expect(lines(run(layout))).toEqual([P1, P2, P3]);
  });

  it('drops the desk credits with their phone numbers under a market report', () => {
    const html = `<html><body>${HEADER}<div class="article-con"><p>${P1}</p><p>${P2}</p><p>资讯编辑：李敏 021-26093316</p><p>资讯监督：赵强 021-26093100</p></div>${FOOTER}</body></html>`;
    const article = run(html);
    expect(lines(article)).toEqual([P1, P2]);
    expect(article.editor).toBe('李敏');
  });

  it('reads an old table-layout GBK page: article cell beside a link column, <font> paragraphs, unclosed <p>', () => {
    const links = Array.from({ length: 12 }, (_, i) => `<a href="/list_${i}.html">栏目${i}</a><br>`).join('');
    const html = `<html><head><meta charset="gb2312"></head><body><table width="980"><tr><td colspan="2">${HEADER}</td></tr>
      <tr><td width="200" valign="top">${links}</td><td valign="top"><table><tr><td align="center"><font size="4"><b>开发区项目集中开工</b></font></td></tr>
      <tr><td><font style="font-size:14px"><p>　　${P1}<p>　　${P2}<p>　　${P3}</font></td></tr>
      <tr><td align="center">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr></table></td></tr>
      <tr><td colspan="2">${FOOTER}</td></tr></table></body></html>`;
    expect(lines(run(gbk(html)))).toEqual([P1, P2, P3]);
  });

  it('joins a body split over sibling <p>s directly under a big container, without its sidebars', () => {
    const html = `<html><body>${HEADER}<div id="main"><h1>标题一则新闻稿件</h1><p>${P1}</p><p>${P2}</p>
      <div class="side"><ul><li><a href="/1">推荐一</a></li><li><a href="/2">推荐二</a></li></ul></div><p>${P3}</p></div>${FOOTER}</body></html>`;
    expect(lines(run(html))).toEqual([P1, P2, P3]);
  });

  it('prefers a short article by its headline over a longer feed of look-alike teaser cards', () => {
    const teaser = (i: number) =>
      `<li class="stream-item"><div class="item-img"><img src="/t/${i}.jpg"></div><div class="item-content"><h3><a href="/n/${i}.html">推荐文章${i}</a></h3><p class="summary">${P2}${P3}</p></div></li>`;
    const html = `<html><body><div class="page"><article class="story"><header><h1>开发区项目集中开工</h1></header>
      <div class="story-wrap"><div class="story-inner"><div class="story-text"><p>${P1}</p></div></div></div></article>
      <div class="more-stream"><h2>你可能还想看</h2><ul>${[1, 2, 3, 4, 5, 6].map(teaser).join('')}</ul></div></div></body></html>`;
    expect(lines(run(html))).toEqual([P1]);
  });

  it('cuts the related list that trails the article even without link markup', () => {
    const html = `<html><body><div class="content"><p>${P1}</p><p>${P2}</p><p>相关新闻：</p><p>开发区项目建设提速</p><p>综改区招商引资签约</p></div></body></html>`;
    expect(lines(run(html))).toEqual([P1, P2]);
  });

  it("keeps a notice's named contact, its issuer and the issuer's date (落款), but not a bare timestamp", () => {
    const contact = '联系人：刘建军　联系电话：0351-4091234　电子邮箱：swtdwmy@shanxi.gov.cn';
    const notice = `<html><body><div class="TRS_Editor"><p>${P1}</p><p>${P2}</p><p>${contact}</p>
      <p style="text-align:right">山西省商务厅</p><p style="text-align:right">2024年3月12日</p></div></body></html>`;
    expect(lines(run(notice))).toEqual([P1, P2, contact.replace(/\u3000/g, ' '), '山西省商务厅', '2024年3月12日']);
    const feed = `<html><body><div class="content"><p>${P1}</p><p>${P2}</p><p>2024-05-08 23:23</p></div></body></html>`;
    expect(lines(run(feed))).toEqual([P1, P2]);
  });

  it('keeps an ICP footer that outscores a one-line article out of the body (GNE failure mode)', () => {
    const html = `<html><body><div class="article"><p>${P1}</p></div>
      <div class="bottom"><p>本站郑重声明：所载文章、数据仅供参考，投资有风险，选择需谨慎。本网站所有内容均为原创或授权转载，未经许可，任何单位和个人不得转载、摘编，违者必究。</p></div></body></html>`;
    expect(lines(run(html))).toEqual([P1]);
  });

  it('decodes GBK bytes through extract() and reads the body', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>${HEADER}
      <div class="text"><p>${P1}</p><p>${P2}</p></div>${FOOTER}</body></html>`;
    const article = run(gbk(html));
    expect(lines(article)).toEqual([P1, P2]);
    expect(article.language).toBe('zh');
  });

  it('reads an English article and guesses "en"', () => {
    const para = (n: number) =>
      `Paragraph ${n} of the story, in which the city council approved the new budget, and residents, who had waited for months, finally received an answer.`;
    const html = `<html><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Council approves budget</h1>
      <p>${para(1)}</p><p>${para(2)}</p><p>${para(3)}</p></article><footer>Copyright 2024 Example News. All Rights Reserved.</footer></body></html>`;
    const article = run(html);
    expect(lines(article)).toEqual([para(1), para(2), para(3)]);
    expect(article.language).toBe('en');
  });
});

describe('pages that are not articles', () => {
  it('a list page gives no body and a warning, never an exception', () => {
    const items = Array.from({ length: 30 }, (_, i) => `<li><a href="/n/${i}.html">第${i}条新闻标题，开发区项目建设提速</a><span>2022-02-${(i % 28) + 1}</span></li>`).join('');
    const article = run(`<html><body>${HEADER}<ul class="list">${items}</ul>${FOOTER}</body></html>`);
    expect(article.body).toBeNull();
    expect(article.extraction.warnings).toContain('no article body found');
    expect(article.images).toEqual([]);
  });

  it('empty bytes and binary junk give an Article, not a throw', () => {
    const empty = run('');
    expect(empty.body).toBeNull();
    expect(empty.extraction.warnings).toContain('no article body found');
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(() => run(junk)).not.toThrow();
  });

  it('the body stage reads text under 30,000 unclosed tags without recursing into a stack overflow', () => {
    const doc = parseHtml(`<html><body>${'<div><font>'.repeat(15000)}${P1}<p>${P2}</p></body></html>`);
    const result = extractBody({
      doc,
      url: new URL('http://www.example.com/a.html'),
      title: null,
      titleElement: null,
      consumed: [],
      profileBody: [],
      profileRemove: [],
      profilePhotos: [],
      summary: null,
    });
    expect(result.body?.split('\n')).toEqual([P1, P2]);
  });
});

describe('elements the metadata stage consumed', () => {
  const html = `<html><body><div class="content"><div class="info">日期：2022-02-27 来源：山西日报</div>
    <div class="summary">持续发力抓项目，全省开发区三个一批活动同步举行。</div>
    <p>日期:1月21日，凱爾特人在主場以139-107大勝湖人。</p><p>${P1}</p><p>${P2}</p></div></body></html>`;
  const doc = parseHtml(html);
  const [info, summary, prose] = select('div.info, div.summary, p', doc) as [Element, Element, Element];

  it('stay out of the body (meta line, summary block), but a prose sentence read for a label stays in', () => {
    const result = extractBody({
      doc,
      url: new URL('http://www.example.com/a.html'),
      title: null,
      titleElement: null,
      consumed: [info, summary, prose],
      profileBody: [],
      profileRemove: [],
      profilePhotos: [],
      summary: '持续发力抓项目，全省开发区三个一批活动同步举行。',
    });
    expect(result.body?.split('\n')).toEqual(['日期:1月21日，凱爾特人在主場以139-107大勝湖人。', P1, P2]);
  });
});
