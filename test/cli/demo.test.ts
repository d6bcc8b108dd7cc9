/** `newsharvest demo`: serves the committed sample portal, crawls it and exports it. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../reliability/cli-runner.js';
import { DEMO_PORTAL_DIR } from '../support/portal-server.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nh-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Expected {
  path: string;
  title: string;
  views: number;
}

describe('newsharvest demo', () => {
  it('crawls the bundled portal into data/demo.db and exports data/demo.json', async () => {
    const result = await runCli(['demo'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/sample portal serving at http:\/\/127\.0\.0\.1:\d+\//);
    expect(result.stderr).toMatch(/35 articles crawled into data\/demo\.db; 35 exported to data\/demo\.json/);
    expect(existsSync(path.join(dir, 'data', 'demo.db'))).toBe(true);
    expect(existsSync(path.join(dir, 'data', 'newsharvest.db'))).toBe(false);

    const exported = JSON.parse(readFileSync(path.join(dir, 'data', 'demo.json'), 'utf-8')) as {
      url: string;
      title: string;
      views: number | null;
    }[];
    const expected = JSON.parse(readFileSync(path.join(DEMO_PORTAL_DIR, 'expected.json'), 'utf-8')) as Expected[];
    const byPath = new Map(exported.map((a) => [new URL(a.url).pathname, a]));
    expect(byPath.size).toBe(expected.length);
    for (const e of expected) {
      expect(byPath.get(e.path)?.title, e.path).toBe(e.title);
      expect(byPath.get(e.path)?.views, e.path).toBe(e.views);
    }
  });

  it('writes where --db and --out say, and a second run is incremental', async () => {
    const db = path.join(dir, 'custom.db');
    const out = path.join(dir, 'custom.json');
    const first = await runCli(['demo', '--db', db, '--out', out, '--quiet'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf-8'))).toHaveLength(35);
    // A new server port is a new site: the demo always starts from its own portal.
    const again = await runCli(['demo', '--db', db, '--out', out, '--quiet'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
  });
});
