import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  discoverSets,
  EvalInputError,
  evaluateDir,
  formatFailures,
  formatScorecard,
  scorecardJson,
} from '../../src/eval/index.js';

const BODY = '山西日报记者陈俊琦报道 2月26日，全省开发区2022年第一次项目集中签约一批、开工一批、投产一批活动在全省各地同步举行。';
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><p>${BODY}</p></body></html>`;

let root: string;

function write(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsharvest-eval-'));
  // corpus layout: two labelled pages, one page without truth, one list-page set
  write(path.join(root, 'corpus/set-a/p1.html'), PAGE);
  write(path.join(root, 'corpus/set-a/p1.json'), JSON.stringify({ with: ['全省开发区2022年第一次'], without: ['京ICP备'] }));
  write(path.join(root, 'corpus/set-a/p2.html'), PAGE);
  write(path.join(root, 'corpus/set-a/p2.json'), JSON.stringify({ url: 'http://www.example.com/2.html', with: ['不在页面上'] }));
  write(path.join(root, 'corpus/set-a/no-truth.html'), PAGE);
  write(path.join(root, 'corpus/lists/l1.html'), PAGE);
  write(path.join(root, 'corpus/lists/l1.json'), JSON.stringify({ provenance: 'somewhere' }));
  // fixtures layout
  write(path.join(root, 'pages/one/page.html'), PAGE);
  write(path.join(root, 'pages/one/meta.json'), JSON.stringify({ url: 'http://www.example.com/one.html', now: '2026-01-01T00:00:00Z' }));
  write(path.join(root, 'pages/one/truth.json'), JSON.stringify({ with: ['山西日报记者陈俊琦报道'] }));
  write(path.join(root, 'bad/b1.html'), PAGE);
  write(path.join(root, 'bad/b1.json'), JSON.stringify({ views: 'many' }));
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('discoverSets', () => {
  it('reads a corpus root as one set per sub-directory, pages only where truth exists', () => {
    const sets = discoverSets(path.join(root, 'corpus'));
    expect(sets.map((s) => [s.name, s.pages.map((p) => p.id)])).toEqual([
      ['lists', ['l1']],
      ['set-a', ['p1', 'p2']],
    ]);
  });

  it('uses the truth url, else a localhost placeholder under the set name', () => {
    const [set] = discoverSets(path.join(root, 'corpus/set-a'));
    expect(set?.pages.map((p) => p.url)).toEqual(['http://localhost/set-a/p1.html', 'http://www.example.com/2.html']);
  });

  it('reads the fixtures layout with url and now from meta.json', () => {
    const [set] = discoverSets(path.join(root, 'pages'));
    expect(set?.name).toBe('pages');
    expect(set?.pages[0]?.url).toBe('http://www.example.com/one.html');
    expect(set?.pages[0]?.now?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reads one fixture directory as a set of one page named after its parent', () => {
    const sets = discoverSets(path.join(root, 'pages/one'));
    expect(sets.map((s) => [s.name, s.pages.map((p) => p.id)])).toEqual([['pages', ['one']]]);
  });

  it('throws a UsageError for a missing directory', () => {
    expect(() => discoverSets(path.join(root, 'nope'))).toThrow(UsageError);
    expect(() => discoverSets(path.join(root, 'nope'))).toThrow(/^no such directory: /);
  });

  it('rejects a truth file whose views is not an integer, naming the file', () => {
    expect(() => discoverSets(path.join(root, 'bad'))).toThrow(EvalInputError);
    expect(() => discoverSets(path.join(root, 'bad'))).toThrow(/b1\.json: "views" must be an integer/);
  });
});

describe('evaluateDir', () => {
  it('scores snippets per snippet, pools them overall, and skips sets that label nothing', () => {
    const card = evaluateDir(path.join(root, 'corpus'));
    expect(card.skipped).toEqual(['lists']);
    expect(card.sets.map((s) => s.name)).toEqual(['set-a']);
    const set = card.sets[0];
    expect(set?.pages).toBe(2);
    expect(set?.fields.with).toEqual({ mean: 0.5, count: 2, total: 1 });
    expect(set?.fields.without.count).toBe(1);
    expect(set?.fields.title).toEqual({ mean: null, count: 0, total: 0 });
    expect(card.overall.fields.with.mean).toBe(0.5);
  });

  it('filters by set name and rejects an unknown one', () => {
    expect(evaluateDir(path.join(root, 'corpus'), { sets: ['set-a'] }).sets).toHaveLength(1);
    expect(() => evaluateDir(path.join(root, 'corpus'), { sets: ['set-z'] })).toThrow(/unknown set "set-z"/);
  });

  it('lists failing snippets with expected and got', () => {
    const card = evaluateDir(path.join(root, 'corpus/set-a'));
    const text = formatFailures(card);
    expect(text).toContain('set-a/p2');
    expect(text).toContain('with: expected "不在页面上", got "missing from body"');
    expect(text).not.toContain('set-a/p1 ');
  });

  it('prints a table with a row per set and the counts', () => {
    const text = formatScorecard(evaluateDir(path.join(root, 'corpus')));
    expect(text).toMatch(/^set-a\s+2\s/m);
    expect(text).toContain('0.500 (2)');
    expect(text).toContain('skipped (nothing labelled): lists');
  });

  it('scores the fixtures layout', () => {
    const card = evaluateDir(path.join(root, 'pages'));
    expect(card.sets[0]?.fields.with).toEqual({ mean: 1, count: 1, total: 1 });
  });

  it('gives JSON with mean and count per field, and failures only when asked', () => {
    const card = evaluateDir(path.join(root, 'corpus'));
    const plain = scorecardJson(card, false) as Record<string, unknown>;
    expect(plain).not.toHaveProperty('failures');
    expect(plain.overall).toMatchObject({ pages: 2, fields: { with: { mean: 0.5, count: 2 } } });
    const detailed = scorecardJson(card, true) as { failures: { set: string; id: string }[] };
    expect(detailed.failures.map((f) => `${f.set}/${f.id}`)).toEqual(['set-a/p2']);
  });
});
