import type { StoredArticle } from '../../src/store/types.js';

/** A complete Article with awkward content in every field a writer has to escape. */
export function sampleArticle(overrides: Partial<StoredArticle> = {}): StoredArticle {
  return {
    url: 'http://www.example.com/news/show-12345.html',
    site: 'www.example.com',
    title: '山西省开发区2022年第一次“三个一批”活动举行, "林武"出席',
    publishedAt: '2022-02-27T10:05:00+08:00',
    source: '山西日报',
    author: null,
    editor: '张三',
    views: 5595,
    summary: '=HYPERLINK("http://evil.example/","点击")',
    body: '持续发力抓项目 奋楫当先促转型\n山西日报记者陈俊琦报道 2月26日，…\r\n第三段',
    images: [
      { src: 'http://www.example.com/file/upload/202202/27/1.jpg', caption: '项目培土奠基。山西日报记者 史晓波摄', alt: null },
      { src: 'http://www.example.com/file/upload/202202/27/2.jpg', caption: null, alt: '现场' },
    ],
    language: 'zh',
    fetchedAt: '2026-11-27T05:00:00Z',
    extraction: { profile: 'destoon', viewsUrl: null, warnings: ['charset-fallback', '@note'] },
    ...overrides,
  };
}
