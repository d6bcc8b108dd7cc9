/**
 * Small pages modelled on real portal markup (../shared/cms-templates.md and the seed page), built
 * inline so that each test shows the markup it relies on.
 */
import iconv from 'iconv-lite';
import { extract } from '../../../src/extract/index.js';
import type { Article, ExtractOptions } from '../../../src/types.js';

export const NOW = new Date('2026-11-27T05:00:00Z');

export function run(html: string | Uint8Array, options: Partial<ExtractOptions> = {}): Article {
  const bytes = typeof html === 'string' ? new TextEncoder().encode(html) : html;
  return extract(bytes, { url: 'http://www.example.com/news/show-12345.html', now: NOW, ...options });
}

export function gbk(html: string): Uint8Array {
  return new Uint8Array(iconv.encode(html, 'gbk'));
}

export function lines(article: Article): string[] {
  return article.body === null ? [] : article.body.split('\n');
}

/** The furniture every portal page of these tests carries around its article. */
export const HEADER = `
<div class="head_search_kw"><a href="#"><strong>推广</strong></a> <a href="#"><strong>热搜：</strong></a>
<span id="word"><a href="/search.php?kw=1">郝金玉</a>&nbsp; <a href="/search.php?kw=2">石勇</a>&nbsp; <a href="/search.php?kw=3">振兴小镇</a>&nbsp; <a href="/search.php?kw=4">戎子酒庄</a></span></div>
<div class="slogan">中国晋商俱乐部致力于建设服务创新型商业化晋商生态 | 主办全球晋商年度峰会“晋商年会”</div>
<div class="menu"><a href="/">首页</a> <a href="/news/">资讯</a> <a href="/company/">会员企业</a> <a href="/about/">关于我们</a></div>`;

export const SIDEBAR = `
<div class="m3r">
  <div class="head-sub"><strong>理事会企业动态</strong></div>
  <ul><li><a href="/c/1.html">鹏飞集团·郑鹏【中国晋商俱乐部名誉主席】</a></li><li><a href="/c/2.html">振东制药·李安平【中国晋商俱乐部荣誉理事长】</a></li>
  <li><a href="/c/3.html">潞宝集团·韩长安【中国晋商俱乐部常务理事长】</a></li></ul>
  <div class="head-sub"><strong>点击排行</strong></div>
  <ul class="list-rank"><li><a href="/n/1.html">晋商年会在太原举行，三百多位企业家参加</a></li><li><a href="/n/2.html">山西省开发区项目集中开工，总投资超千亿</a></li></ul>
</div>`;

export const FOOTER = `
<div class="foot_page"><a href="/">网站首页</a> &nbsp;|&nbsp; <a href="http://www.miibeian.gov.cn">京ICP备13017153号</a> &nbsp;|&nbsp; <a href="/sitemap/">网站地图</a> &nbsp;|&nbsp; <a href="/contact/">联系方式</a></div>
<div id="copyright">Copyright © 2008-2022 晋商俱乐部 版权所有</div>`;

export const PARAGRAPHS = [
  '山西日报记者陈俊琦报道 2月26日，全省开发区2022年第一次项目集中签约一批、开工一批、投产一批“三个一批”活动在全省各地同步举行。省委书记在山西综改示范区主会场出席活动并讲话。',
  '他指出，今天一个个项目签约、开工、投产，为经济高质量发展蓄势赋能，更加坚定了我们持续深化“三个一批”活动、打造开发区建设升级版、全方位推动高质量发展的信心和决心。',
  '本次“三个一批”活动，全省开发区共签约项目347个、开工项目323个、投产项目315个，涉及现代煤化工、装备制造、新能源、新材料、节能环保、大数据等产业。',
];
