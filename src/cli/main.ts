/**
 * The commander program. Each command lives in its own file and registers itself here;
 * this file only wires them and owns the global flags.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { ExitCode } from '../errors.js';
import { registerCommands } from './commands.js';
import { reportError, runtime } from './common.js';

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../../package.json') as { version: string }).version;

/** The program, with the command `args` (the arguments after node and the script) names or all of them. */
export async function buildProgram(args: readonly string[]): Promise<Command> {
  const program = new Command();
  program
    .name('newsharvest')
    .description('Crawl regional business-news portals into SQLite and export clean datasets')
    .version(VERSION)
    .option('--debug', 'print stack traces on errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
    })
    .hook('preAction', (thisCommand) => {
      runtime.debug = Boolean(thisCommand.opts().debug);
    });
  await registerCommands(program, args);
  return program;
}

/** Runs the CLI and resolves to its exit code (bin/newsharvest.js sets process.exitCode). */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv.slice(2));
  // Option parsers (positiveInt, dates) throw before the preAction hook runs: read --debug first.
  runtime.debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; real usage errors are code 2 by our policy.
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return reportError(err);
  }
  return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
}
