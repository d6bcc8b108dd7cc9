import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit, MAX_GROUP } from '../../src/crawl/group-commit.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { makeResponse } from '../store/helpers.js';
import { sampleArticle } from '../support/article.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A real store whose outermost transactions (commits) are counted. */
function countingStore(): { store: Store; commits: () => number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nh-group-'));
  dirs.push(dir);
  const real = openStore(path.join(dir, 'g.db'));
  stores.push(real);
  let depth = 0;
  let commits = 0;
  const countingBatch = <T>(fn: () => T): T => {
    depth++;
    try {
      const result = real.batch(fn);
      if (depth === 1) commits++;
      return result;
    } finally {
      depth--;
    }
  };
  // Every other method runs on the real store itself, its own state and all.
  const store = new Proxy(real, {
    get(target, key) {
      if (key === 'batch') return countingBatch;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store, commits: () => commits };
}

const page = (n: number) => `http://127.0.0.1:1/news/${n}.html`;

describe('GroupCommit', () => {
  it('commits the writes of one window together, and each caller gets its own result', async () => {
    const { store, commits } = countingStore();
    const group = new GroupCommit(store, 50);
    const pending: Promise<number>[] = [];
    for (const n of [1, 2, 3]) {
      pending.push(group.write(() => store.enqueue([{ url: page(n), depth: 1, foundOn: null }]) + n * 10));
      // Pages come back from the page worker one per turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const results = await Promise.all(pending);
    expect(results).toEqual([11, 21, 31]);
    expect(commits()).toBe(1);
    expect(store.frontierCounts().queued).toBe(3);
  });

  it('a write after the window went by starts a new group', async () => {
    const { store, commits } = countingStore();
    const group = new GroupCommit(store, 5);
    await group.write(() => store.enqueue([{ url: page(1), depth: 1, foundOn: null }]));
    await group.write(() => store.enqueue([{ url: page(2), depth: 1, foundOn: null }]));
    expect(commits()).toBe(2);
  });

  it('commits a full group at once, without waiting for the window', async () => {
    const { store, commits } = countingStore();
    // A window no test would wait for: only the size can have committed the first group.
    const group = new GroupCommit(store, 60_000);
    const first = Array.from({ length: MAX_GROUP }, (_, i) =>
      group.write(() => store.enqueue([{ url: page(i), depth: 1, foundOn: null }])),
    );
    await Promise.all(first);
    expect(commits()).toBe(1);
    const last = group.write(() => store.enqueue([{ url: page(99), depth: 1, foundOn: null }]));
    group.flush();
    await last;
    expect(commits()).toBe(2);
    expect(store.frontierCounts().queued).toBe(MAX_GROUP + 1);
  });

  it('undoes a failing write alone: the others of its group are committed', async () => {
    const { store } = countingStore();
    const group = new GroupCommit(store, 20);
    const ok = group.write(() => store.enqueue([{ url: page(1), depth: 1, foundOn: null }]));
    const failing = group.write(() => {
      store.enqueue([{ url: page(2), depth: 1, foundOn: null }]);
      throw new Error('analysis went wrong');
    });
    const alsoOk = group.write(() => store.enqueue([{ url: page(3), depth: 1, foundOn: null }]));
    await expect(failing).rejects.toThrow('analysis went wrong');
    await expect(Promise.all([ok, alsoOk])).resolves.toEqual([1, 1]);
    expect(store.frontierState(page(1))).toBe('queued');
    expect(store.frontierState(page(2))).toBeNull();
    expect(store.frontierState(page(3))).toBe('queued');
  });

  it('indexes the articles of a group for search, leaving out a page whose writes were undone', async () => {
    const { store } = countingStore();
    const run = store.startRun([]);
    const group = new GroupCommit(store, 20);
    const save = (n: number, word: string, fail = false) =>
      group.write(() => {
        const url = page(n);
        const outcome = store.savePage(run, makeResponse(url), sampleArticle({ url, title: `${word}项目开工`, body: `${word}报道。` }));
        if (fail) throw new Error('analysis went wrong');
        return outcome;
      });
    const results = await Promise.allSettled([save(1, '太原'), save(2, '大同', true), save(3, '晋城')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const found = (word: string) => store.search(word, {}).map((hit) => hit.url);
    expect(found('太原')).toEqual([page(1)]);
    expect(found('晋城')).toEqual([page(3)]);
    // Neither in this group's commit nor carried into the next one.
    expect(found('大同')).toEqual([]);
    await save(4, '长治');
    expect(found('长治')).toEqual([page(4)]);
    expect(found('大同')).toEqual([]);
    expect(found('项目').sort()).toEqual([page(1), page(3), page(4)]);
  });

  it("writes a group's articles into the full-text index together, as one segment", async () => {
    const { store } = countingStore();
    const run = store.startRun([]);
    const group = new GroupCommit(store, 20);
    await Promise.all(
      [1, 2, 3].map((n) =>
        group.write(() => store.savePage(run, makeResponse(page(n)), sampleArticle({ url: page(n), title: `第${n}篇报道` }))),
      ),
    );
    // FTS5 keeps one row per segment and leaf in its _idx table: a page each would make three.
    const segments = store.connection.prepare('SELECT count(DISTINCT segid) FROM articles_fts_idx').pluck().get();
    expect(segments).toBe(1);
  });

  it('keeps no index write of a group whose commit failed', async () => {
    const { store } = countingStore();
    const run = store.startRun([]);
    const url = page(1);
    expect(() =>
      store.batch(() => {
        store.savePage(run, makeResponse(url), sampleArticle({ url, title: '运城项目开工' }));
        throw new Error('disk went away');
      }),
    ).toThrow('disk went away');
    store.savePage(run, makeResponse(page(2)), sampleArticle({ url: page(2), title: '临汾项目开工' }));
    expect(store.search('运城', {})).toEqual([]);
    expect(store.search('临汾', {}).map((hit) => hit.url)).toEqual([page(2)]);
  });
});
