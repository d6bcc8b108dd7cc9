/**
 * `newsharvest eval <dir>`: scores extraction against truth files. `<dir>` is the corpus root,
 * one corpus set, or a fixtures directory (src/eval/evaluate.ts lists the layouts).
 */
import type { Command } from 'commander';
import { ExitCode, type ExitCodeValue, UsageError } from '../errors.js';
import {
  DEFAULT_BODY_FAIL_BELOW,
  evaluateDir,
  formatFailures,
  formatScorecard,
  scorecardJson,
} from '../eval/index.js';
import { action, exitQuietlyOnClosedStdout } from './common.js';

interface EvalFlags {
  sets?: string;
  json?: boolean;
  failures?: boolean;
  bodyBelow?: number;
}

function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new UsageError(`--body-below expects a number from 0 to 1, got "${value}"`);
  }
  return n;
}

function parseSets(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

export function register(program: Command): void {
  program
    .command('eval')
    .description('score extraction against truth files (the corpus root, one set, or fixtures/pages)')
    .argument('<dir>', 'directory of pages with truth files')
    .option('--sets <names>', 'only these sets, comma-separated (e.g. zh-gne,zh-misc)')
    .option('--json', 'print the scores as JSON')
    .option('--failures', 'list every failing page and field with expected vs got')
    .option(
      '--body-below <f1>',
      `with --failures: list bodies whose token F1 is below this (default ${DEFAULT_BODY_FAIL_BELOW})`,
      fraction,
    )
    .action(
      action((dir: string, flags: EvalFlags): ExitCodeValue => {
        exitQuietlyOnClosedStdout();
        const sets = parseSets(flags.sets);
        const card = evaluateDir(dir, {
          ...(sets === undefined ? {} : { sets }),
          ...(flags.bodyBelow === undefined ? {} : { bodyFailBelow: flags.bodyBelow }),
        });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(scorecardJson(card, Boolean(flags.failures)), null, 2)}\n`);
        } else {
          if (flags.failures) process.stdout.write(formatFailures(card));
          process.stdout.write(formatScorecard(card));
        }
        if (card.sets.length === 0) {
          process.stderr.write(`newsharvest: no labelled pages found in ${dir}\n`);
          return ExitCode.failed;
        }
        return card.pages.some((page) => page.error !== null) ? ExitCode.partial : ExitCode.ok;
      }),
    );
}
