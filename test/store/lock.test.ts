import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { tempDir } from './helpers.js';

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  if (child.pid === undefined) throw new Error('could not spawn a child process');
  return child.pid;
}

describe('crawl lock', () => {
  it('lets one store hold it; a second one is refused until it is released', () => {
    const file = path.join(tempDir(), 'nh.db');
    const first = openStore(file);
    const second = openStore(file);
    expect(first.acquireCrawlLock('crawl http://a.example/')).toBe(true);
    expect(first.acquireCrawlLock('crawl http://a.example/')).toBe(true); // re-entrant for the holder
    expect(second.acquireCrawlLock('crawl http://b.example/')).toBe(false);
    expect(second.crawlLockHolder()).toMatchObject({ owner: 'crawl http://a.example/', pid: process.pid, host: os.hostname() });
    second.releaseCrawlLock(); // not the holder: no effect
    expect(second.crawlLockHolder()).not.toBeNull();
    first.releaseCrawlLock();
    expect(second.crawlLockHolder()).toBeNull();
    expect(second.acquireCrawlLock('crawl http://b.example/')).toBe(true);
    second.close(); // close() releases
    expect(first.crawlLockHolder()).toBeNull();
    first.close();
  });

  it('takes over a lock left by a dead process on this host, not one from another host', () => {
    const store = openStore(path.join(tempDir(), 'nh.db'));
    const insert = store.connection.prepare('INSERT OR REPLACE INTO locks (name, owner, pid, host, started_at) VALUES (?, ?, ?, ?, ?)');
    insert.run('crawl', 'crawl killed', deadPid(), os.hostname(), '2026-11-27T00:00:00.000Z');
    expect(store.acquireCrawlLock('crawl new')).toBe(true);
    expect(store.crawlLockHolder()).toMatchObject({ owner: 'crawl new', pid: process.pid });
    store.releaseCrawlLock();
    insert.run('crawl', 'crawl elsewhere', deadPid(), `${os.hostname()}-other`, '2026-11-27T00:00:00.000Z');
    expect(store.acquireCrawlLock('crawl new', new Date('2026-11-27T00:10:00.000Z'))).toBe(false);
    store.close();
  });

  it('takes over a lock from another host (a replaced container) once its heartbeat is 15 minutes old', () => {
    const file = path.join(tempDir(), 'nh.db');
    const store = openStore(file);
    const insert = store.connection.prepare(
      'INSERT OR REPLACE INTO locks (name, owner, pid, host, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // Another host's crawl that refreshed its heartbeat at 01:00.
    insert.run('crawl', 'crawl elsewhere', 4242, 'container-1a2b', '2026-11-27T00:00:00.000Z', '2026-11-27T01:00:00.000Z');
    expect(store.acquireCrawlLock('crawl new', new Date('2026-11-27T01:14:00.000Z'))).toBe(false);
    expect(store.acquireCrawlLock('crawl new', new Date('2026-11-27T01:16:00.000Z'))).toBe(true);
    expect(store.crawlLockHolder()).toMatchObject({ owner: 'crawl new', host: os.hostname(), heartbeatAt: '2026-11-27T01:16:00.000Z' });

    // The holder refreshes its heartbeat; a store that does not hold the lock cannot.
    store.refreshCrawlLock(new Date('2026-11-27T01:30:00.000Z'));
    expect(store.crawlLockHolder()?.heartbeatAt).toBe('2026-11-27T01:30:00.000Z');
    const other = openStore(file);
    other.refreshCrawlLock(new Date('2026-11-27T02:00:00.000Z'));
    expect(other.crawlLockHolder()?.heartbeatAt).toBe('2026-11-27T01:30:00.000Z');
    other.close();
    store.close();
  });
});

describe('integrityCheck', () => {
  it('is empty for a sound database and names broken references', () => {
    const store = openStore(path.join(tempDir(), 'nh.db'));
    expect(store.integrityCheck()).toEqual([]);
    store.connection.pragma('foreign_keys = OFF');
    store.connection.prepare("INSERT INTO images (url, position, src) VALUES ('http://gone.example/1', 0, 'x.jpg')").run();
    expect(store.integrityCheck()).toEqual(['images: a row refers to a missing articles row']);
    store.close();
  });
});
