import { describe, expect, it } from 'vitest';
import { classRole, isBoilerplateLine, isPageNavigation, isPlayerChrome, isTrailingListHeading } from '../../../src/extract/boilerplate.js';
import { parseHtml, select } from '../../../src/extract/dom.js';
import { photoUrl } from '../../../src/extract/images.js';
import { guessLanguage } from '../../../src/extract/language.js';

describe('furniture lines', () => {
  it.each([
    '推广 热搜: 郝金玉 石勇 侯计香',
    '热门搜索：开发区 招商',
    '网站首页 | 京ICP备13017153号 | 网站地图 | 联系方式',
    'Copyright © 2008-2022 晋商俱乐部 版权所有',
    '晋公网安备 14010502050123号',
    '上一篇：晋商年会在太原举行',
    '【下一篇】晋商博物馆开馆',
    '分享到：微信 微博 QQ空间',
    '【打印】【关闭】',
    '更多>同类晋商资讯',
    '投诉邮箱:tougao@shanxishangren.com',
    '【字体：大 中 小】',
    '原标题：春季学期开学，织密返校疫情防控网',
    '（原题为《是“收割韭菜”还是“回归理性”》）',
    '(本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP)',
    '免责声明：本文仅代表作者个人观点，与本站无关。',
    '编辑 刘晓阳 校对 李铭',
    '扫描下方二维码解锁更多技能',
    '(本文发表于首页批评与建议, 已被阅读178次)',
    '澎湃新闻记者 段彦超 廖艳',
    '2005-04-05 06:40更新 来源：转载文章',
    '中国晋商俱乐部致力于建设服务创新型商业化晋商生态 | 主办全球晋商年度峰会“晋商年会”与“晋商国际论坛”',
    '播报',
    '阅读全文',
    '2024-05-08 23:23',
    '来自甘肃',
    '上報歡迎各界投書，來稿請寄至editor@upmedia.mg',
    '图片均来自网络',
    '返回腾讯网首页>>',
    '5、回复【美图】看看广州有多惊艳',
    '看都看完了，点【在看】试试',
    '20190926|国贸|增长率|全球经济',
    '下载法广应用程序跟踪国际时事',
    '#大家健康超能团# @大家健康',
    '（松花江网编辑 孙桂芳）',
    '39健康网(www.39.net)专稿，未经书面授权请勿转载。',
    '监 制：高明勇',
    '发布于：北京市',
    '- END -',
    '< >',
    '海量资讯、精准解读，尽在新浪财经APP',
    '[编辑]',
    '编辑播报',
    '記者陳怡君／台中報導',
    '21世纪经济报道记者 林晓 北京报道',
    '华夏时报（www.chinatimes.net.cn）记者 冯晓晨 北京报道',
    '大公報記者 黃寶儀',
    '报道：陈佳慧　摄影：林明',
    '编辑 刘洋',
    '封面图片来源：每日经济新闻 资料图',
    '该菜谱创建于 2022-11-05',
  ])('drops %s', (line) => {
    expect(isBoilerplateLine(line)).toBe(true);
  });

  it.each([
    '美国唱片工会表示：“播客在使用其它音乐时，一定要获得版权所有者或制作人的许可。”',
    '记者从省商务厅获悉，全省开发区共签约项目347个。',
    '上一篇文章提到，开发区的招商引资工作要做到超前谋划，这一篇接着谈项目落地。',
    '持续发力抓项目 奋楫当先促转型',
    '编辑部门负责人表示，明年将继续扩大版面。',
    '报道：美联储维持利率不变',
    '封面故事：晋商的百年账本',
    '点击率最高的是一篇关于营商环境的报道，网友纷纷留言。',
    '《山西日报》（2023年6月1日）刊发评论员文章，指出营商环境是发展的生命线。',
    // The print edition under a newspaper's web copy: the corpus's annotators keep it in the text.
    '《光明日报》（ 2023年06月01日 10版）',
  ])('keeps the sentence %s', (line) => {
    expect(isBoilerplateLine(line)).toBe(false);
  });

  it.each([
    ['上一页 1 2 3 下一页', true],
    ['共3页: 上一页 1 [2] 3 下一页', true],
    ['首页 上一页 下一页 尾页', true],
    ['下一页我们将介绍三个一批活动的具体项目。', false],
  ])('page navigation %s → %s', (line, expected) => {
    expect(isPageNavigation(line)).toBe(expected);
  });

  it.each([
    ['相关阅读', true],
    ['【相关新闻】', true],
    ['延伸阅读：', true],
    ['参考文献[编辑]', true],
    ['相关阅读显示，开发区项目进展顺利。', false],
  ])('trailing list heading %s → %s', (line, expected) => {
    expect(isTrailingListHeading(line)).toBe(expected);
  });
});

describe('class and id vocabulary', () => {
  it.each([
    ['sidebar', undefined, 'boilerplate'],
    ['hot_news', undefined, 'boilerplate'],
    ['relatedList', undefined, 'boilerplate'],
    [undefined, 'footer', 'boilerplate'],
    ['m3r list-rank', undefined, 'boilerplate'],
    ['article-content', undefined, 'content'],
    ['art_contextBox', undefined, 'neutral'],
    [undefined, 'zoom', 'content'],
    ['TRS_Editor', undefined, 'content'],
    ['content share', undefined, 'boilerplate'],
    ['wrapper', undefined, 'neutral'],
  ] as const)('class %s id %s → %s', (className, id, role) => {
    expect(classRole(className, id)).toBe(role);
  });
});

describe('video player vocabulary', () => {
  it.each([
    ['video-player', undefined, true],
    ['mplayer', undefined, true],
    [undefined, 'videoPlayer', true],
    ['xgplayer-controls', undefined, true],
    ['vjs-control-bar', undefined, true],
    ['evenrow player-2020-223', undefined, false],
    ['media-player-wrapper', undefined, false],
    ['article-content', undefined, false],
  ] as const)('class %s id %s → %s', (className, id, expected) => {
    expect(isPlayerChrome(className, id)).toBe(expected);
  });
});

describe('photo URLs', () => {
  const base = new URL('http://www.example.com/news/show-1.html');
  const img = (html: string) => select('img', parseHtml(html))[0]!;

  it.each([
    ['<img src="/file/upload/1.jpg">', 'http://www.example.com/file/upload/1.jpg'],
    ['<img src="../u/2.png">', 'http://www.example.com/u/2.png'],
    ['<img src="/images/grey.gif" data-original="/u/3.jpg">', 'http://www.example.com/u/3.jpg'],
    ['<img src="data:image/png;base64,AAAA" data-lazyload="//cdn.example.net/u/4.jpg">', 'http://cdn.example.net/u/4.jpg'],
    ['<img data-actualsrc="/u/5.webp">', 'http://www.example.com/u/5.webp'],
    ['<img src="/skin/logo.png">', null],
    ['<img src="/images/share_weixin.png">', null],
    ['<img src="/u/6.jpg" width="20" height="20">', null],
    ['<img src="/u/7.jpg" style="width:16px;height:16px">', null],
    ['<img src="javascript:void(0)">', null],
    ['<img>', null],
  ])('%s → %s', (html, expected) => {
    expect(photoUrl(img(html), base)).toBe(expected);
  });
});

describe('language guess', () => {
  it.each([
    ['全省开发区共签约项目347个、开工项目323个。', 'zh'],
    ['The council approved the new budget on Tuesday after months of debate.', 'en'],
    ['2022 ICP 京ICP备13017153号 全省开发区项目集中开工', 'zh'],
    ['12345', null],
    [null, null],
  ])('%s → %s', (text, expected) => {
    expect(guessLanguage(text)).toBe(expected);
  });
});
