/**
 * Serves a portal (the bundled demo or a generated one) on 127.0.0.1 from memory, with ETags
 * (so revisits can be answered 304) and a request log (so tests can prove what was fetched).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { PortalFile, PortalFiles } from './build-demo-portal.js';

export interface RequestRecord {
  /** Path and query as requested. */
  path: string;
  /** Milliseconds since the server started (monotonic). */
  at: number;
  /** When the answer began to be written, on the same clock: the request was in flight from `at` until then. */
  answeredAt: number;
  status: number;
  userAgent: string | null;
  conditional: boolean;
}

export interface PortalServer {
  readonly origin: string;
  readonly requests: RequestRecord[];
  setFiles(files: PortalFiles): void;
  close(): Promise<void>;
}

export interface PortalServerOptions {
  /** Added before every answer: lets a test interrupt a crawl half way. */
  latencyMs?: number;
  port?: number;
}

/** Reads fixtures/demo-portal (manifest.json + files/). */
export function loadPortalDir(dir: string): PortalFiles {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf-8')) as Record<
    string,
    { file: string; contentType: string; template?: boolean; gzip?: boolean }
  >;
  const files: PortalFiles = new Map();
  for (const [key, entry] of Object.entries(manifest)) {
    const file: PortalFile = { body: readFileSync(path.join(dir, entry.file)), contentType: entry.contentType };
    if (entry.template) file.template = true;
    if (entry.gzip) file.gzip = true;
    files.set(key, file);
  }
  return files;
}

export async function startPortalServer(initial: PortalFiles, options: PortalServerOptions = {}): Promise<PortalServer> {
  let files = initial;
  const requests: RequestRecord[] = [];
  const started = performance.now();
  let origin = '';
  const rendered = new Map<PortalFile, { body: Buffer; etag: string }>();

  function render(file: PortalFile): { body: Buffer; etag: string } {
    let cached = rendered.get(file);
    if (!cached) {
      let body = file.template ? Buffer.from(file.body.toString('utf-8').replaceAll('__ORIGIN__', origin)) : file.body;
      if (file.gzip) body = gzipSync(body);
      cached = { body, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` };
      rendered.set(file, cached);
    }
    return cached;
  }

  const server: Server = createServer((req, res) => {
    const at = performance.now() - started;
    const key = req.url ?? '/';
    const file = files.get(key) ?? files.get(decodeURIComponentSafe(key));
    const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
    const answer = () => {
      const answeredAt = performance.now() - started;
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html><body><h1>404 Not Found</h1></body></html>');
      } else {
        const { body, etag } = render(file);
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag });
          res.end();
        } else {
          res.writeHead(200, { 'content-type': file.contentType, 'content-length': body.length, etag });
          res.end(req.method === 'HEAD' ? undefined : body);
        }
      }
      requests.push({
        path: key,
        at,
        answeredAt,
        status: res.statusCode,
        userAgent: req.headers['user-agent'] ?? null,
        conditional,
      });
    };
    if (options.latencyMs) setTimeout(answer, options.latencyMs);
    else answer();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    requests,
    setFiles(next) {
      files = next;
      rendered.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
