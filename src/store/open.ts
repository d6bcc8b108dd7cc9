/**
 * Opening the database: refuse what is not ours before SQLite touches it, set the pragmas, bring the
 * schema up to date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FatalError } from '../errors.js';
import { articleContentKey } from './content-key.js';
import { APPLICATION_ID, LATEST_VERSION, MIGRATIONS } from './schema.js';
import { segmentText } from './segment.js';
import { translateSqliteError } from './sqlite-errors.js';
import { SqliteStore } from './sqlite-store.js';

export interface OpenStoreOptions {
  /**
   * For read commands (export, search, stats, archive): never creates or changes the file (except
   * a one-off schema upgrade of an older database), writes fail with "database is read-only".
   */
  readonly?: boolean;
  /** Create the database (and its folder) when missing. Default: true unless readonly. */
  create?: boolean;
}

/**
 * Milliseconds a statement waits for another connection's lock before failing. A crawl commits
 * small transactions, so a reader (export, stats) or an overlapping crawl waits, rarely fails.
 */
export const BUSY_TIMEOUT_MS = 10_000;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function isSqliteFile(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

function fileSize(file: string): number | null {
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw new FatalError(`${file} is a directory, not a database file`);
    return st.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOTDIR: a file stands where a folder of the path should be; ensureFolder() reports it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new FatalError(`cannot open database ${file}: permission denied`, { cause: err });
    }
    throw err;
  }
}

function ensureFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'permission denied'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'not a directory'
          : ((err as Error).message ?? String(err));
    throw new FatalError(`cannot create database in ${dir}: ${why}`, { cause: err });
  }
}

/** Registers the SQL functions the schema relies on (the FTS backfill of migration 2). */
function registerFunctions(db: Database.Database): void {
  db.function('nh_segment', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? segmentText(text) : '',
  );
  db.function('nh_content_key', { deterministic: true }, (title: unknown, body: unknown) =>
    articleContentKey(typeof title === 'string' ? title : null, typeof body === 'string' ? body : null),
  );
}

/** Applies the migrations after the database's user_version, each in its own transaction. */
export function migrate(db: Database.Database, upTo: number = LATEST_VERSION): void {
  registerFunctions(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > upTo) continue;
    db.transaction(() => {
      if (migration.version === 1) db.pragma(`application_id = ${APPLICATION_ID}`);
      db.exec(migration.sql);
      // user_version cannot be bound as a parameter; the value is our own integer.
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

/** Checks that an open database is ours and not from the future; returns its schema version. */
function checkIdentity(db: Database.Database, file: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  const appId = db.pragma('application_id', { simple: true }) as number;
  const tables = db
    .prepare("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
    .pluck()
    .get() as number;
  const empty = version === 0 && appId === 0 && tables === 0;
  if (!empty && appId !== APPLICATION_ID) {
    throw new FatalError(`${file} is not a newsharvest database (it belongs to another application)`);
  }
  if (version > LATEST_VERSION) {
    throw new FatalError(
      `${file} has database schema version ${version}, newer than this newsharvest understands (${LATEST_VERSION}); upgrade newsharvest`,
    );
  }
  return version;
}

/**
 * WAL pages after which a commit also checkpoints (SQLite's default is 1,000). Each checkpoint
 * fsyncs the WAL and the database while the writer waits: at 1,000 the 5,000-article bench crawl
 * checkpointed every 80 pages or so, 230 fsyncs holding its event loop 0.6 s in all (strace). A
 * page rewritten between two checkpoints (index roots, the full-text index's structure) is also
 * copied once per checkpoint, so fewer checkpoints write less.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * Pragmas of every connection.
 * - WAL: readers (export, stats) never block the crawl's writes nor the reverse.
 * - synchronous=NORMAL: in WAL mode a commit is durable against a killed process (the WAL is in
 *   the OS cache, which survives the process); only a power cut or OS crash can lose the last
 *   transactions, never corrupt the file. FULL would fsync on every commit, for every page.
 * - busy_timeout: wait for another connection's lock instead of failing at once.
 * - foreign_keys: images belong to their article.
 * - temp_store=MEMORY on a writing connection: the crawl commits pages in groups, each page in a
 *   savepoint of its own, and SQLite keeps the pages a savepoint changed in a statement journal,
 *   which past 64 KB spills to a temporary file. That file took 32 of the 62 writes the crawl made
 *   per page (74 KB a page, under strace). In memory it holds one group's changes at most.
 * - wal_autocheckpoint on a writing connection: see WAL_AUTOCHECKPOINT_PAGES.
 */
function setPragmas(db: Database.Database, readonly: boolean): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('temp_store = MEMORY');
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  }
}

function connect(file: string, readonly: boolean): Database.Database {
  try {
    return new Database(file, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw translateSqliteError(err, file);
  }
}

/** A WAL file no longer than its header holds no transaction (sqlite.org/walformat.html). */
const WAL_HEADER_BYTES = 32;
/** Header bytes 18 and 19, the write and read format versions: 2 is WAL, 1 a rollback journal. */
const FORMAT_VERSION_OFFSETS = [18, 19] as const;
const WAL_FORMAT = 2;
const ROLLBACK_FORMAT = 1;
/**
 * Loading a copy holds the file twice for a moment (Node's buffer, then better-sqlite3's copy for
 * SQLite), so allow up to 1 GiB, and no more than 1/8 of the machine's memory.
 */
const MAX_MEMORY_COPY_BYTES = Math.min(2 ** 30, os.totalmem() / 8);

function isWritableFolder(dir: string): boolean {
  try {
    // As root, permission bits do not stop us, but a read-only mount (EROFS) or an immutable
    // folder (EPERM) still do, and access() reports both.
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function sizeIfPresent(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}

/**
 * The database read into memory, for a read-only folder where its WAL side files are missing.
 * It is what SQLite's immutable=1 would read (the main file alone, without locks), a way we cannot
 * take: better-sqlite3 is built with SQLITE_USE_URI=0 and accepts no open flags. Refused, with the
 * cause, when a -wal holds transactions the copy would miss, or the file is too large to copy.
 */
function memoryCopy(file: string, folder: string): Database.Database {
  const base = path.basename(file);
  const where = `cannot read ${file}: its folder ${folder} is read-only`;
  const walBytes = sizeIfPresent(`${file}-wal`);
  if (walBytes !== null && walBytes > WAL_HEADER_BYTES) {
    throw new FatalError(
      `${where}, and SQLite cannot read the changes waiting in ${base}-wal without creating ${base}-shm there; copy the database with its -wal file to a writable folder`,
    );
  }
  const before = fs.statSync(file);
  if (before.size > MAX_MEMORY_COPY_BYTES) {
    throw new FatalError(
      `${where}, so SQLite cannot create the ${base}-shm file a WAL database needs, and at ${Math.ceil(before.size / 2 ** 20)} MiB it is too large to read into memory instead; copy it to a writable folder`,
    );
  }
  const bytes = fs.readFileSync(file);
  const after = fs.statSync(file);
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
    // Someone allowed to write there (a crawl of the folder's owner) changed it mid-copy.
    throw new FatalError(`${where}, and it changed while being read into memory; try again`);
  }
  // The copy has no WAL beside it: marked as WAL, SQLite would look for one and fail again.
  if (FORMAT_VERSION_OFFSETS.every((offset) => bytes[offset] === WAL_FORMAT)) {
    for (const offset of FORMAT_VERSION_OFFSETS) bytes[offset] = ROLLBACK_FORMAT;
  }
  return new Database(bytes, { readonly: true, timeout: BUSY_TIMEOUT_MS });
}

/**
 * A read-only connection. In WAL mode even a reader needs the -shm index (and a -wal file) beside
 * the database and creates them when missing, which it cannot do on read-only storage or in a
 * folder it may not write: SQLite then fails the first read with "unable to open database file".
 * Where the side files exist, SQLite reads them without writing (since 3.22). Where they do not,
 * the database is read from a copy in memory. `memory` says which.
 */
function connectReadonly(file: string): { db: Database.Database; memory: boolean } {
  const db = connect(file, true);
  try {
    // The first read is where SQLite opens (or fails to create) the side files.
    db.pragma('schema_version', { simple: true });
    return { db, memory: false };
  } catch (err) {
    db.close();
    const cannotOpen = err instanceof Database.SqliteError && err.code.startsWith('SQLITE_CANTOPEN');
    const folder = path.dirname(path.resolve(file));
    if (!cannotOpen || isWritableFolder(folder)) throw translateSqliteError(err, file);
    try {
      return { db: memoryCopy(file, folder), memory: true };
    } catch (copyErr) {
      throw translateSqliteError(copyErr, file);
    }
  }
}

/** Brings an in-memory copy to the latest schema; the file itself is not touched. */
function migrateCopy(db: Database.Database): Database.Database {
  const writable = new Database(db.serialize());
  db.close();
  try {
    migrate(writable);
    return new Database(writable.serialize(), { readonly: true, timeout: BUSY_TIMEOUT_MS });
  } finally {
    writable.close();
  }
}

/**
 * Opens (or creates) the newsharvest database at `file`.
 * Refuses, with a one-line FatalError and without changing a byte: a file that is not SQLite, a
 * SQLite database of another application, a database written by a newer newsharvest; and, for
 * read-only use, a database that does not exist. Read-only use works on read-only storage too.
 */
export function openStore(file: string, options: OpenStoreOptions = {}): SqliteStore {
  const readonly = options.readonly ?? false;
  const create = options.create ?? !readonly;
  const size = fileSize(file);
  if (size === null) {
    if (!create) throw new FatalError(`no database at ${file} (run \`newsharvest crawl\` first)`);
    ensureFolder(path.dirname(path.resolve(file)));
  } else if (size > 0 && !isSqliteFile(file)) {
    throw new FatalError(`${file} is not a newsharvest database (file is not SQLite)`);
  }

  const opened = readonly ? connectReadonly(file) : { db: connect(file, false), memory: false };
  let db = opened.db;
  try {
    const version = checkIdentity(db, file);
    if (version === 0 && !create) {
      // An empty file (e.g. left by `touch`): nothing to read, and we must not initialise it.
      throw new FatalError(`no database at ${file} (run \`newsharvest crawl\` first)`);
    }
    if (version < LATEST_VERSION) {
      if (opened.memory) {
        // A read-only folder: the file cannot be upgraded, its copy can.
        db = migrateCopy(db);
      } else if (readonly) {
        // An older database read by a newer newsharvest: upgrade it once with a writable
        // connection, then read as asked.
        db.close();
        db = connect(file, false);
        setPragmas(db, false);
        migrate(db);
        db.close();
        db = connect(file, true);
      } else {
        setPragmas(db, false);
        migrate(db);
      }
    }
    setPragmas(db, readonly);
    registerFunctions(db);
    return new SqliteStore(db, file);
  } catch (err) {
    if (db.open) db.close();
    throw translateSqliteError(err, file);
  }
}
