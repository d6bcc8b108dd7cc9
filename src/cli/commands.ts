import type { Command } from 'commander';
import { register as archive } from './archive.js';
import { register as crawl } from './crawl.js';
import { register as demo } from './demo.js';
import { register as evalCommand } from './eval.js';
import { register as exportCommand } from './export.js';
import { register as extract } from './extract.js';
import { register as reextract } from './reextract.js';
import { register as search } from './search.js';
import { register as stats } from './stats.js';

/** Every command of the CLI, one file each under src/cli/, in the order `--help` lists them. */
export function registerCommands(program: Command): void {
  for (const register of [crawl, extract, exportCommand, search, archive, reextract, stats, evalCommand, demo]) {
    register(program);
  }
}
