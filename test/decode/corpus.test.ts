/**
 * Every page of the shared corpus decodes without U+FFFD where its bytes are GBK/GB2312, and
 * every UTF-8 page labelled gb2312 is recognised. Skips when ../shared/corpus is absent.
 */

import { isUtf8 } from 'node:buffer';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/decode/index.js';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');
const present = existsSync(CORPUS);

function corpusPages(): string[] {
  const pages: string[] = [];
  for (const set of readdirSync(CORPUS, { withFileTypes: true })) {
    if (!set.isDirectory()) continue;
    for (const name of readdirSync(join(CORPUS, set.name))) {
      if (name.endsWith('.html')) pages.push(join(CORPUS, set.name, name));
    }
  }
  return pages.sort();
}

describe.skipIf(!present)('decodeHtml over the shared corpus', () => {
  if (!present) console.warn(`skipping corpus decode test: ${CORPUS} is absent`);

  it('decodes every page, and no non-UTF-8 page yields U+FFFD', () => {
    const pages = corpusPages();
    expect(pages.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let legacy = 0;
    for (const path of pages) {
      const bytes = readFileSync(path);
      const { text, charset, warnings } = decodeHtml(bytes);
      if (isUtf8(bytes)) {
        if (charset !== 'utf-8') failures.push(`${path}: valid UTF-8 decoded as ${charset}`);
        continue;
      }
      legacy++;
      if (text.includes('\uFFFD')) failures.push(`${path}: U+FFFD after decoding as ${charset}`);
      // Undecodable sequences are dropped, but only the odd broken byte, never the page.
      const dropped = Number(/dropped (\d+) undecodable/.exec(warnings.join(' '))?.[1] ?? 0);
      if (dropped > text.length / 1000) failures.push(`${path}: ${dropped} undecodable sequences as ${charset}`);
      // Sanity: a Chinese page decoded right is full of the commonest characters.
      if (!/[的是在了国]/.test(text)) failures.push(`${path}: no common Chinese character (decoded as ${charset})`);
    }
    expect(legacy).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});
