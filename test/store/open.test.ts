import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FatalError } from '../../src/errors.js';
import { migrate, openStore } from '../../src/store/open.js';
import { APPLICATION_ID, LATEST_VERSION, MIGRATIONS } from '../../src/store/schema.js';
import { makeArticle, makeResponse, tempDir } from './helpers.js';

function expectFatal(fn: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(FatalError);
  expect((caught as Error).message).toMatch(message);
  expect((caught as Error).message).not.toContain('\n');
}

describe('openStore', () => {
  it('creates the folder and a database at the latest schema, in WAL mode', () => {
    const file = path.join(tempDir(), 'data', 'sub', 'nh.db');
    const store = openStore(file);
    const db = store.connection;
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(10_000);
    // Savepoint journals in memory, not in a temporary file (2 = MEMORY).
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    // Checkpoints (each two fsyncs the writer waits for) every 10,000 WAL pages, not every 1,000.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    expect(store.integrityCheck()).toEqual([]);
    store.close();
    // Reopening an up-to-date database changes nothing.
    const again = openStore(file);
    expect(again.connection.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    again.close();
  });

  it('migrates a version 1 database to the latest, keeping its data and indexing it', () => {
    const file = path.join(tempDir(), 'old.db');
    const db = new Database(file);
    migrate(db, 1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.prepare(
      `INSERT INTO articles (url, site, title, body, fetched_at, extraction)
       VALUES ('http://a.example/1', 'a.example', '晋商大会召开', '全省重点项目签约', '2026-01-01T00:00:00.000Z', '{"profile":"generic","viewsUrl":null,"warnings":[]}')`,
    ).run();
    db.close();

    const store = openStore(file);
    expect(store.connection.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(store.search('项目', {}).map((h) => h.url)).toEqual(['http://a.example/1']);
    expect(store.search('晋商', {}).map((h) => h.url)).toEqual(['http://a.example/1']);
    expect(store.acquireCrawlLock('test')).toBe(true);
    expect(store.integrityCheck()).toEqual([]);
    store.close();
  });

  it('a read-only open upgrades an older database once, then reads it', () => {
    const file = path.join(tempDir(), 'old.db');
    const db = new Database(file);
    migrate(db, 2);
    db.close();
    const store = openStore(file, { readonly: true });
    expect(store.connection.readonly).toBe(true);
    expect(store.connection.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(store.crawlLockHolder()).toBeNull();
    store.close();
  });

  it('refuses a folder given as the database path', () => {
    const dir = tempDir();
    expectFatal(() => openStore(dir), /is a directory, not a database file$/);
  });

  it('refuses a file that is not SQLite and leaves it byte for byte', () => {
    const file = path.join(tempDir(), 'notes.db');
    const bytes = Buffer.from('these are my notes, not a database\n'.repeat(200));
    fs.writeFileSync(file, bytes);
    expectFatal(() => openStore(file), /notes\.db is not a newsharvest database \(file is not SQLite\)/);
    expectFatal(() => openStore(file, { readonly: true }), /file is not SQLite/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses the SQLite database of another application and leaves it byte for byte', () => {
    const file = path.join(tempDir(), 'other.db');
    const other = new Database(file);
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ann');");
    other.close();
    const bytes = fs.readFileSync(file);
    expectFatal(() => openStore(file), /other\.db is not a newsharvest database \(it belongs to another application\)/);
    expectFatal(() => openStore(file, { readonly: true }), /another application/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a database written by a newer newsharvest', () => {
    const file = path.join(tempDir(), 'future.db');
    openStore(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expectFatal(() => openStore(file), new RegExp(`schema version ${LATEST_VERSION + 1}, newer than .*upgrade newsharvest`));
  });

  it('read-only open of a missing database fails and creates nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'data', 'nh.db');
    expectFatal(() => openStore(file, { readonly: true }), /^no database at .*nh\.db \(run `newsharvest crawl` first\)$/);
    expectFatal(() => openStore(file, { create: false }), /no database at/);
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
  });

  it('read-only open of an empty file leaves it empty', () => {
    const file = path.join(tempDir(), 'touched.db');
    fs.writeFileSync(file, '');
    expectFatal(() => openStore(file, { readonly: true }), /^no database at .*touched\.db/);
    expect(fs.statSync(file).size).toBe(0);
  });

  // Tests run as root, where chmod does not stop writes; a read-only connection produces the same
  // SQLITE_READONLY a read-only file or mount does.
  it('a read-only store reads, and its writes fail as "database is read-only"', () => {
    const file = path.join(tempDir(), 'nh.db');
    const writer = openStore(file);
    writer.savePage(writer.startRun([]), makeResponse('http://www.example.com/news/show-1.html'), makeArticle());
    writer.close();
    const reader = openStore(file, { readonly: true });
    expect([...reader.articles({})]).toHaveLength(1);
    expectFatal(() => reader.startRun(['http://x.example/']), /^database is read-only: /);
    reader.close();
  });

  it('fails clearly when the folder cannot be created', () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'data');
    fs.writeFileSync(blocker, 'a file where the folder should be');
    expectFatal(() => openStore(path.join(blocker, 'nh.db')), /^cannot create database in .*data: not a directory$/);
  });

  it.skipIf(process.getuid?.() === 0)('fails with "permission denied" in a folder it cannot write', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o500);
    try {
      expectFatal(() => openStore(path.join(dir, 'sub', 'nh.db')), /^cannot create database in .*: permission denied$/);
    } finally {
      fs.chmodSync(dir, 0o700);
    }
  });
});
