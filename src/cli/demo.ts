/**
 * `newsharvest demo`: serves the bundled sample portal (fixtures/demo-portal) on 127.0.0.1,
 * crawls it into its own database (data/demo.db, so a user's real data/newsharvest.db stays
 * clean) and exports the articles to data/demo.json.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ExitCode, type ExitCodeValue } from '../errors.js';
import { createFormat, exportArticles, openOutput, selectFields } from '../export/index.js';
import { DEFAULT_USER_AGENT } from '../fetch/http.js';
import { loadPortalDir, startPortalServer } from '../scripts/portal-server.js';
import { openStore } from '../store/index.js';
import { DEFAULT_TIME_ZONE } from '../types.js';
import { action } from './common.js';
import { runCrawl } from './crawl.js';

export const DEMO_DB = path.join('data', 'demo.db');
export const DEMO_JSON = path.join('data', 'demo.json');

/** fixtures/demo-portal of the installed package (dist/cli/demo.js → ../../fixtures). */
export function demoPortalDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'demo-portal');
}

interface DemoOptions {
  db: string;
  out: string;
  quiet?: boolean;
  jsonLog?: boolean;
}

async function runDemo(opts: DemoOptions): Promise<ExitCodeValue> {
  const files = loadPortalDir(demoPortalDir());
  // Validate the export target before anything runs, and make the data folder for the defaults.
  if (opts.db === DEMO_DB || opts.out === DEMO_JSON) mkdirSync('data', { recursive: true });
  const output = await openOutput(opts.out);
  const server = await startPortalServer(files);
  const say = (line: string) => {
    if (!opts.jsonLog) process.stderr.write(`${line}\n`);
  };
  try {
    say(`demo: sample portal serving at ${server.origin}/`);
    const seed = `${server.origin}/`;
    const { summary, exitCode } = await runCrawl(
      opts.db,
      {
        crawl: {
          seeds: [seed],
          concurrency: 4,
          // Our own server on loopback: no need to wait between requests.
          delayMs: 0,
          retries: 1,
          maxPages: null,
          maxDepth: null,
          include: [],
          exclude: [],
          full: false,
          refreshViews: false,
          profile: null,
          timeZone: DEFAULT_TIME_ZONE,
        },
        fetch: { delayMs: 0, perHost: 4, timeoutMs: 10_000, userAgent: DEFAULT_USER_AGENT, ignoreRobots: false },
      },
      { quiet: opts.quiet, jsonLog: opts.jsonLog },
    );
    const store = openStore(opts.db, { readonly: true });
    let written: number;
    try {
      const site = new URL(seed).hostname;
      written = await exportArticles(
        store.articles({ site, withViewsHistory: false }),
        createFormat('json', selectFields(undefined, false)),
        output,
      );
    } finally {
      store.close();
    }
    say(`demo: ${summary.articlesNew + summary.articlesUpdated} articles crawled into ${opts.db}; ${written} exported to ${opts.out}`);
    say(`demo: try  newsharvest search 项目 --db ${opts.db}   or   newsharvest stats --db ${opts.db}`);
    return exitCode === ExitCode.ok ? ExitCode.ok : exitCode;
  } catch (err) {
    await output.abort();
    throw err;
  } finally {
    await server.close();
  }
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('serve the bundled sample portal on 127.0.0.1, crawl it and export it (data/demo.db, data/demo.json)')
    .option('--db <path>', 'database for the demo (kept apart from your real one)', DEMO_DB)
    .option('--out <file>', 'where to write the exported JSON', DEMO_JSON)
    .option('--quiet', 'print only errors and the summary')
    .option('--json-log', 'one JSON object per crawl event on stderr')
    .action(action((opts: DemoOptions) => runDemo(opts)));
}
