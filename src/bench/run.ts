/**
 * `npm run bench` → `node dist/bench/run.js [section...]` (default: all).
 * Speed targets live here, never in timed tests (BRIEF.md). Each section measures one stage and
 * prints its own table; add a stage by writing src/bench/<name>-bench.ts exporting a
 * BenchSection and listing it in SECTIONS below.
 */
import { ExitCode } from '../errors.js';
import { crawlBench } from './crawl-bench.js';
import { exportBench } from './export-bench.js';
import { extractSection } from './extract-bench.js';

export interface BenchSection {
  /** What to type on the command line: `node dist/bench/run.js <name>`. */
  name: string;
  run(): Promise<void>;
}

/** In the order `all` runs them. */
const SECTIONS: readonly BenchSection[] = [extractSection, crawlBench, exportBench];

async function main(args: string[]): Promise<number> {
  const wanted = args.length === 0 || args.includes('all') ? SECTIONS.map((s) => s.name) : args;
  const unknown = wanted.filter((name) => !SECTIONS.some((s) => s.name === name));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown section ${unknown.join(', ')} (sections: ${SECTIONS.map((s) => s.name).join(', ')}, all)\n`,
    );
    return ExitCode.usage;
  }
  for (const section of SECTIONS.filter((s) => wanted.includes(s.name))) {
    process.stdout.write(`== ${section.name} ==\n`);
    await section.run();
    process.stdout.write('\n');
  }
  return ExitCode.ok;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = ExitCode.failed;
  },
);
