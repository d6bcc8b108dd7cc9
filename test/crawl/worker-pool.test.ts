/**
 * The page-worker pool as a crawl uses it: the compiled worker (test/global-setup.ts builds dist/
 * before the suite), pages answered by id whatever order they finish in, and the same result as
 * analysing on the calling thread.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnalyzeInput, AnalyzeResult } from '../../src/crawl/analyze.js';
import { analyzePage } from '../../src/crawl/analyze.js';
import type { PageAnalyzer } from '../../src/crawl/worker-pool.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGES = path.join(ROOT, 'fixtures', 'pages');
const NOW = new Date('2026-01-01T00:00:00Z');

/** The compiled module, whose page-worker.js sits beside it (the TypeScript sources have none). */
async function compiledCreateAnalyzer(): Promise<(count?: number) => PageAnalyzer> {
  const url = new URL(`file://${path.join(ROOT, 'dist', 'crawl', 'worker-pool.js')}`).href;
  const compiled = (await import(url)) as {
    createAnalyzer: (count?: number) => PageAnalyzer;
    inlineAnalyzer: PageAnalyzer;
  };
  return (count) => {
    const analyzer = compiled.createAnalyzer(count);
    // Otherwise these tests would pass on the calling thread alone.
    expect(analyzer).not.toBe(compiled.inlineAnalyzer);
    return analyzer;
  };
}

function input(fixture: string): AnalyzeInput {
  const meta = JSON.parse(readFileSync(path.join(PAGES, fixture, 'meta.json'), 'utf8')) as { url: string };
  return {
    body: readFileSync(path.join(PAGES, fixture, 'page.html')),
    url: meta.url,
    contentType: null,
    fetchedAt: NOW,
    now: NOW,
    profile: null,
  };
}

/** What crosses the thread boundary: the structured-clone view of a result. */
function cloned(result: AnalyzeResult): AnalyzeResult {
  return structuredClone(result);
}

describe('page worker pool', () => {
  it('answers every page with its own result, as the calling thread would analyse it', async () => {
    const createAnalyzer = await compiledCreateAnalyzer();
    const analyzer = createAnalyzer(2);
    try {
      const fixtures = ['destoon7-shanxi-kaifaqu', 'dedecms-gbk-cashmere-fair', 'empirecms-multipage-first'];
      // Twice each, all in flight at once: replies are matched by id, not by arrival order.
      const inputs = [...fixtures, ...fixtures].map(input);
      const results = await Promise.all(inputs.map((i) => analyzer.analyze(i)));
      results.forEach((result, i) => {
        expect(result).toEqual(cloned(analyzePage(inputs[i]!)));
      });
      expect(results[0]!.article.title).toContain('山西省开发区');
      expect(results[1]!.article.title).not.toBe(results[0]!.article.title);
    } finally {
      await analyzer.close();
    }
  });

  it('analyses on the calling thread once closed, instead of failing the crawl', async () => {
    const createAnalyzer = await compiledCreateAnalyzer();
    const analyzer = createAnalyzer(1);
    await analyzer.close();
    const page = input('destoon7-shanxi-kaifaqu');
    const result = await analyzer.analyze(page);
    expect(result).toEqual(cloned(analyzePage(page)));
  });
});

describe('page worker pool recovery', () => {
  const STUB = path.join(ROOT, 'test', 'support', 'stub-page-worker.mjs');
  type Create = (count: number, options: { timeoutMs?: number; workerFile?: string }) => PageAnalyzer;
  const page = (url: string): AnalyzeInput => ({ body: Buffer.from('<p>x</p>'), url, contentType: null, fetchedAt: NOW, now: NOW, profile: null });
  const urlOf = (result: AnalyzeResult) => (result as unknown as { url: string }).url;

  async function stubPool(timeoutMs: number): Promise<PageAnalyzer> {
    const url = new URL(`file://${path.join(ROOT, 'dist', 'crawl', 'worker-pool.js')}`).href;
    const { createAnalyzer } = (await import(url)) as { createAnalyzer: Create };
    return createAnalyzer(1, { timeoutMs, workerFile: STUB });
  }

  it('abandons a page the worker is stuck on, and the pages queued behind it still get answers', async () => {
    const analyzer = await stubPool(300);
    try {
      const stuck = analyzer.analyze(page('http://a.cn/hang.html'));
      const next = [analyzer.analyze(page('http://a.cn/1.html')), analyzer.analyze(page('http://a.cn/2.html'))];
      await expect(stuck).rejects.toThrow(/took longer than 0.3 s and was abandoned/);
      expect((await Promise.all(next)).map(urlOf)).toEqual(['http://a.cn/1.html', 'http://a.cn/2.html']);
      // The replacement worker keeps serving.
      expect(urlOf(await analyzer.analyze(page('http://a.cn/3.html')))).toBe('http://a.cn/3.html');
    } finally {
      await analyzer.close();
    }
  });

  it('fails only the page a crashed worker was on', async () => {
    const analyzer = await stubPool(60_000);
    try {
      const crash = analyzer.analyze(page('http://a.cn/crash.html'));
      const next = analyzer.analyze(page('http://a.cn/4.html'));
      await expect(crash).rejects.toThrow(/exited with code 7/);
      expect(urlOf(await next)).toBe('http://a.cn/4.html');
    } finally {
      await analyzer.close();
    }
  });
});
