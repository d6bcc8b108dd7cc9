import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFormat, exportArticles, selectFields } from '../../src/export/index.js';
import { openOutput } from '../../src/export/output.js';
import type { StoredArticle } from '../../src/store/types.js';
import { sampleArticle } from './sample.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nh-output-'));
});
afterEach(() => {
  fs.chmodSync(dir, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

const jsonl = () => createFormat('jsonl', selectFields(undefined, false));

describe('openOutput to a file', () => {
  it('writes through a temp file and renames it into place', async () => {
    const target = path.join(dir, 'out.jsonl');
    const out = await openOutput(target);
    await out.write('partial');
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(dir)).toHaveLength(1);
    await out.commit();
    expect(fs.readFileSync(target, 'utf8')).toBe('partial');
    expect(fs.readdirSync(dir)).toEqual(['out.jsonl']);
  });

  it('a failure mid-way leaves no file, and an existing file intact', async () => {
    const fresh = path.join(dir, 'fresh.jsonl');
    const existing = path.join(dir, 'existing.jsonl');
    fs.writeFileSync(existing, 'old content\n');
    // Big enough records that several chunks hit the disk before the failure.
    const big = 'x'.repeat(100_000);
    function* failing(): Generator<StoredArticle> {
      for (let i = 0; i < 20; i++) yield sampleArticle({ body: big });
      throw new Error('database disk image is malformed');
    }
    for (const target of [fresh, existing]) {
      await expect(exportArticles(failing(), jsonl(), await openOutput(target))).rejects.toThrow('malformed');
    }
    expect(fs.existsSync(fresh)).toBe(false);
    expect(fs.readFileSync(existing, 'utf8')).toBe('old content\n');
    expect(fs.readdirSync(dir)).toEqual(['existing.jsonl']);
  });

  it('replaces an existing file on success', async () => {
    const target = path.join(dir, 'a.jsonl');
    fs.writeFileSync(target, 'old\n');
    const count = await exportArticles([sampleArticle()], jsonl(), await openOutput(target));
    expect(count).toBe(1);
    expect(JSON.parse(fs.readFileSync(target, 'utf8')).url).toBe(sampleArticle().url);
  });

  it('a folder is a usage error (exit 2)', async () => {
    await expect(openOutput(dir)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('is a folder') });
    await expect(openOutput(`${dir}/`)).rejects.toMatchObject({ exitCode: 2 });
  });

  it('a missing folder is a failure (exit 1)', async () => {
    await expect(openOutput(path.join(dir, 'nope', 'a.csv'))).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringContaining('does not exist'),
    });
  });

  it.skipIf(process.getuid?.() === 0)('an unwritable folder is a failure (exit 1)', async () => {
    fs.chmodSync(dir, 0o555);
    await expect(openOutput(path.join(dir, 'a.csv'))).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringContaining('permission denied'),
    });
  });
});
