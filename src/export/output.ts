/**
 * Where an export goes: stdout, or a file written through a temp file in the same folder and
 * renamed into place only when complete. A failed or interrupted export therefore never leaves
 * half a file, and never destroys the file it was meant to replace.
 *
 * Writes are buffered into chunks of about 16 Ki characters and respect backpressure, so memory stays flat
 * whatever the size of the export.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { FatalError, UsageError } from '../errors.js';

/**
 * Characters buffered before a write. Chinese text makes two-byte strings, and V8 puts strings
 * over 128 KiB in its large-object space, which grows the heap (and the peak RSS) with the export;
 * 16 Ki characters (32 KiB in memory, up to 48 KiB of UTF-8) stay clear of it.
 */
const CHUNK_CHARS = 16 * 1024;

/** The reader of stdout went away (`newsharvest export | head`): stop quietly, it is not a failure. */
export class OutputClosedError extends Error {
  constructor() {
    super('output closed by the reader');
    this.name = 'OutputClosedError';
  }
}

export interface Output {
  /** Queues text or bytes; resolves once the destination can take more. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes everything and, for a file, moves the finished temp file into place. */
  commit(): Promise<void>;
  /** Throws away what was written: the temp file goes, an existing file is left as it was. */
  abort(): Promise<void>;
}

class StreamOutput implements Output {
  #pending: string[] = [];
  #pendingChars = 0;
  #error: Error | null = null;
  readonly #stream: Writable;

  constructor(stream: Writable) {
    this.#stream = stream;
    stream.on('error', (err: Error) => {
      this.#error ??= err;
    });
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (typeof chunk === 'string') {
      this.#pending.push(chunk);
      this.#pendingChars += chunk.length;
      if (this.#pendingChars >= CHUNK_CHARS) await this.flush();
      return;
    }
    await this.flush();
    await this.#send(chunk);
  }

  protected async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    this.#pendingChars = 0;
    await this.#send(text);
  }

  async #send(data: string | Uint8Array): Promise<void> {
    this.throwIfFailed();
    const ready = this.#stream.write(data);
    if (!ready) {
      try {
        await once(this.#stream, 'drain');
      } catch (err) {
        this.#error ??= err as Error;
      }
    } else {
      // Pipes to stdout are written synchronously on Linux and report EPIPE on a later tick:
      // give the event loop a turn (once per chunk, not per record) so the error is seen.
      await yieldToEvents();
    }
    this.throwIfFailed();
  }

  protected throwIfFailed(): void {
    if (this.#error) throw this.translate(this.#error);
  }

  protected translate(err: Error): Error {
    return err;
  }

  protected get stream(): Writable {
    return this.#stream;
  }

  async commit(): Promise<void> {
    await this.flush();
  }

  async abort(): Promise<void> {
    this.#pending = [];
  }
}

class StdoutOutput extends StreamOutput {
  protected override translate(err: Error): Error {
    return (err as NodeJS.ErrnoException).code === 'EPIPE' ? new OutputClosedError() : err;
  }
}

class FileOutput extends StreamOutput {
  readonly #target: string;
  readonly #temp: string;
  #settled = false;
  readonly #onExit = (): void => this.#removeTempSync();
  readonly #onSignal = (signal: NodeJS.Signals): void => {
    this.#removeTempSync();
    this.#unhook();
    process.kill(process.pid, signal);
  };

  constructor(stream: fs.WriteStream, target: string, temp: string) {
    super(stream);
    this.#target = target;
    this.#temp = temp;
    process.on('exit', this.#onExit);
    process.on('SIGINT', this.#onSignal);
    process.on('SIGTERM', this.#onSignal);
  }

  protected override translate(err: Error): Error {
    return new FatalError(`--out: cannot write "${this.#target}": ${describeFsError(err)}`, { cause: err });
  }

  override async commit(): Promise<void> {
    await super.commit();
    this.throwIfFailed();
    const closed = once(this.stream, 'close');
    this.stream.end();
    await closed;
    this.throwIfFailed();
    try {
      await fsp.rename(this.#temp, this.#target);
    } catch (err) {
      await this.abort();
      throw this.translate(err as Error);
    }
    this.#settled = true;
    this.#unhook();
  }

  override async abort(): Promise<void> {
    await super.abort();
    if (this.#settled) return;
    this.#settled = true;
    if (!this.stream.destroyed) {
      const closed = once(this.stream, 'close').catch(() => undefined);
      this.stream.destroy();
      await closed;
    }
    await fsp.rm(this.#temp, { force: true });
    this.#unhook();
  }

  #removeTempSync(): void {
    if (this.#settled) return;
    try {
      fs.rmSync(this.#temp, { force: true });
    } catch {
      // Best effort on the way out: nothing more can be done about a temp file we cannot remove.
    }
  }

  #unhook(): void {
    process.off('exit', this.#onExit);
    process.off('SIGINT', this.#onSignal);
    process.off('SIGTERM', this.#onSignal);
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOENT':
      return 'no such folder';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Refuses an --out that names the database itself (or its -wal/-shm files): the rename at the end
 * of the export would replace the database with the export.
 */
export function refuseDatabaseAsOutput(out: string | undefined, dbPath: string, option = '--out'): void {
  if (out === undefined || out === '-') return;
  const real = (file: string): string => {
    const resolved = path.resolve(file);
    try {
      return fs.realpathSync(resolved);
    } catch {
      // Not there yet: compare the real folder plus the name.
      try {
        return path.join(fs.realpathSync(path.dirname(resolved)), path.basename(resolved));
      } catch {
        return resolved;
      }
    }
  };
  const target = real(out);
  const db = real(dbPath);
  if ([db, `${db}-wal`, `${db}-shm`, `${db}-journal`].includes(target)) {
    throw new UsageError(`${option}: "${out}" is the database itself; choose another file`);
  }
}

/** An Output over any writable stream (no temp file, no rename): for pipes and tests. */
export function writableOutput(stream: Writable): Output {
  return new StreamOutput(stream);
}

/**
 * Opens the destination of an export. `out` undefined means stdout. A folder is a usage error
 * (exit 2); a missing or unwritable folder, or a read-only existing file, is a failure (exit 1).
 */
export async function openOutput(out: string | undefined, option = '--out'): Promise<Output> {
  if (out === undefined || out === '-') return new StdoutOutput(process.stdout);
  if (out === '' || out.endsWith('/') || out.endsWith(path.sep)) {
    throw new UsageError(`${option}: "${out}" is a folder; give a file name`);
  }
  const target = path.resolve(out);
  const existing = await fsp.stat(target).catch(() => null);
  if (existing?.isDirectory()) throw new UsageError(`${option}: "${out}" is a folder; give a file name`);
  const folder = path.dirname(target);
  const folderStat = await fsp.stat(folder).catch(() => null);
  if (!folderStat) throw new FatalError(`${option}: folder "${path.dirname(out)}" does not exist`);
  if (!folderStat.isDirectory()) throw new FatalError(`${option}: "${path.dirname(out)}" is not a folder`);
  if (existing) {
    await fsp.access(target, fs.constants.W_OK).catch((err: unknown) => {
      throw new FatalError(`${option}: cannot write "${out}": ${describeFsError(err)}`);
    });
  }
  const temp = path.join(folder, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const stream = fs.createWriteStream(temp, { flags: 'wx', flush: true });
  try {
    await once(stream, 'open');
  } catch (err) {
    throw new FatalError(`${option}: cannot write in "${path.dirname(out)}": ${describeFsError(err)}`, { cause: err });
  }
  return new FileOutput(stream, target, temp);
}

/**
 * Prints text on stdout with backpressure; a reader that went away (`| head`) is not an error.
 * Returns false when the reader closed the pipe before everything was written.
 */
export async function printStdout(text: string): Promise<boolean> {
  const output = new StdoutOutput(process.stdout);
  try {
    await output.write(text);
    await output.commit();
    return true;
  } catch (err) {
    if (err instanceof OutputClosedError) return false;
    throw err;
  }
}
