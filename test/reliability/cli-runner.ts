/**
 * Spawns the compiled CLI (bin/newsharvest.js) the way a user or cron does, and measures what a
 * user would see: exit code, stdout, stderr, wall time and peak resident memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The CLI under test; NEWSHARVEST_TEST_BIN points at another build (e.g. a private snapshot). */
export const BIN = process.env.NEWSHARVEST_TEST_BIN ?? path.join(ROOT, 'bin', 'newsharvest.js');
/** GNU time measures peak RSS exactly; NEWSHARVEST_TEST_GNU_TIME=none forces /proc sampling. */
const GNU_TIME = process.env.NEWSHARVEST_TEST_GNU_TIME ?? '/usr/bin/time';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** Peak resident set size of the CLI process in KiB, when measured. */
  peakRssKb: number | null;
  /** Whether the run was stopped by `timeoutMs`. */
  timedOut: boolean;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill with SIGKILL after this long (default 60 s). */
  timeoutMs?: number;
  /** Measure peak RSS: GNU time's %M when /usr/bin/time exists, else sampling /proc/<pid>/status VmHWM. */
  measureRss?: boolean;
  /** Called once the process has started (to kill it at a chosen moment). */
  onSpawn?: (child: ChildProcess) => void;
  /** Written to stdin, then closed. */
  stdin?: string;
  /** A wrapper command the CLI runs under, e.g. `['bash', '-c', 'ulimit -f 256; exec "$0" "$@"']`. */
  prefix?: string[];
}

/** Fails fast with a clear message when the CLI has not been compiled. */
export function assertBuilt(): void {
  if (!existsSync(path.join(path.dirname(BIN), '..', 'dist', 'cli', 'main.js'))) {
    throw new Error('dist/cli/main.js is missing: run `npm run build` before the CLI tests');
  }
}

function readHwmKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const useTime = options.measureRss === true && existsSync(GNU_TIME);
  const timeDir = useTime ? mkdtempSync(path.join(os.tmpdir(), 'nh-time-')) : null;
  const timeFile = timeDir ? path.join(timeDir, 'rss') : null;
  const inner = useTime ? [GNU_TIME, '-f', '%M', '-o', timeFile!, process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
  const [command, ...argv] = [...(options.prefix ?? []), ...inner] as [string, ...string[]];
  const started = Date.now();
  const child = spawn(command, argv, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  child.stdin!.on('error', () => {});
  child.stdin!.end(options.stdin ?? '');

  let sampledKb: number | null = null;
  const sampler =
    options.measureRss && !useTime && child.pid !== undefined
      ? setInterval(() => {
          const kb = readHwmKb(child.pid!);
          if (kb !== null) sampledKb = Math.max(sampledKb ?? 0, kb);
        }, 50)
      : null;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 60_000);

  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      let peakRssKb = sampledKb;
      if (timeFile) {
        const m = /(\d+)\s*$/.exec(existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '');
        peakRssKb = m ? Number(m[1]) : null;
        rmSync(timeDir!, { recursive: true, force: true });
      }
      resolve({ code, signal, stdout, stderr, durationMs: Date.now() - started, peakRssKb, timedOut });
    });
  });
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `nh-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Seeded pseudo-random numbers in [0, 1) (mulberry32): a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The crawl command line of the reliability tests: no politeness delay (the servers are local),
 * a short timeout so stalling pages cost seconds, and machine-readable logs.
 */
export function crawlArgs(seeds: string[], db: string, extra: string[] = []): string[] {
  return ['crawl', ...seeds, '--db', db, '--delay', '0', '--timeout', '2000', '--json-log', ...extra];
}
