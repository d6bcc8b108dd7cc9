/**
 * Page classification on the real pages of ../shared/corpus (never copied into the project):
 * an article page misread as a list is an article the crawl never stores, so articles must come
 * out as articles; the labelled list pages must mostly not. Skips where the corpus is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzePage } from '../../src/crawl/analyze.js';

const CORPUS = path.resolve(fileURLToPath(import.meta.url), '../../../../shared/corpus');
const present = fs.existsSync(CORPUS);
const now = new Date('2026-11-27T00:00:00Z');

function kinds(set: string): { url: string; kind: string }[] {
  const dir = path.join(CORPUS, set);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => {
      const truth = path.join(dir, f.replace(/\.html$/, '.json'));
      const url = fs.existsSync(truth)
        ? ((JSON.parse(fs.readFileSync(truth, 'utf8')) as { url?: string }).url ?? `http://example.cn/${f}`)
        : `http://example.cn/${f}`;
      const body = fs.readFileSync(path.join(dir, f));
      const { kind } = analyzePage({ body, url, contentType: null, fetchedAt: now, now, timeZone: 'Asia/Shanghai', profile: null });
      return { url, kind };
    });
}

describe.skipIf(!present)('classification on the corpus', () => {
  if (!present) it.skip(`../shared/corpus is absent (${CORPUS})`, () => {});

  it('reads at least 95% of the Chinese article pages as articles', () => {
    const sets = fs.readdirSync(CORPUS).filter((s) => (s.startsWith('zh-') && s !== 'zh-gne-listpages') || /-zh$/.test(s));
    const all = sets.flatMap(kinds);
    const missed = all.filter((p) => p.kind !== 'article');
    expect(all.length).toBeGreaterThan(100);
    expect(missed.length / all.length, missed.map((p) => p.url).join('\n')).toBeLessThanOrEqual(0.05);
  });

  it('does not read most list pages as articles', () => {
    const lists = kinds('zh-gne-listpages');
    expect(lists.filter((p) => p.kind === 'article').length * 2).toBeLessThan(lists.length);
  });
});
