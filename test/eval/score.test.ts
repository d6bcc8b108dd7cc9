import { describe, expect, it } from 'vitest';
import { dropOffset, scorePage } from '../../src/eval/score.js';
import type { Article } from '../../src/types.js';

function article(fields: Partial<Article> = {}): Article {
  return {
    url: 'http://www.example.com/a.html',
    site: 'www.example.com',
    title: null,
    publishedAt: null,
    source: null,
    author: null,
    editor: null,
    views: null,
    summary: null,
    body: null,
    images: [],
    language: null,
    fetchedAt: '2026-11-27T05:00:00.000Z',
    extraction: { profile: 'generic', viewsUrl: null, warnings: [] },
    ...fields,
  };
}

const score = (a: Article, truth: Parameters<typeof scorePage>[1]) => scorePage(a, truth).fields;

describe('scorePage: title', () => {
  it('matches after NFKC and whitespace removal', () => {
    expect(score(article({ title: '林武 出席 并讲话' }), { title: '林武出席并讲话' }).title).toEqual({ total: 1, count: 1 });
    expect(score(article({ title: 'ＡＢ 1' }), { title: 'AB1' }).title?.total).toBe(1);
  });
  it('fails on any other difference, and on null', () => {
    expect(score(article({ title: '林武出席并讲话_山西' }), { title: '林武出席并讲话' }).title?.total).toBe(0);
    expect(score(article(), { title: '林武出席并讲话' }).title?.total).toBe(0);
  });
  it('is not scored when the truth does not label it', () => {
    expect(score(article({ title: 'x' }), {}).title).toBeUndefined();
  });
});

describe('scorePage: publishedAt', () => {
  it('drops the offset and tests that the value starts with the truth', () => {
    const a = article({ publishedAt: '2022-02-27T10:05:00+08:00' });
    expect(score(a, { publishedAt: '2022-02-27T10:05' }).publishedAt?.total).toBe(1);
    expect(score(a, { publishedAt: '2022-02-27' }).publishedAt?.total).toBe(1);
    expect(score(a, { publishedAt: '2022-02-27T10:05:00' }).publishedAt?.total).toBe(1);
    expect(score(a, { publishedAt: '2022-02-27T10:06' }).publishedAt?.total).toBe(0);
  });
  it('does not accept a bare date when the truth has a time', () => {
    expect(score(article({ publishedAt: '2022-02-27' }), { publishedAt: '2022-02-27T10:05' }).publishedAt?.total).toBe(
      0,
    );
  });
  it('requires null when the truth is null', () => {
    expect(score(article(), { publishedAt: null }).publishedAt?.total).toBe(1);
    expect(score(article({ publishedAt: '2022-02-27' }), { publishedAt: null }).publishedAt?.total).toBe(0);
  });
  it('dropOffset handles Z, +hh:mm and +hhmm', () => {
    expect(dropOffset('2022-02-27T02:05:00Z')).toBe('2022-02-27T02:05:00');
    expect(dropOffset('2022-02-27T10:05:00+08:00')).toBe('2022-02-27T10:05:00');
    expect(dropOffset('2022-02-27T10:05:00-0500')).toBe('2022-02-27T10:05:00');
    expect(dropOffset('2022-02-27')).toBe('2022-02-27');
  });
});

describe('scorePage: source, author, editor, views', () => {
  it('compares bylines after normalisation and demands null for null', () => {
    const a = article({ source: '山西 日报', author: null, editor: '王五' });
    const fields = score(a, { source: '山西日报', author: null, editor: null });
    expect(fields.source?.total).toBe(1);
    expect(fields.author?.total).toBe(1);
    expect(fields.editor?.total).toBe(0);
  });
  it('compares views as integers', () => {
    expect(score(article({ views: 5595 }), { views: 5595 }).views?.total).toBe(1);
    expect(score(article({ views: 5596 }), { views: 5595 }).views?.total).toBe(0);
    expect(score(article({ views: 0 }), { views: null }).views?.total).toBe(0);
    expect(score(article(), { views: null }).views?.total).toBe(1);
  });
});

describe('scorePage: captions', () => {
  const caption = '山西省委书记林武……项目培土奠基。山西日报记者 史晓波摄';
  const image = (c: string | null) => ({ src: 'http://www.example.com/1.jpg', caption: c, alt: null });

  it('passes when an image caption contains the truth, or the truth contains it', () => {
    expect(score(article({ images: [image(caption)] }), { captions: [caption] }).captions).toEqual({ total: 1, count: 1 });
    expect(score(article({ images: [image('山西日报记者史晓波摄')] }), { captions: [caption] }).captions?.total).toBe(1);
    expect(score(article({ images: [image(`${caption}（资料）`)] }), { captions: [caption] }).captions?.total).toBe(1);
  });
  it('fails when no image carries it', () => {
    expect(score(article({ images: [image(null)] }), { captions: [caption] }).captions?.total).toBe(0);
  });
  it('fails when the caption also leaks into the body', () => {
    const a = article({ images: [image(caption)], body: `正文第一段\n${caption}\n正文第二段` });
    const page = scorePage(a, { captions: [caption] });
    expect(page.fields.captions?.total).toBe(0);
    expect(page.failures[0]?.note).toContain('leaks into body');
  });
  it('counts per caption', () => {
    const a = article({ images: [image('图一')] });
    expect(score(a, { captions: ['图一', '图二'] }).captions).toEqual({ total: 1, count: 2 });
  });
});

describe('scorePage: body, with, without', () => {
  it('scores the body as token F1', () => {
    const fields = score(article({ body: '山西日报' }), { body: '山西日报记者' });
    expect(fields.body?.count).toBe(1);
    expect(fields.body?.total).toBeCloseTo(0.75);
  });
  it('scores a missing body as 0', () => {
    expect(score(article(), { body: '正文' }).body?.total).toBe(0);
  });
  it('counts with/without per snippet, whitespace removed on both sides', () => {
    const a = article({ body: '持续发力抓项目\n奋楫当先 促转型\n网站首页' });
    const fields = score(a, {
      with: ['持续发力 抓项目', '奋楫当先促转型', '不在正文'],
      without: ['网站首页', '京ICP备13017153号'],
    });
    expect(fields.with).toEqual({ total: 2, count: 3 });
    expect(fields.without).toEqual({ total: 1, count: 2 });
  });
  it('reports each failing snippet', () => {
    const page = scorePage(article({ body: '网站首页' }), { with: ['正文'], without: ['网站首页'] });
    expect(page.failures.map((f) => [f.field, f.expected])).toEqual([
      ['with', '正文'],
      ['without', '网站首页'],
    ]);
  });
});
