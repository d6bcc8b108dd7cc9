/**
 * Reading a database where nothing may be written (read-only storage, a folder the user may not
 * write): WAL mode wants its -shm and -wal side files beside the database, which cannot be created
 * there. Root ignores permission bits, so as root the folder and its files are made immutable
 * (chattr +i, honoured even for root); otherwise chmod does it. Where neither stops a write (chattr
 * missing, a file system without the attribute), the tests skip and say why.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { FatalError } from '../../src/errors.js';
import { migrate, openStore } from '../../src/store/open.js';
import { LATEST_VERSION } from '../../src/store/schema.js';
import { article, ensureBuilt, populate, runCli } from '../export/cli.js';
import { makeResponse, tempDir } from './helpers.js';

const asRoot = process.getuid?.() === 0;

/** Makes the paths (folders and files) unwritable, or writable again. */
function setLocked(paths: readonly string[], on: boolean): void {
  if (asRoot) {
    execFileSync('chattr', [on ? '+i' : '-i', ...paths], { stdio: 'ignore' });
    return;
  }
  for (const p of paths) {
    const folder = fs.statSync(p).isDirectory();
    fs.chmodSync(p, on ? (folder ? 0o555 : 0o444) : folder ? 0o755 : 0o644);
  }
}

/** Runs `fn` with the folder and every file in it unwritable; unlocks whatever happens. */
function whileLocked<T>(folder: string, fn: () => T): T {
  const paths = [folder, ...fs.readdirSync(folder).map((name) => path.join(folder, name))];
  setLocked(paths, true);
  try {
    return fn();
  } finally {
    setLocked(paths, false);
  }
}

/** Why a folder cannot be locked here, or null when it can. */
function cannotLock(): string | null {
  const folder = tempDir();
  try {
    whileLocked(folder, () => fs.writeFileSync(path.join(folder, 'probe'), 'x'));
    return `a ${asRoot ? 'chattr +i' : 'chmod 0555'} folder is still writable here`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'EACCES' || code === 'EROFS') return null;
    return `cannot make a folder read-only here (${asRoot ? 'chattr' : 'chmod'}: ${(err as Error).message.split('\n')[0]})`;
  }
}

/** A newsharvest database of two articles, cleanly closed: no -wal or -shm beside it. */
function twoArticles(folder: string): string {
  const file = populate(path.join(folder, 'news.db'), [
    article({ url: 'http://www.example.com/news/show-1.html' }),
    article({ url: 'http://www.example.com/news/show-2.html', title: '晋商大会开幕' }),
  ]);
  expect(fs.readdirSync(folder)).toEqual(['news.db']);
  return file;
}

/** Copies the database and the named side files while a writer still has transactions in the WAL. */
function copyMidCrawl(from: string, to: string, sideFiles: readonly string[]): string {
  const writer = openStore(from);
  try {
    // Keep the new article in the WAL, as a running (or killed) crawl leaves it.
    writer.connection.pragma('wal_autocheckpoint = 0');
    const url = 'http://www.example.com/news/show-3.html';
    writer.savePage(writer.startRun([url]), makeResponse(url), article({ url, title: '未写回主文件的文章' }));
    const copy = path.join(to, 'news.db');
    for (const suffix of ['', ...sideFiles]) fs.copyFileSync(`${from}${suffix}`, `${copy}${suffix}`);
    return copy;
  } finally {
    writer.close();
  }
}

function caughtFrom(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

const skipReason = cannotLock();

describe.skipIf(skipReason !== null)(`opening a database read-only in a read-only folder${skipReason ? ` [skipped: ${skipReason}]` : ''}`, () => {
  it('reads a WAL database without its side files, and writes nothing', () => {
    const folder = tempDir();
    const file = twoArticles(folder);
    const bytes = fs.readFileSync(file);
    whileLocked(folder, () => {
      const store = openStore(file, { readonly: true });
      try {
        expect(store.connection.readonly).toBe(true);
        expect([...store.articles({})].map((a) => a.url).sort()).toEqual([
          'http://www.example.com/news/show-1.html',
          'http://www.example.com/news/show-2.html',
        ]);
        expect(store.search('晋商', {}).map((hit) => hit.url)).toEqual(['http://www.example.com/news/show-2.html']);
        expect(() => store.connection.exec('DELETE FROM articles')).toThrow(/readonly/i);
      } finally {
        store.close();
      }
    });
    expect(fs.readdirSync(folder)).toEqual(['news.db']);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reads an older database at the latest schema, leaving the file at its own version', () => {
    const folder = tempDir();
    const file = path.join(folder, 'old.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // Version 1: before the full-text index, which the upgrade then builds.
    migrate(db, 1);
    db.prepare(
      `INSERT INTO articles (url, site, title, body, fetched_at, extraction)
       VALUES ('http://a.example/1', 'a.example', '晋商大会召开', '全省重点项目签约', '2026-01-01T00:00:00.000Z', '{"profile":"generic","viewsUrl":null,"warnings":[]}')`,
    ).run();
    db.close();
    const bytes = fs.readFileSync(file);
    whileLocked(folder, () => {
      const store = openStore(file, { readonly: true });
      try {
        expect(store.connection.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
        expect(store.search('项目', {}).map((hit) => hit.url)).toEqual(['http://a.example/1']);
      } finally {
        store.close();
      }
    });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reads the -wal and -shm a crawl left there, transactions in the WAL included', () => {
    const file = copyMidCrawl(twoArticles(tempDir()), tempDir(), ['-wal', '-shm']);
    whileLocked(path.dirname(file), () => {
      const store = openStore(file, { readonly: true });
      try {
        expect([...store.articles({})].map((a) => a.title)).toContain('未写回主文件的文章');
      } finally {
        store.close();
      }
    });
  });

  it('refuses, naming the read-only folder, a -wal it cannot read without creating -shm', () => {
    const file = copyMidCrawl(twoArticles(tempDir()), tempDir(), ['-wal']);
    const err = whileLocked(path.dirname(file), () => caughtFrom(() => openStore(file, { readonly: true })));
    expect(err).toBeInstanceOf(FatalError);
    const message = (err as Error).message;
    expect(message).toContain(`its folder ${path.dirname(file)} is read-only`);
    expect(message).toContain('news.db-wal');
    expect(message).not.toContain('\n');
  });

  describe('from the command line', () => {
    beforeAll(() => ensureBuilt());

    it('export, search and stats work and exit 0', () => {
      const folder = tempDir();
      const file = twoArticles(folder);
      const [exported, found, stats] = whileLocked(
        folder,
        () =>
          [
            runCli(['export', '--db', file, '--format', 'jsonl', '--fields', 'url']),
            runCli(['search', '--db', file, '--json', '晋商']),
            runCli(['stats', '--db', file, '--json']),
          ] as const,
      );
      for (const result of [exported, found, stats]) {
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
      }
      expect(exported.stdout.toString('utf8').trim().split('\n')).toHaveLength(2);
      expect(JSON.parse(found.stdout.toString('utf8'))).toMatchObject([{ url: 'http://www.example.com/news/show-2.html' }]);
      expect(JSON.parse(stats.stdout.toString('utf8'))).toMatchObject({ articles: 2 });
      expect(fs.readdirSync(folder)).toEqual(['news.db']);
    });

    it('where SQLite cannot read, says why in one line and exits 1', () => {
      const file = copyMidCrawl(twoArticles(tempDir()), tempDir(), ['-wal']);
      const result = whileLocked(path.dirname(file), () => runCli(['export', '--db', file]));
      expect(result.code).toBe(1);
      expect(result.stdout.length).toBe(0);
      expect(result.stderr).toMatch(/^newsharvest: cannot read .*news\.db: its folder .* is read-only, .*news\.db-wal.*\n$/);
    });
  });
});
