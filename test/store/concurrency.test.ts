import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FatalError } from '../../src/errors.js';
import { openStore } from '../../src/store/open.js';
import { makeArticle, makeResponse, tempDir } from './helpers.js';

/**
 * A separate process that takes the crawl lock the way SqliteStore does (a row with its pid and
 * host), then stays alive until killed.
 */
async function lockHolder(file: string): Promise<ChildProcess> {
  const script = `
    const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)}, { timeout: 10000 });
    db.prepare("INSERT OR REPLACE INTO locks (name, owner, pid, host, started_at) VALUES ('crawl', 'crawl (child)', ?, ?, ?)")
      .run(process.pid, require('node:os').hostname(), new Date().toISOString());
    db.close();
    process.stdout.write('ready\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [data] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  expect(data.toString()).toBe('ready\n');
  return child;
}

describe('two processes on one database', () => {
  it('a crawl lock held by a live process is refused, and taken over once that process is killed', async () => {
    const file = path.join(tempDir(), 'nh.db');
    openStore(file).close();
    const child = await lockHolder(file);
    const store = openStore(file);
    try {
      expect(store.acquireCrawlLock('crawl (parent)')).toBe(false);
      expect(store.crawlLockHolder()).toMatchObject({ owner: 'crawl (child)', pid: child.pid, host: os.hostname() });
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    expect(store.acquireCrawlLock('crawl (parent)')).toBe(true);
    expect(store.crawlLockHolder()).toMatchObject({ owner: 'crawl (parent)', pid: process.pid });
    store.close();
  });

  it('a reader reads while a writer holds the write lock; a writer waits, then fails clearly', () => {
    const file = path.join(tempDir(), 'nh.db');
    const writer = openStore(file);
    writer.savePage(writer.startRun([]), makeResponse('http://www.example.com/news/show-1.html'), makeArticle());
    const reader = openStore(file, { readonly: true });
    const second = openStore(file);
    writer.connection.exec('BEGIN IMMEDIATE');
    try {
      expect(reader.search('项目', {})).toHaveLength(1);
      expect(reader.articleCount({})).toBe(1);
      // Shorten the wait so the test does not sit out the full 10 s busy timeout.
      second.connection.pragma('busy_timeout = 200');
      const started = Date.now();
      let caught: unknown;
      try {
        second.startRun([]);
      } catch (err) {
        caught = err;
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      expect(caught).toBeInstanceOf(FatalError);
      expect((caught as Error).message).toMatch(/^database is busy: another process held .*nh\.db locked for too long$/);
    } finally {
      writer.connection.exec('ROLLBACK');
    }
    expect(second.startRun([])).toBeGreaterThan(0);
    for (const s of [reader, second, writer]) s.close();
  });
});
