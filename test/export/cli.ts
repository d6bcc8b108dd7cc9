/**
 * End-to-end helpers for the export-side commands: run the compiled bin/newsharvest.js as a user
 * would, against a database filled through the store API in a temp folder.
 */

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/index.js';
import type { StoredResponse } from '../../src/store/types.js';
import type { Article } from '../../src/types.js';
import { sampleArticle } from '../support/article.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The CLI under test; NEWSHARVEST_TEST_BIN points at another build (e.g. a private snapshot). */
export const BIN = process.env.NEWSHARVEST_TEST_BIN ?? path.join(ROOT, 'bin', 'newsharvest.js');

/** Builds once when no compiled CLI exists (test/global-setup.ts normally does it first). */
export function ensureBuilt(): void {
  if (process.env.NEWSHARVEST_TEST_BIN === undefined && !fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
}

export interface CliResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? os.tmpdir(),
    env: { ...process.env, NEWSHARVEST_DB: '', ...options.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** Runs `newsharvest ... | head -c <bytes>`-like: the reader closes the pipe early. */
export function runCliIntoEarlyClose(args: string[], bytes: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let seen = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen >= bytes) child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

export function tempDir(prefix = 'nh-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const article = sampleArticle;

export function response(url: string, html: string, overrides: Partial<StoredResponse> = {}): StoredResponse {
  return {
    url,
    finalUrl: url,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from(html),
    fetchedAt: new Date('2026-11-27T05:00:00Z'),
    requestHeaders: { 'user-agent': 'newsharvest-test' },
    kind: 'article',
    ...overrides,
  };
}

/** Stores the articles (each with a minimal page of its own) in one run; returns the DB path. */
export function populate(dbPath: string, articles: Article[], extraResponses: StoredResponse[] = []): string {
  const store = openStore(dbPath);
  try {
    const run = store.startRun(['http://www.example.com/']);
    for (const a of articles) {
      const html = `<html><head><title>${a.title ?? ''}</title></head><body><h1>${a.title ?? ''}</h1><p>${(a.body ?? '').replaceAll('\n', '</p><p>')}</p></body></html>`;
      store.savePage(run, response(a.url, html, { fetchedAt: new Date(a.fetchedAt) }), a);
    }
    for (const r of extraResponses) store.savePage(run, r, null);
    store.finishRun(run, 'finished', {
      pagesFetched: articles.length + extraResponses.length,
      articlesNew: articles.length,
      articlesUpdated: 0,
      failures: 0,
    });
  } finally {
    store.close();
  }
  return dbPath;
}
