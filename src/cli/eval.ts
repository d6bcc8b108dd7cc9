import type { Command } from 'commander';

/** Placeholder until the `eval` command lands; it registers nothing. */
export function register(program: Command): void {
  void program;
}
