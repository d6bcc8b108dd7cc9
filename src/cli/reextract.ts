import type { Command } from 'commander';

/** Placeholder until the `reextract` command lands; it registers nothing. */
export function register(program: Command): void {
  void program;
}
