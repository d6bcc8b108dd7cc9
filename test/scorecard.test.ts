/**
 * The corpus scorecard: extraction over ../shared/corpus must not fall below the pinned floors in
 * test/scorecard-floors.json (per set, per field). Floors are a recent run minus a small margin;
 * raise them when extraction improves, never lower them to make a change pass.
 * Skipped, with a message, where the corpus folder is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateDir, type SCORED_FIELDS, type Scorecard } from '../src/eval/index.js';
import { extract } from '../src/extract/index.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus');
const SETS = ['zh-gne', 'zh-misc', 'zh-cwced', 'magic-html-zh'] as const;
const present = fs.existsSync(CORPUS);

interface Floors {
  sets: Record<string, Partial<Record<(typeof SCORED_FIELDS)[number], number>>>;
}
const floors = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'scorecard-floors.json'), 'utf8')) as Floors;

if (!present) console.warn('../shared/corpus not found: scorecard skipped');

describe.skipIf(!present)('corpus scorecard', () => {
  let card: Scorecard;
  beforeAll(() => {
    card = evaluateDir(CORPUS, { sets: SETS });
  });

  it('scores every set that has floors, with no page crashing extract()', () => {
    expect(card.sets.map((set) => set.name).sort()).toEqual([...SETS].sort());
    expect(Object.keys(floors.sets).sort()).toEqual([...SETS].sort());
    expect(card.pages.filter((page) => page.error !== null).map((page) => `${page.set}/${page.id}: ${page.error}`)).toEqual(
      [],
    );
  });

  describe.each(SETS)('%s', (setName) => {
    it('stays at or above its floors', () => {
      const set = card.sets.find((s) => s.name === setName);
      expect(set).toBeDefined();
      const below: string[] = [];
      for (const [field, floor] of Object.entries(floors.sets[setName] ?? {})) {
        const summary = set?.fields[field as (typeof SCORED_FIELDS)[number]];
        expect(summary, `unknown field ${field} in scorecard-floors.json`).toBeDefined();
        const mean = summary?.mean ?? 0;
        if (mean < (floor ?? 0)) below.push(`${field}: ${mean.toFixed(3)} < floor ${floor}`);
      }
      expect(below).toEqual([]);
    });
  });
});

/** A page is GBK when it declares a GB charset in its head and its bytes are not valid UTF-8. */
function isGbkPage(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096).toString('latin1');
  if (!/charset\s*=\s*["']?\s*(?:gb2312|gbk|gb18030|x-gbk)/i.test(head)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/** Every .html of every corpus set, with or without a truth file. */
function corpusHtmlFiles(): string[] {
  return fs
    .readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      fs
        .readdirSync(path.join(CORPUS, dir.name))
        .filter((name) => name.endsWith('.html'))
        .map((name) => path.join(CORPUS, dir.name, name)),
    );
}

describe.skipIf(!present)('GBK pages of the corpus', () => {
  it('decode without U+FFFD in title or body', () => {
    const gbk = corpusHtmlFiles().filter((file) => isGbkPage(fs.readFileSync(file)));
    expect(gbk.length).toBeGreaterThan(0);
    const now = new Date();
    const broken = gbk.filter((file) => {
      const article = extract(fs.readFileSync(file), { url: `http://localhost/${path.basename(file)}`, now });
      return `${article.title ?? ''}${article.body ?? ''}`.includes('\ufffd');
    });
    expect(broken.map((file) => path.relative(CORPUS, file))).toEqual([]);
  });
});
