/**
 * What every command shares: the database option, the one-line error policy and exit codes.
 * A command's action returns its exit code; errors thrown out of it are reported here.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { ExitCode, type ExitCodeValue, NewsharvestError, UsageError } from '../errors.js';

export const DEFAULT_DB = path.join('data', 'newsharvest.db');

/** `--db`, else NEWSHARVEST_DB, else data/newsharvest.db. */
export function resolveDbPath(option: string | undefined): string {
  return option ?? process.env.NEWSHARVEST_DB ?? DEFAULT_DB;
}

export function addDbOption(command: Command): Command {
  return command.option('--db <path>', 'SQLite database (default: $NEWSHARVEST_DB or data/newsharvest.db)');
}

/** Set by main() from --debug: print stack traces instead of one line. */
export const runtime = { debug: false };

/** Prints an error the way the README promises: one line, "newsharvest: ...", no stack unless --debug. */
export function reportError(err: unknown): ExitCodeValue {
  if (runtime.debug && err instanceof Error) {
    process.stderr.write(`${err.stack ?? err.message}\n`);
  } else {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`newsharvest: ${message.split('\n')[0]}\n`);
  }
  if (err instanceof NewsharvestError) return err.exitCode;
  return ExitCode.failed;
}

/** Wraps a command action so that it sets the exit code and never lets an error escape as a stack. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<ExitCodeValue> | ExitCodeValue,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.exitCode = await fn(...args);
    } catch (err) {
      process.exitCode = reportError(err);
    }
  };
}

/** Parses a positive integer option or throws a UsageError naming the option. */
export function positiveInt(name: string, min = 1): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) {
      throw new UsageError(`${name} expects a whole number from ${min} up, got "${value}"`);
    }
    return n;
  };
}

/**
 * A reader that closes our stdout early (`newsharvest eval … | head`) is not an error: stop
 * quietly with the exit code reached so far instead of dying on an unhandled EPIPE.
 */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok);
  });
}
