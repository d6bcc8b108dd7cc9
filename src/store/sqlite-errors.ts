/**
 * Turns SQLite failures a user can cause (full disk, read-only file, another process holding the
 * lock too long, a damaged file) into one-line FatalErrors. Anything else is a bug and is rethrown
 * unchanged, so that its stack is not hidden behind a friendly message.
 */
import Database from 'better-sqlite3';
import { FatalError, NewsharvestError } from '../errors.js';

function sqliteCode(err: unknown): string | null {
  return err instanceof Database.SqliteError ? err.code : null;
}

export function translateSqliteError(err: unknown, dbPath: string): unknown {
  if (err instanceof NewsharvestError) return err;
  const code = sqliteCode(err);
  if (code === null) return err;
  if (code === 'SQLITE_FULL') return new FatalError('database write failed: disk full', { cause: err });
  if (code.startsWith('SQLITE_READONLY')) return new FatalError(`database is read-only: ${dbPath}`, { cause: err });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new FatalError(`database is busy: another process held ${dbPath} locked for too long`, { cause: err });
  }
  if (code.startsWith('SQLITE_IOERR')) return new FatalError(`database write failed: I/O error on ${dbPath}`, { cause: err });
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) {
    return new FatalError(`database ${dbPath} is damaged (run PRAGMA integrity_check)`, { cause: err });
  }
  if (code === 'SQLITE_NOTADB') return new FatalError(`${dbPath} is not a newsharvest database (file is not SQLite)`, { cause: err });
  if (code.startsWith('SQLITE_CANTOPEN')) return new FatalError(`cannot open database ${dbPath}`, { cause: err });
  return err;
}
