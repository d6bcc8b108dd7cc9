/**
 * Pages built to make a regex backtrack or a loop go quadratic. Each once took extract() from
 * 8 to 30 seconds (sizes chosen so; a few more characters and it never finished) or threw (a
 * recursion that overflowed the stack); today each takes milliseconds. The bound below is a hang
 * guard, not a speed target: vitest cannot interrupt synchronous code, so the elapsed time is
 * checked afterwards, with a margin of ten to a thousand times.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';

const NOW = new Date('2026-11-27T00:00:00Z');
const PROSE = '<p>全省开发区2022年第一次项目集中签约一批、开工一批、投产一批，活动在全省各地同步举行，成效明显。</p>'.repeat(6);

function page(inside: string): Uint8Array {
  const html = `<html><head><meta charset="utf-8"><title>开发区项目集中签约_新闻中心</title></head><body><h1>开发区项目集中签约</h1>
<div class="info">发布时间：2023-05-01 10:00 来源：山西日报</div><div class="content">${PROSE}${inside}${PROSE}</div></body></html>`;
  return new TextEncoder().encode(html);
}

const HANG_GUARD_MS = 5000;

function run(inside: string) {
  const bytes = page(inside);
  const started = performance.now();
  const article = extract(bytes, { url: 'http://www.example.com/news/1.html', now: NOW });
  expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
  return article;
}

describe('hostile pages', () => {
  it('a pager line of many digits (exponential in the page-nav pattern once)', () => {
    const article = run(`<p>上一页${'1'.repeat(32)}x</p>`);
    expect(article.body).toContain(`上一页${'1'.repeat(32)}x`);
  });

  it('a line of repeated credit roles (exponential in the staff-credits pattern once)', () => {
    expect(run(`<p>${'编辑'.repeat(49)}x</p>`).title).toBe('开发区项目集中签约');
  });

  it('a hashtag row of glued mentions (exponential in the mention pattern once)', () => {
    expect(run(`<p>#话题# ${'@a'.repeat(32)} x</p>`).source).toBe('山西日报');
  });

  it('10,000 numbered attachment links in a row: no stack overflow, no throw', () => {
    const article = run('<p><a href="/files/doc.pdf">1.申报表</a></p>'.repeat(10_000));
    expect(article.body).toContain('全省开发区');
  });

  it('a data table of 20,000 rows reads one line a row (counting rows per cell was quadratic)', () => {
    const rows = '<tr><td>钢材</td><td>4500</td><td>上涨</td></tr>'.repeat(20_000);
    const lines = run(`<table>${rows}</table>`).body?.split('\n') ?? [];
    expect(lines.filter((line) => line === '钢材\t4500\t上涨')).toHaveLength(20_000);
  });

  it('1,500 nested <time> and counter elements around a long text (text read once per level before)', () => {
    const text = `<p>${'经济发展改革开放科技创新'.repeat(60_000)}。</p>`;
    expect(run(`${'<time>'.repeat(1500)}${text}`).publishedAt).toBe('2023-05-01T10:00:00+08:00');
    expect(run(`${'<span id="hits">'.repeat(1500)}${text}`).views).toBeNull();
  });
});
