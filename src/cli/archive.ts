/**
 * `newsharvest archive --out FILE.warc.gz`: the stored raw responses as a WARC 1.1 file that
 * warcio and pywb read (src/export/warc.ts), written atomically like every --out.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { ExitCode, type ExitCodeValue, UsageError } from '../errors.js';
import { OutputClosedError, openOutput, refuseDatabaseAsOutput } from '../export/index.js';
import { writeWarc } from '../export/warc.js';
import { openStore } from '../store/index.js';
import { action, addDbOption, resolveDbPath } from './common.js';
import { parseSite } from './dates.js';
import { VERSION } from './main.js';

interface ArchiveFlags {
  db?: string;
  out?: string;
  site?: string;
}

export async function runArchive(flags: ArchiveFlags): Promise<ExitCodeValue> {
  if (flags.out === undefined) throw new UsageError('archive: --out FILE.warc.gz is required');
  if (!flags.out.endsWith('.warc.gz')) {
    throw new UsageError(`--out: "${flags.out}" should end in .warc.gz (the archive is gzip-compressed WARC)`);
  }
  const site = flags.site === undefined ? undefined : parseSite(flags.site);
  refuseDatabaseAsOutput(flags.out, resolveDbPath(flags.db));
  const store = openStore(resolveDbPath(flags.db), { readonly: true });
  try {
    const output = await openOutput(flags.out);
    let counts: { responses: number; records: number };
    try {
      counts = await writeWarc(store.responses(site === undefined ? {} : { site }), output, {
        software: `newsharvest/${VERSION}`,
        filename: path.basename(flags.out),
        now: new Date(),
      });
      await output.commit();
    } catch (err) {
      await output.abort();
      if (err instanceof OutputClosedError) return ExitCode.ok;
      throw err;
    }
    if (process.stderr.isTTY) {
      process.stderr.write(`archived ${counts.responses} responses (${counts.records} WARC records) to ${flags.out}\n`);
    }
    return ExitCode.ok;
  } finally {
    store.close();
  }
}

export function register(program: Command): void {
  const command = program
    .command('archive')
    .description('write the stored raw responses as WARC 1.1 (one gzip member per record)')
    .option('--out <file>', 'the WARC file to write, FILE.warc.gz (written atomically)')
    .option('--site <host>', 'only responses of this site');
  addDbOption(command);
  command.action(action((flags: ArchiveFlags) => runArchive(flags)));
}
