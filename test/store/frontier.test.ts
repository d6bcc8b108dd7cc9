import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { tempDir } from './helpers.js';

const NOW = new Date('2026-11-27T05:00:00Z');

function open() {
  return openStore(path.join(tempDir(), 'nh.db'));
}

describe('frontier', () => {
  it('enqueue adds only unknown URLs and known ones keep their state', () => {
    const store = open();
    expect(
      store.enqueue([
        { url: 'http://a.example/1', depth: 0, foundOn: null },
        { url: 'http://a.example/2', depth: 1, foundOn: 'http://a.example/1', kindHint: 'article', priority: 5 },
      ]),
    ).toBe(2);
    store.markDone('http://a.example/1');
    expect(store.enqueue([{ url: 'http://a.example/1', depth: 3, foundOn: null }, { url: 'http://a.example/3', depth: 1, foundOn: null }])).toBe(1);
    expect(store.frontierState('http://a.example/1')).toBe('done');
    expect(store.frontierState('http://a.example/nope')).toBeNull();
    expect(store.frontierCounts()).toEqual({ queued: 2, 'in-flight': 0, done: 1, failed: 0, skipped: 0 });
    store.close();
  });

  it('claim takes due URLs by priority then insertion order and marks them in-flight', () => {
    const store = open();
    store.enqueue([
      { url: 'http://a.example/low-1', depth: 1, foundOn: null, priority: 0 },
      { url: 'http://a.example/high', depth: 1, foundOn: null, priority: 10, kindHint: 'list' },
      { url: 'http://a.example/low-2', depth: 1, foundOn: null, priority: 0 },
      { url: 'http://a.example/mid', depth: 2, foundOn: 'http://a.example/high', priority: 5 },
    ]);
    const first = store.claim(3, NOW);
    expect(first.map((i) => i.url)).toEqual(['http://a.example/high', 'http://a.example/mid', 'http://a.example/low-1']);
    expect(first[0]).toEqual({
      url: 'http://a.example/high',
      depth: 1,
      foundOn: null,
      kindHint: 'list',
      priority: 10,
      attempts: 1,
      state: 'in-flight',
    });
    expect(store.frontierState('http://a.example/high')).toBe('in-flight');
    expect(store.claim(10, NOW).map((i) => i.url)).toEqual(['http://a.example/low-2']);
    expect(store.claim(10, NOW)).toEqual([]);
    store.close();
  });

  it('markFailed with a retry time requeues after that time; without one it is final', () => {
    const store = open();
    store.enqueue([
      { url: 'http://a.example/retry', depth: 0, foundOn: null },
      { url: 'http://a.example/gone', depth: 0, foundOn: null },
    ]);
    store.claim(2, NOW);
    const retryAt = new Date(NOW.getTime() + 60_000);
    store.markFailed('http://a.example/retry', 'timeout', retryAt);
    store.markFailed('http://a.example/gone', 'http-404', null);
    expect(store.frontierState('http://a.example/gone')).toBe('failed');
    expect(store.frontierState('http://a.example/retry')).toBe('queued');
    expect(store.claim(5, new Date(NOW.getTime() + 59_999))).toEqual([]);
    const again = store.claim(5, retryAt);
    expect(again.map((i) => [i.url, i.attempts])).toEqual([['http://a.example/retry', 2]]);
    store.markSkipped('http://a.example/retry', 'robots');
    expect(store.frontierCounts()).toMatchObject({ failed: 1, skipped: 1, queued: 0, 'in-flight': 0 });
    store.close();
  });

  it('requeueInFlight puts back what a killed crawl was fetching', () => {
    const file = path.join(tempDir(), 'nh.db');
    const crashed = openStore(file);
    crashed.enqueue(['1', '2', '3'].map((n) => ({ url: `http://a.example/${n}`, depth: 0, foundOn: null })));
    crashed.claim(2, NOW);
    // No close(): the process "died"; its committed claims are in the file.
    const resumed = openStore(file);
    expect(resumed.frontierCounts()).toMatchObject({ queued: 1, 'in-flight': 2 });
    expect(resumed.requeueInFlight()).toBe(2);
    expect(resumed.claim(10, NOW).map((i) => i.url)).toEqual(['http://a.example/1', 'http://a.example/2', 'http://a.example/3']);
    resumed.close();
    crashed.close();
  });

  it('requeue makes a done URL due again and adds an unknown one', () => {
    const store = open();
    store.enqueue([{ url: 'http://a.example/list', depth: 2, foundOn: null }]);
    store.claim(1, NOW);
    store.markDone('http://a.example/list');
    store.requeue('http://a.example/list', 0);
    store.requeue('http://a.example/new');
    const items = store.claim(5, NOW);
    expect(items.map((i) => [i.url, i.depth, i.attempts])).toEqual([
      ['http://a.example/list', 0, 1],
      ['http://a.example/new', 0, 1],
    ]);
    store.close();
  });
});
