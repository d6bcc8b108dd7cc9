/**
 * Vitest globalSetup: compiles src/ to dist/ once before the suite, so end-to-end tests can spawn
 * the real bin/newsharvest.js. Type errors do not stop the run here (tsc still emits, and
 * `npm run lint` is the type gate); a missing dist/cli/main.js afterwards does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export default function setup(): void {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.json')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`global-setup: could not run tsc: ${result.error.message}`);
  if (result.status !== 0) {
    const first = `${result.stdout}${result.stderr}`.split('\n').slice(0, 5).join('\n');
    process.stderr.write(`global-setup: tsc reported errors (dist/ emitted anyway):\n${first}\n`);
  }
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    throw new Error('global-setup: tsc produced no dist/cli/main.js; see the errors above');
  }
}
