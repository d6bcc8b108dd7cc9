/**
 * The fixtures are the extractor's specification (fixtures/pages/README.md). For every page:
 * 1. extract() equals the golden expected.json (regenerate with `npm run fixtures:update`, review
 *    the diff);
 * 2. the golden scores perfectly on the hand-written truth.json, except for the gaps listed in
 *    fixtures/pages/KNOWN-GAPS.json; a listed gap that is fixed fails too, so the list shrinks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../src/decode/index.js';
import { compact, discoverSets, extractPage, SCORED_FIELDS, type ScoredField, scorePage } from '../src/eval/index.js';
import type { Article } from '../src/types.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/pages', import.meta.url));

interface KnownGap {
  field: ScoredField;
  reason: string;
}

const knownGaps = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'KNOWN-GAPS.json'), 'utf8')) as Record<
  string,
  KnownGap[] | string
>;
const pages = discoverSets(FIXTURES).flatMap((set) => set.pages);

function gapsOf(id: string): KnownGap[] {
  const entry = knownGaps[id];
  return Array.isArray(entry) ? entry : [];
}

describe('fixtures/pages', () => {
  it('has the pages the spec promises (two per built-in CMS, three generic)', () => {
    const ids = pages.map((page) => page.id);
    for (const prefix of ['destoon7-', 'destoon4-', 'dedecms-', 'phpcms9-', 'empirecms-']) {
      expect(ids.filter((id) => id.startsWith(prefix)).length, prefix).toBeGreaterThanOrEqual(prefix === 'destoon4-' ? 1 : 2);
    }
    expect(ids.filter((id) => id.startsWith('generic-')).length).toBeGreaterThanOrEqual(3);
  });

  it('lists known gaps only for fixtures that exist, with a reason each', () => {
    const ids = new Set(pages.map((page) => page.id));
    for (const [id, entry] of Object.entries(knownGaps)) {
      if (id.startsWith('_')) continue;
      expect(ids.has(id), `KNOWN-GAPS.json names unknown fixture ${id}`).toBe(true);
      for (const gap of gapsOf(id)) {
        expect(SCORED_FIELDS).toContain(gap.field);
        expect(gap.reason.length).toBeGreaterThan(10);
      }
      expect(Array.isArray(entry)).toBe(true);
    }
  });
});

describe.each(pages.map((page) => [page.id, page] as const))('fixture %s', (id, page) => {
  const dir = path.dirname(page.htmlPath);
  const golden = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Article;

  it('labels every scored field in truth.json and fixes `now` in meta.json', () => {
    expect(SCORED_FIELDS.filter((field) => !(field in page.truth))).toEqual([]);
    expect(page.now).not.toBeNull();
  });

  it('has a self-consistent truth: snippets and captions agree with the body and the page', () => {
    const body = compact(page.truth.body ?? '');
    const pageText = compact(textContent(parseDocument(decodeHtml(fs.readFileSync(page.htmlPath)).text)));
    const problems: string[] = [];
    for (const snippet of page.truth.with ?? []) {
      if (!body.includes(compact(snippet))) problems.push(`with not in truth body: ${snippet}`);
    }
    for (const snippet of page.truth.without ?? []) {
      if (body.includes(compact(snippet))) problems.push(`without inside truth body: ${snippet}`);
      if (!pageText.includes(compact(snippet))) problems.push(`without not on the page: ${snippet}`);
    }
    for (const caption of page.truth.captions ?? []) {
      if (body.includes(compact(caption))) problems.push(`caption inside truth body: ${caption}`);
      if (!pageText.includes(compact(caption))) problems.push(`caption not on the page: ${caption}`);
    }
    for (const line of (page.truth.body ?? '').split('\n')) {
      if (!pageText.includes(compact(line))) problems.push(`body line not on the page: ${line.slice(0, 40)}`);
    }
    expect(problems).toEqual([]);
  });

  it('extract() equals expected.json', () => {
    const article = JSON.parse(JSON.stringify(extractPage(page))) as Article;
    expect(article).toStrictEqual(golden);
  });

  it('the golden scores perfectly on truth.json, except known gaps', () => {
    const gaps = gapsOf(id);
    const failures = scorePage(golden, page.truth, { bodyFailBelow: 1 }).failures;
    const gapFields = new Set(gaps.map((gap) => gap.field));
    const unexpected = failures.filter((failure) => !gapFields.has(failure.field));
    expect(unexpected, 'fields the golden gets wrong (fix the extractor; the truth stays)').toEqual([]);
    const failing = new Set(failures.map((failure) => failure.field));
    const fixed = gaps.filter((gap) => !failing.has(gap.field)).map((gap) => gap.field);
    expect(fixed, `fixed gaps: remove them from fixtures/pages/KNOWN-GAPS.json (${id})`).toEqual([]);
    for (const gap of gaps) console.info(`known gap ${id}.${gap.field}: ${gap.reason}`);
  });
});
