/**
 * fetchUrl(): one page over HTTP(S) with undici, the only place newsharvest talks to the network.
 *
 * What it guarantees, because crawls run unattended from cron:
 * - the whole exchange (connect, headers, every redirect, the body) ends within `timeoutMs`;
 * - at most `maxBytes` are ever held, raw or decompressed: a gzip/brotli bomb is cut off by
 *   backpressure as soon as the decoded size passes the cap, and the streams are destroyed;
 * - only http/https, checked at the start and after every redirect;
 * - every failure is a FetchError whose `reason` and `retryable` tell the scheduler what to do.
 */
import { createRequire } from 'node:module';
import { type Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Agent, type Dispatcher, request } from 'undici';
import { FetchError } from '../errors.js';
import { decodersFor } from './decompress.js';

const require = createRequire(import.meta.url);
const VERSION: string = (require('../../package.json') as { version: string }).version;

export const DEFAULT_USER_AGENT = `newsharvest/${VERSION} (+https://github.com/newsharvest/newsharvest)`;

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

/** How much of an unwanted body (redirect, error page) is read to keep the connection reusable. */
const DISCARD_LIMIT_BYTES = 64 * 1024;

export interface FetchOptions {
  /** Whole request including redirects and the body, in ms. @default 30000 */
  timeoutMs?: number;
  /** Cap on the body, raw and after decompression, in bytes. @default 10 MiB */
  maxBytes?: number;
  /** @default 5 */
  maxRedirects?: number;
  /** @default DEFAULT_USER_AGENT */
  userAgent?: string;
  /** Extra request headers; they override the defaults (names are case-insensitive). */
  headers?: Record<string, string>;
  /** Validators of the stored copy: sent as If-None-Match / If-Modified-Since. */
  conditional?: { etag: string | null; lastModified: string | null } | null;
  signal?: AbortSignal;
  /** Defaults to a shared keep-alive Agent (sharedDispatcher()). */
  dispatcher?: Dispatcher;
  /**
   * Asked before each redirect is followed; false ends the fetch with a FetchError
   * "redirect-refused" (the crawl refuses a target its robots.txt forbids).
   */
  mayFollow?: (next: string) => boolean | Promise<boolean>;
  /**
   * Past `maxBytes`, keep the first `maxBytes` and stop reading instead of failing with
   * "too-large" (robots.txt: content after the limit is ignored, RFC 9309 §2.5). @default false
   */
  truncateAtMaxBytes?: boolean;
  /**
   * Asked once the headers of a 2xx answer are in; false drops the body unread and ends the
   * fetch with a FetchError "not-a-page" (the crawl does not download attachments).
   */
  acceptBody?: (headers: Record<string, string>) => boolean;
}

export interface FetchResult {
  /** The URL asked for. */
  url: string;
  /** The URL after redirects. */
  finalUrl: string;
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Decompressed body; empty when notModified. */
  body: Buffer;
  fetchedAt: Date;
  /** Each URL redirected to, in order (finalUrl last). */
  redirects: string[];
  requestHeaders: Record<string, string>;
  /** A conditional request answered 304: the stored copy is current. */
  notModified: boolean;
  /** The body was cut at maxBytes (only with truncateAtMaxBytes). */
  truncated?: boolean;
}

/**
 * Connections per origin in the shared pool. Politeness allows 2 parallel requests per host;
 * a few more let a slow body and robots.txt or a sitemap share the origin without waiting.
 */
const CONNECTIONS_PER_ORIGIN = 4;

let shared: Agent | null = null;

/** The process-wide keep-alive pool, created on first use. */
export function sharedDispatcher(): Agent {
  shared ??= new Agent({
    connections: CONNECTIONS_PER_ORIGIN,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: 10_000 },
    headersTimeout: DEFAULT_TIMEOUT_MS,
    bodyTimeout: DEFAULT_TIMEOUT_MS,
  });
  return shared;
}

/** Closes the shared pool so the process can exit (end of a crawl, end of tests). */
export async function closeSharedDispatcher(): Promise<void> {
  const agent = shared;
  shared = null;
  await agent?.close();
}

function badScheme(url: string, protocol: string): FetchError {
  return new FetchError(`Refusing ${protocol.replace(/:$/, '')}: URL ${url}: only http and https are fetched`, {
    reason: 'bad-scheme',
    retryable: false,
  });
}

/** Parses and checks a URL to be fetched; `base` resolves a relative redirect Location. */
function httpUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (cause) {
    throw new FetchError(`Invalid URL ${JSON.stringify(raw)}`, {
      reason: base ? 'bad-redirect' : 'bad-url',
      retryable: false,
      cause,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badScheme(url.href, url.protocol);
  url.hash = '';
  return url;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function buildRequestHeaders(options: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.conditional?.etag) headers['if-none-match'] = options.conditional.etag;
  if (options.conditional?.lastModified) headers['if-modified-since'] = options.conditional.lastModified;
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Milliseconds from `now`, never
 * negative; null when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

/** 408 and 429 mean "later", 5xx "our side broke"; any other 4xx will not change on retry. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function statusError(url: string, status: number, headers: Record<string, string>): FetchError {
  const retryable = isRetryableStatus(status);
  return new FetchError(`HTTP ${status} from ${url}`, {
    reason: `http-${status}`,
    retryable,
    status,
    retryAfterMs: retryable ? parseRetryAfter(headers['retry-after']) : null,
  });
}

function tooLarge(url: string, maxBytes: number, what: string): FetchError {
  return new FetchError(`Body of ${url} exceeds ${maxBytes} bytes (${what})`, { reason: 'too-large', retryable: false });
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Error codes anywhere in a cause chain (undici wraps the socket error). */
function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/**
 * Maps a low-level failure (undici, socket, zlib) to the FetchError the scheduler acts on;
 * `phase` says whether the response headers had arrived. The cause is kept.
 */
export function classifyFailure(err: unknown, url: string, phase: 'request' | 'body'): FetchError {
  if (err instanceof FetchError) return err;
  const codes = codesOf(err);
  const has = (...wanted: string[]) => codes.some((c) => wanted.includes(c));
  const detail = err instanceof Error ? err.message : String(err);
  const make = (reason: string, retryable: boolean, what: string) =>
    new FetchError(`${what} fetching ${url}: ${detail}`, { reason, retryable, cause: err });

  if (has('ECONNREFUSED')) return make('connect-refused', true, 'Connection refused');
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_NONAME')) return make('dns', true, 'DNS lookup failed');
  if (has('ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'))
    return make('timeout', true, 'Timed out');
  if (has('UND_ERR_RES_CONTENT_LENGTH_MISMATCH')) return make('truncated', true, 'Body shorter than Content-Length');
  if (has('ECONNRESET', 'EPIPE')) return make('connection-reset', true, 'Connection reset');
  if (has('UND_ERR_SOCKET', 'UND_ERR_CLOSED'))
    return phase === 'body'
      ? make('truncated', true, 'Connection closed before the body ended')
      : make('connection-reset', true, 'Connection closed');
  // zlib: a compressed stream that stops early is a truncated transfer; garbage is not.
  if (has('Z_BUF_ERROR')) return make('truncated', true, 'Compressed body ended early');
  if (codes.some((c) => c.startsWith('Z_') || c.startsWith('ERR__ERROR') || c.startsWith('ERR_BROTLI')))
    return make('bad-encoding', false, 'Undecodable compressed body');
  if (codes.some((c) => c.startsWith('HPE_')) || has('UND_ERR_HEADERS_OVERFLOW'))
    return make('bad-response', false, 'Malformed HTTP response');
  return make('network', true, 'Network error');
}

/**
 * Drops a response body we will not read. undici's body stream answers a bare destroy() with an
 * asynchronous 'error' (RequestAbortedError); with no listener that is an uncaught exception that
 * would end the whole crawl, so a listener is attached first.
 */
function abandon(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/**
 * An unencoded body, the usual case, read straight from undici's stream: a stream pipeline costs
 * more per response than a small page's bytes. The request's own signal still aborts the read
 * (undici destroys the body with it).
 */
async function readPlainBody(
  body: Readable,
  url: string,
  maxBytes: number,
  truncate: boolean,
): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (kept + chunk.length > maxBytes) {
      if (!truncate) {
        abandon(body);
        throw tooLarge(url, maxBytes, 'raw');
      }
      chunks.push(chunk.subarray(0, maxBytes - kept));
      kept = maxBytes;
      abandon(body);
      return { body: Buffer.concat(chunks, kept), truncated: true };
    }
    kept += chunk.length;
    chunks.push(chunk);
  }
  // Always a copy: a lone chunk is a view into the socket's read buffer, which a worker-thread
  // handoff would clone whole and which would stay alive as long as the page does.
  return { body: Buffer.concat(chunks, kept), truncated: false };
}

/** Reads the body through the decoders, holding at most `maxBytes` at every stage. */
async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  url: string,
  maxBytes: number,
  signal: AbortSignal,
  truncate: boolean,
): Promise<{ body: Buffer; truncated: boolean }> {
  let decoders: ReturnType<typeof decodersFor>;
  try {
    decoders = decodersFor(contentEncoding);
  } catch (err) {
    abandon(body);
    throw err;
  }
  if (decoders.length === 0) return readPlainBody(body, url, maxBytes, truncate);
  const chunks: Buffer[] = [];
  let kept = 0;
  let raw = 0;
  // Thrown into the pipeline to stop it once a truncating read has what it wants.
  const enough = new Error('enough');
  const rawCap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      raw += chunk.length;
      // When truncating, the decoded cap below stops the read; compressed input is bounded by it.
      if (raw > maxBytes && !truncate) callback(tooLarge(url, maxBytes, 'compressed'));
      else callback(null, chunk);
    },
  });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (kept + chunk.length > maxBytes) {
        if (!truncate) {
          callback(tooLarge(url, maxBytes, decoders.length > 0 ? 'decompressed' : 'raw'));
          return;
        }
        chunks.push(chunk.subarray(0, maxBytes - kept));
        kept = maxBytes;
        callback(enough);
        return;
      }
      kept += chunk.length;
      chunks.push(chunk);
      callback();
    },
  });
  const stages: (NodeJS.ReadableStream | NodeJS.WritableStream | NodeJS.ReadWriteStream)[] =
    decoders.length > 0 ? [body, rawCap, ...decoders, sink] : [body, sink];
  try {
    await pipeline(stages, { signal });
  } catch (err) {
    if (err !== enough) throw err;
    return { body: Buffer.concat(chunks, kept), truncated: true };
  }
  return { body: Buffer.concat(chunks, kept), truncated: false };
}

/** Why the request's own controller aborted. */
type AbortCause = 'timeout' | 'caller';

export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const dispatcher = options.dispatcher ?? sharedDispatcher();
  const requestHeaders = buildRequestHeaders(options);
  const conditional = Boolean(options.conditional?.etag || options.conditional?.lastModified);

  let current = httpUrl(url);
  const redirects: string[] = [];
  const seen = new Set([current.href]);

  // undici's bodyTimeout is an idle timer per chunk; a server trickling one byte a second
  // would never trip it. This timer bounds the whole exchange.
  const controller = new AbortController();
  let aborted: AbortCause | null = null;
  const timer = setTimeout(() => {
    aborted = 'timeout';
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const onCallerAbort = () => {
    aborted ??= 'caller';
    controller.abort(options.signal?.reason);
  };
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  let phase: 'request' | 'body' = 'request';
  try {
    for (;;) {
      phase = 'request';
      const response = await request(current, {
        method: 'GET',
        headers: requestHeaders,
        signal: controller.signal,
        dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const headers = flattenHeaders(response.headers);
      const status = response.statusCode;
      const discard = () => response.body.dump({ limit: DISCARD_LIMIT_BYTES }).catch(() => undefined);

      if (REDIRECT_STATUSES.has(status) && headers.location !== undefined) {
        await discard();
        const next = httpUrl(headers.location, current);
        if (seen.has(next.href)) {
          throw new FetchError(`Redirect loop at ${next.href} (from ${url})`, { reason: 'redirect-loop', retryable: false });
        }
        if (redirects.length >= maxRedirects) {
          throw new FetchError(`More than ${maxRedirects} redirects from ${url}`, {
            reason: 'too-many-redirects',
            retryable: false,
          });
        }
        if (options.mayFollow && !(await options.mayFollow(next.href))) {
          throw new FetchError(`Redirect from ${url} to ${next.href} refused (robots.txt)`, {
            reason: 'redirect-refused',
            retryable: false,
          });
        }
        seen.add(next.href);
        redirects.push(next.href);
        current = next;
        continue;
      }

      const base = { url, finalUrl: current.href, status, headers, redirects, requestHeaders };
      if (status === 304 && conditional) {
        await discard();
        return { ...base, body: Buffer.alloc(0), fetchedAt: new Date(), notModified: true };
      }
      if (status < 200 || status > 299) {
        await discard();
        throw statusError(current.href, status, headers);
      }

      if (options.acceptBody && !options.acceptBody(headers)) {
        abandon(response.body);
        throw new FetchError(`${current.href} is a file (${headers['content-type'] ?? 'no content type'}), not a page`, {
          reason: 'not-a-page',
          retryable: false,
        });
      }
      const declared = Number(headers['content-length']);
      if (!options.truncateAtMaxBytes && Number.isFinite(declared) && declared > maxBytes) {
        abandon(response.body);
        throw tooLarge(current.href, maxBytes, `Content-Length ${declared}`);
      }
      phase = 'body';
      const { body, truncated } = await readBody(
        response.body,
        headers['content-encoding'],
        current.href,
        maxBytes,
        controller.signal,
        options.truncateAtMaxBytes ?? false,
      );
      return { ...base, body, fetchedAt: new Date(), notModified: false, ...(truncated ? { truncated } : {}) };
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    if (aborted === 'timeout') {
      throw new FetchError(`Timed out after ${timeoutMs} ms fetching ${current.href}`, {
        reason: 'timeout',
        retryable: true,
        cause: err,
      });
    }
    if (aborted === 'caller') {
      throw new FetchError(`Fetching ${current.href} was aborted`, { reason: 'aborted', retryable: true, cause: err });
    }
    throw classifyFailure(err, current.href, phase);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}
