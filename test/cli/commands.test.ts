import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/cli/commands.js';

const ALL = ['crawl', 'extract', 'export', 'search', 'archive', 'reextract', 'stats', 'eval', 'demo'];

async function registered(args: string[]): Promise<string[]> {
  const program = new Command();
  await registerCommands(program, args);
  return program.commands.map((command) => command.name());
}

describe('registerCommands: only the command being run is loaded', () => {
  it('registers just the command the arguments name, global options before it or not', async () => {
    expect(await registered(['stats', '--db', 'x.db'])).toEqual(['stats']);
    expect(await registered(['--debug', 'export', '--format', 'csv'])).toEqual(['export']);
    expect(await registered(['crawl', '--help'])).toEqual(['crawl']);
  });

  it('registers every command, in help order, when none is named or the name is unknown', async () => {
    expect(await registered([])).toEqual(ALL);
    expect(await registered(['--help'])).toEqual(ALL);
    expect(await registered(['help', 'crawl'])).toEqual(ALL);
    expect(await registered(['crawll'])).toEqual(ALL);
  });

  it('registers none for a bare --version', async () => {
    expect(await registered(['--version'])).toEqual([]);
    expect(await registered(['-V'])).toEqual([]);
    expect(await registered(['--version', '--help'])).toEqual(ALL);
  });
});
