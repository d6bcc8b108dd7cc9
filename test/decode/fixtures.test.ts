/**
 * The byte fixtures in fixtures/decode (GBK stays GBK on disk: .gitattributes marks fixtures
 * -text) decode as fixtures/decode/expected.json says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/decode/index.js';

const DIR = join(process.cwd(), 'fixtures', 'decode');

interface Expected {
  file?: string;
  contentType: string | null;
  charset: string;
  contains: string[];
  warnings: string[];
}

const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected>;

describe('decode fixtures', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(name, () => {
      const bytes = readFileSync(join(DIR, want.file ?? name));
      const result = decodeHtml(bytes, want.contentType);
      expect(result.charset).toBe(want.charset);
      expect(result.warnings).toEqual(want.warnings);
      for (const snippet of want.contains) expect(result.text).toContain(snippet);
      expect(result.text).not.toContain('\uFFFD');
    });
  }
});
