import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { StoredResponse } from '../../src/store/types.js';
import { sampleArticle } from '../support/article.js';

const dirs: string[] = [];

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nh-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export const makeArticle = sampleArticle;

export function makeResponse(url: string, overrides: Partial<StoredResponse> = {}): StoredResponse {
  return {
    url,
    finalUrl: url,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', etag: '"abc"' },
    body: Buffer.from(`<html><body><h1>页面 ${url}</h1>${'<p>内容段落</p>'.repeat(50)}</body></html>`),
    fetchedAt: new Date('2026-11-27T05:00:00Z'),
    requestHeaders: { 'user-agent': 'newsharvest-test' },
    kind: 'article',
    ...overrides,
  };
}
