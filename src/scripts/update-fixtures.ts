/**
 * `npm run fixtures:update`: rewrites every fixtures/pages/<slug>/expected.json from the current
 * extractor, then prints how each page scores on its hand-written truth.json. Review the git diff
 * of the goldens against the truth before committing: a golden is what the code does, the truth
 * is what the page says.
 *
 * Each fixture's meta.json must carry a fixed `now`, so that a regenerated golden only changes
 * when the extractor does. Usage: node dist/scripts/update-fixtures.js [fixtures-dir]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverSets, type EvalPage, extractPage, scorePage } from '../eval/index.js';

const DEFAULT_DIR = fileURLToPath(new URL('../../fixtures/pages', import.meta.url));

export function goldenJson(page: EvalPage): string {
  if (page.now === null) {
    throw new Error(`${path.dirname(page.htmlPath)}/meta.json has no "now": a golden needs a fixed reference time`);
  }
  return `${JSON.stringify(extractPage(page), null, 2)}\n`;
}

function main(dir: string): number {
  const pages = discoverSets(dir).flatMap((set) => set.pages);
  if (pages.length === 0) {
    process.stderr.write(`update-fixtures: no fixtures (page.html + truth.json) under ${dir}\n`);
    return 1;
  }
  let changed = 0;
  for (const page of pages) {
    const file = path.join(path.dirname(page.htmlPath), 'expected.json');
    const json = goldenJson(page);
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (before !== json) {
      fs.writeFileSync(file, json);
      changed++;
    }
    const article = JSON.parse(json) as Parameters<typeof scorePage>[0];
    const failures = scorePage(article, page.truth, { bodyFailBelow: 1 }).failures;
    const status = before === json ? 'unchanged' : before === null ? 'created' : 'UPDATED';
    const verdict = failures.length === 0 ? 'matches truth' : `misses truth: ${[...new Set(failures.map((f) => f.field))].join(', ')}`;
    process.stdout.write(`${status.padEnd(9)} ${page.id}: ${verdict}\n`);
  }
  process.stdout.write(`${changed} of ${pages.length} goldens written; review with: git diff -- ${path.relative(process.cwd(), dir)}\n`);
  return 0;
}

process.exitCode = main(process.argv[2] ?? DEFAULT_DIR);
