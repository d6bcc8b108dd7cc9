/**
 * Content-Encoding decoders as node:zlib streams. The caller pipes through them and caps the
 * decoded size, so a compression bomb is cut off by backpressure, never inflated in memory.
 */
import { Duplex, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from '../errors.js';

/** zlib's own chunking; small enough that the size cap is checked often. */
const ZLIB_CHUNK_BYTES = 16 * 1024;

/**
 * `deflate` should be zlib-wrapped (RFC 9110), but old IIS and PHP servers send raw deflate.
 * The first byte tells them apart: a zlib header's low nibble is 8 (CM = deflate).
 */
class AutoInflate extends Duplex {
  #inner: zlib.Inflate | zlib.InflateRaw | null = null;

  #start(first: Buffer): zlib.Inflate | zlib.InflateRaw {
    const zlibWrapped = first.length > 0 && (first[0]! & 0x0f) === 8 && ((first[0]! << 8) | (first[1] ?? 0)) % 31 === 0;
    const inner = zlibWrapped ? zlib.createInflate({ chunkSize: ZLIB_CHUNK_BYTES }) : zlib.createInflateRaw({ chunkSize: ZLIB_CHUNK_BYTES });
    inner.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) inner.pause();
    });
    inner.on('end', () => this.push(null));
    inner.on('error', (err) => this.destroy(err));
    this.#inner = inner;
    return inner;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const inner = this.#inner ?? this.#start(chunk);
    inner.write(chunk, (err) => callback(err ?? null));
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.#inner === null) this.push(null);
    else this.#inner.end();
    callback();
  }

  override _read(): void {
    this.#inner?.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#inner?.destroy();
    callback(error);
  }
}

/**
 * Decoders for a Content-Encoding header value, in the order to apply them (the header lists
 * codings in the order they were applied, so the last is undone first).
 */
export function decodersFor(contentEncoding: string | undefined): (Transform | Duplex)[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        // Some servers concatenate gzip members; zlib handles them. Truncated input is an error.
        return zlib.createGunzip({ chunkSize: ZLIB_CHUNK_BYTES });
      case 'deflate':
        return new AutoInflate();
      case 'br':
        return zlib.createBrotliDecompress({ chunkSize: ZLIB_CHUNK_BYTES });
      default:
        throw new FetchError(`Unsupported Content-Encoding "${coding}"`, { reason: 'bad-encoding', retryable: false });
    }
  });
}
