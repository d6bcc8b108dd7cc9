import { describe, expect, it } from 'vitest';
import { lines, PARAGRAPHS, run } from './pages.js';

const [P1, P2, P3] = PARAGRAPHS as [string, string, string];

function page(inner: string): string {
  return `<html><head><title>测试</title></head><body><div class="menu"><a href="/">首页</a> <a href="/news">新闻</a></div>
    <div class="article-content">${inner}</div><div class="footer">京ICP备13017153号</div></body></html>`;
}

describe('photos and their captions', () => {
  it('takes a <figcaption>', () => {
    const a = run(page(`<p>${P1}</p><figure><img src="/u/1.jpg"><figcaption>2月26日，项目集中开工现场。</figcaption></figure><p>${P2}</p>`));
    expect(a.images).toEqual([{ src: 'http://www.example.com/u/1.jpg', caption: '2月26日，项目集中开工现场。', alt: null }]);
    expect(lines(a)).toEqual([P1, P2]);
  });

  it('takes a <p align="center"> line under the photo, and a caption class', () => {
    const a = run(
      page(`<p>${P1}</p><p align="center"><img src="/u/1.jpg"></p><p align="center">签约仪式现场</p><p>${P2}</p>
        <div class="pic"><img src="/u/2.jpg"><span class="pic-note">投产项目生产线</span></div><p>${P3}</p>`),
    );
    expect(a.images.map((image) => image.caption)).toEqual(['签约仪式现场', '投产项目生产线']);
    expect(lines(a)).toEqual([P1, P2, P3]);
  });

  it('recognises caption wording under the photo: "…摄", "图为…", "（图/…）", "资料图"', () => {
    const captions = ['图为开发区建设现场', '开工现场。山西日报记者 史晓波摄', '项目效果图（图/新华社）', '资料图：综改示范区'];
    const photos = captions.map((caption, i) => `<p><img src="/u/${i}.jpg"></p><p>${caption}</p><p>${PARAGRAPHS[i % 3]}</p>`).join('');
    const a = run(page(`<p>${P1}</p>${photos}`));
    expect(a.images.map((image) => image.caption)).toEqual(captions);
    for (const caption of captions) expect(a.body).not.toContain(caption);
  });

  it('takes a caption written over the photo only with caption wording', () => {
    const a = run(page(`<p>${P1}</p><p>图为签约仪式现场</p><p><img src="/u/1.jpg"></p><p>${P2}</p>`));
    expect(a.images).toEqual([{ src: 'http://www.example.com/u/1.jpg', caption: '图为签约仪式现场', alt: null }]);
    expect(lines(a)).toEqual([P1, P2]);
  });

  it('takes a centred one-sentence label over a photo-only block as its caption', () => {
    const c = '<p style="text-align:center">';
    const a = run(page(`<p>${P1}</p>${c}沁水县一处煤层气集输站。</p>${c}<img src="/u/1.jpg"></p><p>${P2}</p>`));
    expect(a.images.map((image) => image.caption)).toEqual(['沁水县一处煤层气集输站。']);
    expect(lines(a)).toEqual([P1, P2]);
  });

  it.each([
    ['a centred sub-heading (no full stop)', '<p style="text-align:center">产业链条加速延伸</p>'],
    ['a bold centred line', '<p style="text-align:center"><strong>产业链条加速延伸。</strong></p>'],
    ['a numbered centred line', '<p style="text-align:center">一、产业链条加速延伸。</p>'],
    ['a centred line of two sentences', '<p style="text-align:center">产业链条加速延伸。项目陆续落地。</p>'],
    ['a plain line that is not centred', '<p>产业链条加速延伸。</p>'],
  ])('keeps %s over a photo in the body', (_name, line) => {
    const a = run(page(`<p>${P1}</p>${line}<p style="text-align:center"><img src="/u/1.jpg"></p><p>${P2}</p>`));
    expect(a.images.map((image) => image.caption)).toEqual([null]);
    expect(a.body).toContain('产业链条加速延伸');
  });

  it('keeps a centred label over a photo when the text around is centred too', () => {
    const c = '<p style="text-align:center">';
    const a = run(page(`${c}${P1}</p>${c}${P2}</p>${c}沁水县一处煤层气集输站。</p>${c}<img src="/u/1.jpg"></p>${c}${P3}</p>`));
    expect(a.images.map((image) => image.caption)).toEqual([null]);
    expect(a.body).toContain('沁水县一处煤层气集输站。');
  });

  it('takes the cell over a photo cell in a photo table, but not a line over a photo in a layout table', () => {
    const table = run(page(`<p>${P1}</p><table><tr><td>项目一期厂房</td></tr><tr><td><img src="/u/1.jpg"></td></tr></table><p>${P2}</p>`));
    expect(table.images.map((image) => image.caption)).toEqual(['项目一期厂房']);
    expect(table.body).not.toContain('项目一期厂房');
    const layout = run(page(`<table><tr><td><p>${P1}</p><p>产业链条加速延伸</p><p><img src="/u/1.jpg"></p><p>${P2}</p><p>${P3}</p></td></tr></table>`));
    expect(layout.images.map((image) => image.caption)).toEqual([null]);
    expect(layout.body).toContain('产业链条加速延伸');
  });

  it('takes text after <br> in the photo paragraph', () => {
    const a = run(page(`<p>${P1}</p><p><img src="/u/1.jpg"><br>活动现场</p><p>${P2}</p>`));
    expect(a.images[0]?.caption).toBe('活动现场');
    expect(lines(a)).toEqual([P1, P2]);
  });

  it('leaves a long body paragraph after a photo in the body', () => {
    const a = run(page(`<p>${P1}</p><p><img src="/u/1.jpg"></p><p>${P2}</p><p>${P3}</p>`));
    expect(a.images).toEqual([{ src: 'http://www.example.com/u/1.jpg', caption: null, alt: null }]);
    expect(lines(a)).toEqual([P1, P2, P3]);
  });

  it('does not take a numbered or bold sub-heading under a photo as its caption', () => {
    const a = run(
      page(`<p>${P1}</p><p style="text-align:center"><img src="/u/1.jpg"></p><p style="text-align:center"><strong>持续发力抓项目</strong></p><p>${P2}</p>
        <p style="text-align:center"><img src="/u/2.jpg"></p><p style="text-align:center">一、加大招商引资力度</p><p>${P3}</p>`),
    );
    expect(a.images.map((image) => image.caption)).toEqual([null, null]);
    expect(lines(a)).toEqual([P1, '持续发力抓项目', P2, '一、加大招商引资力度', P3]);
  });

  it('uses lazy-loading attributes over a placeholder and skips icons, spacers, tiny images and data URIs', () => {
    const a = run(
      page(`<p>${P1}</p>
        <p><img src="/images/loading.gif" data-original="/u/real.jpg"></p>
        <p><img src="data:image/png;base64,iVBORw0KGgo=" data-src="//img.example.net/u/2.jpg"></p>
        <p><img src="/images/icon_share.png"><img src="/u/spacer.gif"><img src="/u/3.jpg" width="16" height="16"><img src="data:image/gif;base64,R0lGOD"></p>
        <p>${P2}</p>`),
    );
    expect(a.images.map((image) => image.src)).toEqual(['http://www.example.com/u/real.jpg', 'http://img.example.net/u/2.jpg']);
  });

  it('keeps a meaningful alt, drops a file name, the headline, and "图片"', () => {
    const html = `<html><body><h1>山西开发区项目集中开工</h1><div class="content"><p>${P1}</p>
      <p><img src="/u/1.jpg" alt="太原综改示范区全景"></p><p><img src="/u/2.jpg" alt="IMG_20220226.JPG"></p>
      <p><img src="/u/3.jpg" alt="山西开发区项目集中开工"></p><p><img src="/u/4.jpg" alt="图片"></p><p>${P2}</p></div></body></html>`;
    const a = run(html);
    expect(a.images.map((image) => image.alt)).toEqual(['太原综改示范区全景', null, null, null]);
  });

  it('takes the lead photo from the block just above the article text, with its caption', () => {
    const html = `<html><body><div class="main"><h1>山西开发区项目集中开工</h1>
      <div class="img"><img src="/upload/lead.jpg"><p>项目集中开工现场（取自山西日报）</p></div>
      <div class="editor"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div></div>
      <div class="sidebar"><ul><li><a href="/n/1">推荐一</a></li></ul></div></body></html>`;
    const a = run(html);
    expect(a.images).toEqual([{ src: 'http://www.example.com/upload/lead.jpg', caption: '项目集中开工现场（取自山西日报）', alt: null }]);
    expect(lines(a)).toEqual([P1, P2, P3]);
  });

  it('joins a second caption line set in the same grey type, but not a line that introduces a list', () => {
    const grey = 'style="text-align:center"><span style="font-size: 12px; color: rgb(136, 136, 136)"';
    const a = run(
      page(`<p>${P1}</p><p><img src="/u/1.jpg"></p><section ${grey}>摄影：张三</span></section><section ${grey}>开工仪式现场</span></section><p>${P2}</p>
        <p><img src="/u/2.jpg"></p><p style="text-align:center">可以看出以下特点：</p><p>${P3}</p>`),
    );
    expect(a.images.map((image) => image.caption)).toEqual(['摄影：张三 开工仪式现场', null]);
    expect(lines(a)).toEqual([P1, P2, '可以看出以下特点：', P3]);
  });

  it('ignores photos outside the article (logo, ads, sidebar thumbnails)', () => {
    const html = `<html><body><div class="logo"><img src="/u/logo-big.jpg"></div>
      <div class="article-content"><p>${P1}</p><div class="ad"><img src="/u/ad-banner.jpg"></div><p>${P2}</p></div>
      <div class="sidebar"><ul><li><a href="/n/1"><img src="/u/thumb1.jpg">推荐图文一</a></li></ul></div></body></html>`;
    expect(run(html).images).toEqual([]);
  });

  it('keeps a short story over its photo in the body when the container is named with a caption word ("pic-content")', () => {
    const story =
      '本网讯 以光影之名，探寻首都文化魅力。5月20日22点起，栏目将推出系列访谈节目，五位嘉宾将讲述他们的成长故事和艺术生涯，用电影人的艺术探索构建起电影和城市的发展之路。一起期待吧！';
    const html = `<html><body><div class="menu"><a href="/">首页</a></div><h1>系列访谈节目5月20日起播出</h1>
      <div class="pic-content"><p><strong><br></strong></p><p>${story}</p><p><br></p><p><img src="/u/1.jpg" width="660" height="370"></p></div>
      <div class="footer">京ICP备13017153号</div></body></html>`;
    const a = run(html);
    expect(a.body).toBe(story);
    expect(a.images).toEqual([{ src: 'http://www.example.com/u/1.jpg', caption: null, alt: null }]);
  });

  it('still takes a one-sentence line in caption markup over a photo as its caption', () => {
    const a = run(page(`<p>${P1}</p><div class="pic"><p class="pic-title">2月26日，太原市小店区项目集中开工现场。</p><img src="/u/1.jpg"></div><p>${P2}</p>`));
    expect(a.images.map((image) => image.caption)).toEqual(['2月26日，太原市小店区项目集中开工现场。']);
    expect(lines(a)).toEqual([P1, P2]);
  });

  it('leaves a video player\'s controls and notices out of the body', () => {
    const player = `<div class="video-player"><div class="mplayer"><div class="hintTip">正在为您切换到高清 480P,请稍候...</div>
      <div class="controlRight"><span>倍速</span><span>2.0X</span><span>1.5X</span><span>高清</span><span>超清</span></div>
      <div class="clockTime">00:00/00:00</div><div class="errorInfoMsg">很抱歉，当前视频播放失败</div></div></div>`;
    const a = run(page(`${player}<p>${P1}</p><p>${P2}</p>`));
    expect(lines(a)).toEqual([P1, P2]);
  });

  it('does not read a whole article container named with a caption word as caption markup', () => {
    const short = '开发区项目集中开工，总投资超千亿，带动就业两万人。';
    const long = `${P2}${P3}`;
    const a = run(
      page(`<div class="pic-content"><p>${P1}</p><p><img src="/u/1.jpg"></p><p>签约现场</p><p>${short}</p><p>${long}</p><p>${P3}${P1}</p></div>`),
    );
    expect(a.images.map((image) => image.caption)).toEqual(['签约现场']);
    expect(lines(a)).toEqual([P1, short, long, `${P3}${P1}`]);
  });
});
