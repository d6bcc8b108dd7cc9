import type { Command } from 'commander';

type Registrar = (program: Command) => void;

/**
 * Every command of the CLI by name, one module each under src/cli/, in the order `--help` lists
 * them. Loaded on demand: a command's module brings what it runs on (undici, SQLite, the
 * extractor), and loading all of them took 215 ms where `stats` alone takes 70.
 */
const COMMANDS: readonly (readonly [string, () => Promise<{ register: Registrar }>])[] = [
  ['crawl', () => import('./crawl.js')],
  ['extract', () => import('./extract.js')],
  ['export', () => import('./export.js')],
  ['search', () => import('./search.js')],
  ['archive', () => import('./archive.js')],
  ['reextract', () => import('./reextract.js')],
  ['stats', () => import('./stats.js')],
  ['eval', () => import('./eval.js')],
  ['demo', () => import('./demo.js')],
];

/**
 * The command `args` (process.argv without node and the script) names: the first word that is
 * not an option, since the program's own options (--debug, --help, --version) take no value.
 */
function commandName(args: readonly string[]): string | undefined {
  return args.find((arg) => !arg.startsWith('-'));
}

/**
 * Registers the command `args` names, or every command when they name none of them (`--help`
 * lists them all, a misspelt name gets suggestions from all); none for a bare `--version`.
 */
export async function registerCommands(program: Command, args: readonly string[]): Promise<void> {
  const name = commandName(args);
  const versionOnly = name === undefined && args.some((arg) => arg === '--version' || arg === '-V');
  if (versionOnly && !args.some((arg) => arg === '--help' || arg === '-h')) return;
  const wanted = COMMANDS.filter(([command]) => command === name);
  const modules = await Promise.all((wanted.length > 0 ? wanted : COMMANDS).map(([, load]) => load()));
  for (const { register } of modules) register(program);
}
