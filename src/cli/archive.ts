import type { Command } from 'commander';

/** Placeholder until the `archive` command lands; it registers nothing. */
export function register(program: Command): void {
  void program;
}
