/**
 * Reads a crawl's database the way an auditor would: straight SQL, read-only, on the tables that
 * src/store/schema.ts documents. Used only after the CLI process has exited.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';

export interface ArticleRow {
  url: string;
  title: string | null;
  body: string | null;
  source: string | null;
  published_at: string | null;
  views: number | null;
}

export interface FrontierRow {
  url: string;
  state: string;
  attempts: number;
  last_error: string | null;
}

export interface DbSnapshot {
  integrity: string;
  articles: ArticleRow[];
  frontier: FrontierRow[];
  /** Decompressed bodies of every stored response. */
  pageBodies: { url: string; status: number; kind: string; body: Buffer }[];
}

function decompress(body: Buffer, encoding: string): Buffer {
  return encoding === 'br' ? zlib.brotliDecompressSync(body) : body;
}

export function readDb(file: string, options: { withPages?: boolean } = {}): DbSnapshot {
  if (!existsSync(file)) throw new Error(`no database at ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const articles = db.prepare('SELECT url, title, body, source, published_at, views FROM articles ORDER BY url').all() as ArticleRow[];
    const frontier = db.prepare('SELECT url, state, attempts, last_error FROM frontier ORDER BY url').all() as FrontierRow[];
    const pageBodies = options.withPages
      ? (
          db.prepare('SELECT url, status, kind, body, body_encoding FROM pages ORDER BY id').all() as {
            url: string;
            status: number;
            kind: string;
            body: Buffer;
            body_encoding: string;
          }[]
        ).map((p) => ({ url: p.url, status: p.status, kind: p.kind, body: decompress(p.body, p.body_encoding) }))
      : [];
    return { integrity, articles, frontier, pageBodies };
  } finally {
    db.close();
  }
}

/**
 * `PRAGMA integrity_check` of a database a process may have been killed in the middle of writing.
 * Checked on a copy (database + WAL, as a backup tool would take them), so the original is left
 * exactly as the kill left it for the resumed crawl to recover by itself.
 */
export function integrityCheck(file: string): string {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'nh-integrity-'));
  try {
    const copy = path.join(scratch, 'copy.db');
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    // Not read-only: a hot WAL must be replayed, as the next crawl would.
    const db = new Database(copy, { fileMustExist: true });
    try {
      return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    } finally {
      db.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
