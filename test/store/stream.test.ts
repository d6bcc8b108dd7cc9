import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { tempDir } from './helpers.js';

const ROWS = 20_000;
const BODY_CHARS = 5_000;

describe('articles() streaming', () => {
  it(`iterates ${ROWS} articles (${(ROWS * BODY_CHARS) / 1e6} MB of text) in order with flat memory`, () => {
    const store = openStore(path.join(tempDir(), 'nh.db'));
    store.connection.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
      INSERT INTO articles (url, site, title, published_at, published_utc, body, fetched_at, extraction)
      SELECT printf('http://www.example.com/%05d.html', i), 'www.example.com', 'T' || i,
        strftime('%Y-%m-%dT%H:%M:%SZ', 1600000000 + i * 60, 'unixepoch'),
        strftime('%Y-%m-%dT%H:%M:%S.000Z', 1600000000 + i * 60, 'unixepoch'),
        printf('%.*c', ${BODY_CHARS}, 'x') || i, '2026-11-27T05:00:00.000Z',
        '{"profile":"generic","viewsUrl":null,"warnings":[]}'
      FROM n;`);
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let previous = '9999';
    for (const article of store.articles({ site: 'www.example.com' })) {
      expect(article.body?.length).toBeGreaterThan(BODY_CHARS);
      if ((article.publishedAt ?? '') > previous) throw new Error(`out of order at ${article.url}`);
      previous = article.publishedAt ?? '';
      count++;
      if (count % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(count).toBe(ROWS);
    // Holding every row would take over 100 MB of strings; streaming stays far below.
    expect(peak).toBeLessThan(50 * 1024 * 1024);
    store.close();
  });

  it('closes the statement when the consumer stops early, so the store can close', () => {
    const store = openStore(path.join(tempDir(), 'nh.db'));
    store.connection.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
      INSERT INTO articles (url, site, title, published_at, published_utc, body, fetched_at, extraction)
      SELECT printf('http://www.example.com/%05d.html', i), 'www.example.com', 'T' || i, NULL, NULL, 'b',
        '2026-11-27T05:00:00.000Z', '{"profile":"generic","viewsUrl":null,"warnings":[]}'
      FROM n;`);
    let seen = 0;
    for (const _article of store.articles({})) {
      seen++;
      if (seen === 3) break;
    }
    expect(seen).toBe(3);
    expect(() => store.close()).not.toThrow();
  });
});
