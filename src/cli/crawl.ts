import type { Command } from 'commander';

/** Placeholder until the `crawl` command lands; it registers nothing. */
export function register(program: Command): void {
  void program;
}
