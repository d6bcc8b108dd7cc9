/**
 * Extraction speed over every page of ../shared/corpus (all sets), bytes preloaded in memory:
 * newsharvest extract() against two references measured in the same run —
 * - htmlparser2 parseDocument alone: the floor (extract parses each page once on it, DESIGN.md);
 * - @mozilla/readability on linkedom: the tool newsharvest must beat.
 * The references get the page already decoded to a string (decoding is not theirs to pay);
 * extract() starts from the bytes, charset detection included.
 *
 * Each contender runs in a process of its own (`node dist/bench/extract-bench.js --contender
 * <index>` prints its result as JSON): run one after another in one process, they share
 * htmlparser2's code, and what the JIT learnt from one slows the next (extract() measured 5-10%
 * slower after the parse-only pass than alone). Processes run one after another, so a machine
 * that slows down for a while would favour whoever ran before: the parse-only and extract()
 * children alternate for BENCH_ROUNDS rounds and each reports the median of its rounds (with the
 * spread). Readability, ~20x slower and far from its bar, runs in the first round only.
 *
 * Tunables (environment): BENCH_PASSES (default 3 measured passes) after BENCH_WARMUP (default 1),
 * BENCH_ROUNDS (default 5).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseDocument } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { decodeHtml } from '../decode/index.js';
import { extract } from '../extract/index.js';
import type { BenchSection } from './run.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus');

/** One page's run: returns something so the work cannot be optimised away. */
type PageRun = () => unknown;

interface Contender {
  name: string;
  /**
   * Loads what the contender reads of one page, and nothing else, and returns the run over it.
   * extract() reads the bytes, the references the decoded text. A child holding every page both
   * ways carried 110 MB of large strings it never read; with them, 3 of 13 extract() children
   * ran in V8's slow state (page faults 77 → 165 a page, 2.0 → 2.6 ms), without them none of 13.
   */
  prepare(bytes: Buffer, url: string): PageRun;
}

interface Measured {
  name: string;
  pagesPerSecond: number;
  msPerPage: number;
  failures: number;
  /**
   * Minor page faults per page over the measured passes: what tells a child in V8's slow state
   * (memory it frees is not handed back for reuse in time, so its collections copy into fresh
   * pages: 140–190 a page for extract() instead of about 77) from a busy machine.
   */
  faultsPerPage: number;
}

function envInt(name: string, fallback: number): number {
  const value = process.env[name];
  const n = value === undefined ? fallback : Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

function truthUrl(htmlFile: string): string | null {
  const json = htmlFile.replace(/\.html$/, '.json');
  if (!fs.existsSync(json)) return null;
  try {
    const url = (JSON.parse(fs.readFileSync(json, 'utf8')) as { url?: unknown }).url;
    return typeof url === 'string' ? url : null;
  } catch {
    return null;
  }
}

/** The corpus pages, set by set in name order: what every child measures. */
function corpusFiles(): { files: { set: string; name: string; file: string }[]; sets: number } {
  const setDirs = fs
    .readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const files = setDirs.flatMap((set) =>
    fs
      .readdirSync(path.join(CORPUS, set))
      .sort()
      .filter((name) => name.endsWith('.html'))
      .map((name) => ({ set, name, file: path.join(CORPUS, set, name) })),
  );
  return { files, sets: setDirs.length };
}

/** The corpus pages as `contender` reads them. */
function loadPages(contender: Contender): PageRun[] {
  return corpusFiles().files.map(({ set, name, file }) =>
    contender.prepare(fs.readFileSync(file), truthUrl(file) ?? `http://localhost/${set}/${encodeURIComponent(name)}`),
  );
}

const NOW = new Date('2026-11-27T00:00:00Z');

const CONTENDERS: readonly Contender[] = [
  {
    name: 'htmlparser2 parseDocument only',
    prepare: (bytes) => {
      const text = decodeHtml(bytes).text;
      return () => parseDocument(text);
    },
  },
  { name: 'newsharvest extract()', prepare: (bytes, url) => () => extract(bytes, { url, now: NOW }) },
  {
    name: '@mozilla/readability on linkedom',
    prepare: (bytes) => {
      const text = decodeHtml(bytes).text;
      return () => {
        const { document } = parseHTML(text);
        // linkedom's Document is not the DOM lib's Document type (this project compiles without "dom").
        return new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
      };
    },
  },
];

function measure(contender: Contender, pages: readonly PageRun[], warmup: number, passes: number): Measured {
  let failures = 0;
  const pass = (): number => {
    const start = process.hrtime.bigint();
    for (const run of pages) {
      try {
        run();
      } catch {
        failures++;
      }
    }
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (let i = 0; i < warmup; i++) pass();
  failures = 0;
  const faultsBefore = process.resourceUsage().minorPageFault;
  const times: number[] = [];
  for (let i = 0; i < passes; i++) times.push(pass());
  const faults = process.resourceUsage().minorPageFault - faultsBefore;
  times.sort((a, b) => a - b);
  // Median pass: robust to one pass hit by GC or a neighbour's build on a shared 2-core machine.
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  return {
    name: contender.name,
    pagesPerSecond: (pages.length / median) * 1000,
    msPerPage: median / pages.length,
    failures: passes === 0 ? 0 : Math.round(failures / passes),
    faultsPerPage: faults / (passes * pages.length),
  };
}

const THIS_FILE = fileURLToPath(import.meta.url);
/** CONTENDERS' index of Readability: measured in the first round only. */
const READABILITY = 2;

/** One contender measured in a fresh process (see the file comment). */
function measureInChild(index: number): Measured {
  const result = spawnSync(process.execPath, [THIS_FILE, '--contender', String(index)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: process.env,
  });
  if (result.status !== 0) throw new Error(`extract bench child ${index} failed: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout) as Measured;
}

export const extractSection: BenchSection = {
  name: 'extract',
  async run() {
    if (!fs.existsSync(CORPUS)) {
      process.stdout.write(`${path.relative(process.cwd(), CORPUS) || CORPUS} not found: extract bench skipped\n`);
      return;
    }
    const warmup = envInt('BENCH_WARMUP', 1);
    const passes = Math.max(1, envInt('BENCH_PASSES', 3));
    const rounds = Math.max(1, envInt('BENCH_ROUNDS', 5));
    // The children load and decode the pages themselves; here they are only counted.
    const { files, sets } = corpusFiles();
    const megabytes = files.reduce((sum, { file }) => sum + fs.statSync(file).size, 0) / 1024 / 1024;
    process.stdout.write(
      `${files.length} pages from ${sets} sets (${megabytes.toFixed(1)} MB) in memory; median of ${passes} passes after ${warmup} warm-up, each contender in a fresh process, median of ${rounds} alternating rounds\n`,
    );
    const byContender: Measured[][] = CONTENDERS.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [index] of CONTENDERS.entries()) {
        if (round > 0 && index === READABILITY) continue;
        byContender[index]!.push(measureInChild(index));
      }
    }
    const results: Measured[] = [];
    for (const runs of byContender) {
      const byTime = [...runs].sort((a, b) => a.msPerPage - b.msPerPage);
      const result = byTime[Math.floor(byTime.length / 2)]!;
      results.push(result);
      const failed = result.failures > 0 ? `  (${result.failures} pages threw)` : '';
      const faults = runs.map((run) => run.faultsPerPage.toFixed(0)).join('/');
      const spread =
        runs.length > 1
          ? `  (${runs.length} rounds: ${byTime[0]!.msPerPage.toFixed(2)}–${byTime.at(-1)!.msPerPage.toFixed(2)} ms/page; page faults a page ${faults})`
          : `  (page faults a page ${faults})`;
      process.stdout.write(
        `  ${result.name.padEnd(34)} ${result.pagesPerSecond.toFixed(1).padStart(8)} pages/s ${result.msPerPage.toFixed(2).padStart(8)} ms/page${spread}${failed}\n`,
      );
    }
    const [parseOnly, ours, readability] = results;
    if (parseOnly && ours && readability) {
      process.stdout.write(
        `  extract vs readability: ${(ours.pagesPerSecond / readability.pagesPerSecond).toFixed(2)}x the speed\n` +
          `  extract vs parse-only:  ${(ours.pagesPerSecond / parseOnly.pagesPerSecond).toFixed(2)}x the speed ` +
          `(extract costs ${(ours.msPerPage / parseOnly.msPerPage).toFixed(1)} parses)\n`,
      );
    }
  },
};

// The child: `node dist/bench/extract-bench.js --contender <index>` measures one contender.
if (process.argv[1] === THIS_FILE && process.argv[2] === '--contender') {
  const contender = CONTENDERS[Number(process.argv[3])];
  if (!contender) throw new Error(`no contender ${process.argv[3]}`);
  const pages = loadPages(contender);
  const result = measure(contender, pages, envInt('BENCH_WARMUP', 1), Math.max(1, envInt('BENCH_PASSES', 3)));
  process.stdout.write(JSON.stringify(result));
}
