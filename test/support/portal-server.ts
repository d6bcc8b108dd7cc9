/**
 * A local news portal for crawl tests: the bundled demo portal (or a variant built in memory)
 * served on 127.0.0.1 with a request log, plus helpers to read that log.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, buildDemoPortal, type DemoPortal, type PortalFiles } from '../../src/scripts/build-demo-portal.js';
import {
  loadPortalDir,
  type PortalServer,
  type PortalServerOptions,
  type RequestRecord,
  startPortalServer,
} from '../../src/scripts/portal-server.js';

export type { DemoPortal, PortalFiles, RequestRecord };

export const DEMO_PORTAL_DIR = path.resolve(fileURLToPath(import.meta.url), '../../../fixtures/demo-portal');

export interface TestPortal extends PortalServer {
  portal: DemoPortal;
  /** Requests whose path (and query) is exactly `p`. */
  requestsTo(p: string): RequestRecord[];
  /** Requests whose path matches. */
  requestsMatching(re: RegExp): RequestRecord[];
  /** Replaces what is served (e.g. a portal with new articles between two crawls). */
  serve(portal: DemoPortal): void;
  url(p: string): string;
}

export async function startTestPortal(
  options: BuildOptions & PortalServerOptions & { files?: (files: PortalFiles) => void } = {},
): Promise<TestPortal> {
  let portal = buildDemoPortal(options);
  options.files?.(portal.files);
  const server = await startPortalServer(portal.files, options);
  return {
    get origin() {
      return server.origin;
    },
    get requests() {
      return server.requests;
    },
    get portal() {
      return portal;
    },
    setFiles: (files: PortalFiles) => server.setFiles(files),
    close: () => server.close(),
    requestsTo: (p: string) => server.requests.filter((r) => r.path === p),
    requestsMatching: (re: RegExp) => server.requests.filter((r) => re.test(r.path)),
    serve(next: DemoPortal) {
      portal = next;
      server.setFiles(next.files);
    },
    url: (p: string) => `${server.origin}${p}`,
  };
}

/** The committed fixtures/demo-portal, as `newsharvest demo` serves it. */
export async function startCommittedDemoPortal(options: PortalServerOptions = {}): Promise<PortalServer> {
  return startPortalServer(loadPortalDir(DEMO_PORTAL_DIR), options);
}
