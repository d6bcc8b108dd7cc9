/**
 * Store throughput on synthetic Chinese news: savePage/s (compression and FTS included), search
 * latency over the stored articles, export streaming rate. For `npm run bench`; also runnable as
 * `node dist/store/benchmark.js [articles]`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Article } from '../types.js';
import { openStore } from './open.js';

export interface StoreBenchResult {
  articles: number;
  savePagePerSecond: number;
  /** Median milliseconds of one search() (limit 20) over all stored articles, per query. */
  searchMedianMs: Record<string, number>;
  articlesIteratedPerSecond: number;
  databaseBytes: number;
  rawPageBytes: number;
}

const WORDS =
  '项目 发展 经济 企业 投资 建设 转型 山西 晋商 商会 开发区 签约 开工 产业 园区 政府 会议 市场 服务 创新 合作 推进 重点 全省 改革 营商 环境 招商 引资 科技 能源 煤炭 制造 数字 平台 金融 贸易 工业 农业 文化 旅游 交通 城市 乡村 振兴 民营 中小 政策 支持 增长'.split(
    ' ',
  );
const PUNCT = ['，', '。', '、', '；'];

/** Deterministic pseudo-random numbers, so runs are comparable. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(random: () => number, words: number): string {
  let out = '';
  for (let i = 0; i < words; i++) {
    out += WORDS[Math.floor(random() * WORDS.length)];
    if (random() < 0.15) out += PUNCT[Math.floor(random() * PUNCT.length)];
  }
  return `${out}。`;
}

function syntheticArticle(i: number, random: () => number): { article: Article; html: Buffer } {
  const url = `http://news${i % 20}.example.com/show-${i}.html`;
  const paragraphs = Array.from({ length: 8 }, () => sentence(random, 40));
  const title = sentence(random, 6);
  const article: Article = {
    url,
    site: new URL(url).hostname,
    title,
    publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().replace('.000Z', '+00:00'),
    source: '山西日报',
    author: null,
    editor: null,
    views: Math.floor(random() * 10_000),
    summary: paragraphs[0] ?? null,
    body: paragraphs.join('\n'),
    images: [{ src: `${url}.jpg`, caption: sentence(random, 5), alt: null }],
    language: 'zh',
    fetchedAt: new Date().toISOString(),
    extraction: { profile: 'generic', viewsUrl: null, warnings: [] },
  };
  const chrome = '<div class="nav"><a href="/">网站首页</a> | <a href="/map">网站地图</a></div>'.repeat(60);
  const html = Buffer.from(
    `<html><head><title>${title}</title></head><body>${chrome}<h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}${chrome}</body></html>`,
  );
  return { article, html };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function benchmarkStore(count = 10_000): StoreBenchResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nh-store-bench-'));
  const file = path.join(dir, 'bench.db');
  try {
    const store = openStore(file);
    const random = lcg(42);
    const run = store.startRun([]);
    let rawPageBytes = 0;
    let saveMs = 0;
    for (let i = 0; i < count; i++) {
      const { article, html } = syntheticArticle(i, random);
      rawPageBytes += html.length;
      const start = performance.now();
      store.savePage(
        run,
        {
          url: article.url,
          finalUrl: article.url,
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: html,
          fetchedAt: new Date(),
          kind: 'article',
        },
        article,
      );
      saveMs += performance.now() - start;
    }
    const saveSeconds = saveMs / 1000;

    const searchMedianMs: Record<string, number> = {};
    for (const query of ['项目', '晋商 商会', '营商环境', '开发区 签约 开工', '不存在的词']) {
      const times: number[] = [];
      for (let k = 0; k < 7; k++) {
        const t = performance.now();
        store.search(query, { limit: 20 });
        times.push(performance.now() - t);
      }
      searchMedianMs[query] = Number(median(times).toFixed(2));
    }

    const iterStart = performance.now();
    let iterated = 0;
    for (const _ of store.articles({})) iterated++;
    const iterSeconds = (performance.now() - iterStart) / 1000;
    store.connection.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    return {
      articles: count,
      savePagePerSecond: Math.round(count / saveSeconds),
      searchMedianMs,
      articlesIteratedPerSecond: Math.round(iterated / iterSeconds),
      databaseBytes: fs.statSync(file).size,
      rawPageBytes,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? 10_000);
  process.stdout.write(`${JSON.stringify(benchmarkStore(count), null, 2)}\n`);
}
