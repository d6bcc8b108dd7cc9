import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { StoredResponse } from '../../src/store/types.js';
import type { Article } from '../../src/types.js';

const dirs: string[] = [];

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nh-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function makeArticle(overrides: Partial<Article> = {}): Article {
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

export function makeResponse(url: string, overrides: Partial<StoredResponse> = {}): StoredResponse {
  return {
    url,
    finalUrl: url,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', etag: '"abc"' },
    body: Buffer.from(`<html><body><h1>页面 ${url}</h1>${'<p>内容段落</p>'.repeat(50)}</body></html>`),
    fetchedAt: new Date('2026-11-27T05:00:00Z'),
    requestHeaders: { 'user-agent': 'newsharvest-test' },
    kind: 'article',
    ...overrides,
  };
}
