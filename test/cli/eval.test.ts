/** `newsharvest eval <dir>` end to end, on the fixtures and on small corpora written to a temp dir. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'newsharvest.js');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const PAGE = (title: string, text: string) =>
  `<html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
const TEXT = '本市今年新增市场主体三万余户，其中民营企业占比超过九成，新登记外资企业数量同比增长百分之十五。';

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsharvest-eval-cli-'));
  const write = (rel: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
    fs.writeFileSync(path.join(tmp, rel), content);
  };
  write('corpus/alpha/a1.html', PAGE('新增市场主体三万余户', TEXT));
  write('corpus/alpha/a1.json', JSON.stringify({ with: ['新增市场主体三万余户'], without: ['不会出现的导航文字'] }));
  write('corpus/beta/b1.html', PAGE('外资企业数量增长', TEXT));
  write('corpus/beta/b1.json', JSON.stringify({ with: ['这句话不在页面上'] }));
  write('empty/lists/l1.html', PAGE('列表', TEXT));
  write('empty/lists/l1.json', JSON.stringify({ provenance: 'x' }));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('newsharvest eval', () => {
  it('scores the fixtures directory: one "pages" set with all its pages', async () => {
    const result = await run(['eval', 'fixtures/pages']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const count = fs.readdirSync(path.join(ROOT, 'fixtures/pages'), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
    expect(result.stdout).toMatch(new RegExp(`^pages\\s+${count}\\s`, 'm'));
    expect(result.stdout.split('\n')[0]).toMatch(/^set\s+pages\s+title\s+date\s+source/);
  });

  it('prints machine-readable scores with --json', async () => {
    const result = await run(['eval', path.join(tmp, 'corpus'), '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      sets: { name: string; pages: number; fields: Record<string, { mean: number | null; count: number }> }[];
      overall: { pages: number; fields: Record<string, { mean: number | null; count: number }> };
    };
    expect(json.sets.map((s) => s.name)).toEqual(['alpha', 'beta']);
    expect(json.sets[0]?.fields.with).toEqual({ mean: 1, count: 1 });
    expect(json.sets[1]?.fields.with).toEqual({ mean: 0, count: 1 });
    expect(json.overall.fields.with).toEqual({ mean: 0.5, count: 2 });
    expect(json.overall.fields.title).toEqual({ mean: null, count: 0 });
  });

  it('filters with --sets', async () => {
    const result = await run(['eval', path.join(tmp, 'corpus'), '--sets', 'beta', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { sets: { name: string }[] }).sets.map((s) => s.name)).toEqual(['beta']);
  });

  it('rejects an unknown set name (exit 2)', async () => {
    const result = await run(['eval', path.join(tmp, 'corpus'), '--sets', 'gamma']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^newsharvest: unknown set "gamma" .*\(sets: alpha, beta\)\n$/);
  });

  it('lists failing pages and fields with --failures', async () => {
    const result = await run(['eval', path.join(tmp, 'corpus'), '--failures']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`beta/b1 (${path.join(tmp, 'corpus', 'beta', 'b1.html')})`);
    expect(result.stdout).toContain('  with: expected "这句话不在页面上", got "missing from body"');
    expect(result.stdout).not.toContain('alpha/a1 (');
  });

  it('takes the body F1 below which --failures lists a body, and rejects one outside 0..1', async () => {
    const corpus = path.join(tmp, 'bodies');
    fs.mkdirSync(path.join(corpus, 'set'), { recursive: true });
    fs.writeFileSync(path.join(corpus, 'set', 'p.html'), PAGE('标题', TEXT));
    // Half the truth is on the page: F1 is well below 1 and well above 0.
    fs.writeFileSync(path.join(corpus, 'set', 'p.json'), JSON.stringify({ body: `${TEXT}${TEXT.split('').reverse().join('')}` }));
    const strict = await run(['eval', corpus, '--failures', '--body-below', '1']);
    expect(strict.stdout).toMatch(/ {2}body: expected "\d+ chars", got "\d+ chars" — F1 0\.\d{3} \(precision/);
    const lenient = await run(['eval', corpus, '--failures', '--body-below', '0']);
    expect(lenient.stdout).not.toContain('  body:');
    const bad = await run(['eval', corpus, '--body-below', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('newsharvest: --body-below expects a number from 0 to 1, got "1.5"\n');
  });

  it('exits 2 with one line for a missing directory', async () => {
    const missing = path.join(tmp, 'nope');
    const result = await run(['eval', missing]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`newsharvest: no such directory: ${missing}\n`);
  });

  it('exits 1 when nothing under the directory is labelled', async () => {
    const result = await run(['eval', path.join(tmp, 'empty')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no labelled pages found');
  });
});
