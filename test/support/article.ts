import type { Article } from '../../src/types.js';

/** A complete Article as a DESTOON portal page gives it; tests override what they vary. */
export function sampleArticle(overrides: Partial<Article> = {}): Article {
  return {
    url: 'http://www.example.com/news/show-1.html',
    site: 'www.example.com',
    title: '山西省开发区2022年第一次“三个一批”活动举行',
    publishedAt: '2022-02-27T10:05:00+08:00',
    source: '山西日报',
    author: null,
    editor: null,
    views: 5595,
    summary: '持续发力抓项目 奋楫当先促转型',
    body: '持续发力抓项目 奋楫当先促转型\n山西日报记者陈俊琦报道 2月26日，全省开发区项目集中开工。',
    images: [{ src: 'http://www.example.com/file/1.jpg', caption: '山西日报记者 史晓波摄', alt: null }],
    language: 'zh',
    fetchedAt: '2026-11-27T05:00:00.000Z',
    extraction: { profile: 'destoon', viewsUrl: null, warnings: [] },
    ...overrides,
  };
}
