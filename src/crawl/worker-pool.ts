/**
 * A small pool of worker threads for analyzePage(): extraction is CPU-bound and the crawl's
 * main thread has the network and SQLite to serve, so on a machine with more than one core
 * pages are analysed in parallel. Where the compiled worker file is absent (tests running the
 * TypeScript sources), pages are analysed inline.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnalyzeInput, AnalyzeResult } from './analyze.js';

export interface PageAnalyzer {
  analyze(input: AnalyzeInput): Promise<AnalyzeResult>;
  close(): Promise<void>;
}

/**
 * Pages analysed on the calling thread. The extractor is loaded on first use: a crawl with a
 * worker never needs it on its main thread.
 */
export const inlineAnalyzer: PageAnalyzer = {
  analyze: async (input) => (await import('./analyze.js')).analyzePage(input),
  close: async () => {},
};

/** What page-worker.ts answers, one message a page. */
export interface WorkerReply {
  id: number;
  result?: AnalyzeResult;
  error?: string;
}

/**
 * A page sent to a worker, until its reply. Settling it lets go of the promise's resolvers, and
 * with them of the result. Why: the pending Map's earlier backing stores (it is rebuilt every few
 * dozen pages) lie dead in V8's old generation until the next full collection, still pointing at
 * the entries they held, and a young-generation collection keeps alive whatever such a store
 * reaches. An entry that kept its resolvers kept its page's whole AnalyzeResult (the Article and a
 * hundred links) alive that way: on the 5,000-article bench portal the main thread promoted
 * 111 MB to its old generation, against 24 MB now, and ran 16 full collections instead of 8.
 */
class PendingPage {
  /** The request, kept to send it again to a restarted worker (see WorkerAnalyzer.restart). */
  request: WorkerRequest | null;
  private settle: { resolve: (result: AnalyzeResult) => void; reject: (err: Error) => void } | null;

  constructor(request: WorkerRequest, resolve: (result: AnalyzeResult) => void, reject: (err: Error) => void) {
    this.request = request;
    this.settle = { resolve, reject };
  }

  resolve(result: AnalyzeResult): void {
    const settle = this.settle;
    this.settle = null;
    this.request = null;
    settle?.resolve(result);
  }

  reject(err: Error): void {
    const settle = this.settle;
    this.settle = null;
    this.request = null;
    settle?.reject(err);
  }
}

interface Slot {
  worker: Worker;
  /** Ids sent to this worker and not answered, in the order sent: it works on the first. */
  queue: number[];
  /** Fires when the first page of `queue` has been worked on for too long. */
  watchdog: NodeJS.Timeout | null;
}

/**
 * Longest a worker may spend on one page. No page of the corpus, the fixtures or the hostile-page
 * tests takes a second; a page that takes this long has met a pathological case (a regex that
 * backtracks for hours), and a crawl left running from cron must not wait for it for ever.
 */
export const ANALYZE_TIMEOUT_MS = 60_000;
/** Restarts of stuck or crashed workers a pool makes before it gives up on them (and analyses inline). */
const MAX_RESTARTS = 5;

/** What page-worker.ts is sent, one message a page. */
export interface WorkerRequest {
  id: number;
  input: AnalyzeInput;
}

/**
 * Workers: the cores left after the main thread, at least one, at most 4. Measured on 2 cores
 * (crawl bench, 5,000 articles): one worker 506–536 pages/s, two 392, none 316; the main thread's
 * network and SQLite work then runs beside the extraction instead of after it. A single core
 * gets none: there the message copying is pure cost.
 */
export function defaultWorkerCount(): number {
  const cores = os.availableParallelism();
  return cores <= 1 ? 0 : Math.min(4, cores - 1);
}

class WorkerAnalyzer implements PageAnalyzer {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, PendingPage>();
  private readonly file: string;
  private readonly timeoutMs: number;
  private nextId = 1;
  private restarts = 0;
  private closed = false;

  constructor(file: string, count: number, timeoutMs: number) {
    this.file = file;
    this.timeoutMs = timeoutMs;
    for (let i = 0; i < count; i++) {
      const slot: Slot = { worker: this.start(), queue: [], watchdog: null };
      this.listen(slot);
      this.slots.push(slot);
    }
  }

  private start(): Worker {
    const worker = new Worker(this.file);
    // Idle workers must not keep the process alive.
    worker.unref();
    return worker;
  }

  private listen(slot: Slot): void {
    const worker = slot.worker;
    worker.on('message', (msg: WorkerReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      const at = slot.queue.indexOf(msg.id);
      if (at >= 0) slot.queue.splice(at, 1);
      this.arm(slot);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result!);
    });
    worker.on('error', (err) => this.restart(slot, worker, `page worker failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (!this.closed) this.restart(slot, worker, `page worker exited with code ${code}`);
    });
  }

  /** (Re)starts the watchdog for the page the worker is on now, if any. */
  private arm(slot: Slot): void {
    if (slot.watchdog !== null) clearTimeout(slot.watchdog);
    slot.watchdog = null;
    if (slot.queue.length === 0 || this.closed) return;
    const worker = slot.worker;
    slot.watchdog = setTimeout(() => {
      slot.watchdog = null;
      this.restart(slot, worker, `page analysis took longer than ${this.timeoutMs / 1000} s and was abandoned`);
    }, this.timeoutMs);
    slot.watchdog.unref();
  }

  /**
   * A stuck or crashed worker: the page it was on fails with `reason`, the worker is replaced and
   * the pages queued behind it go to the new one (they did nothing wrong). After MAX_RESTARTS the
   * slot is given up and its pages fail, as before; with no slot left pages are analysed inline.
   */
  private restart(slot: Slot, worker: Worker, reason: string): void {
    // A late event of a worker already replaced (its exit after terminate(), an error then exit).
    if (slot.worker !== worker || this.closed) return;
    if (slot.watchdog !== null) clearTimeout(slot.watchdog);
    slot.watchdog = null;
    worker.removeAllListeners();
    void worker.terminate();
    const [culprit, ...behind] = slot.queue;
    slot.queue = [];
    if (culprit !== undefined) this.settleFailed(culprit, new Error(reason));
    if (this.restarts >= MAX_RESTARTS) {
      for (const id of behind) this.settleFailed(id, new Error(reason));
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      return;
    }
    this.restarts++;
    slot.worker = this.start();
    this.listen(slot);
    for (const id of behind) {
      const request = this.pending.get(id)?.request;
      if (!request) continue;
      slot.queue.push(id);
      slot.worker.ref();
      slot.worker.postMessage(request);
    }
    this.arm(slot);
  }

  private settleFailed(id: number, err: Error): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.reject(err);
  }

  analyze(input: AnalyzeInput): Promise<AnalyzeResult> {
    const slot = this.slots.reduce<Slot | null>((best, s) => (best === null || s.queue.length < best.queue.length ? s : best), null);
    // With every worker given up, fall back to the main thread rather than fail the crawl.
    if (!slot || this.closed) return inlineAnalyzer.analyze(input);
    const id = this.nextId++;
    const request: WorkerRequest = { id, input };
    return new Promise<AnalyzeResult>((resolve, reject) => {
      this.pending.set(id, new PendingPage(request, resolve, reject));
      slot.queue.push(id);
      if (slot.queue.length === 1) this.arm(slot);
      slot.worker.ref();
      slot.worker.postMessage(request);
    }).finally(() => {
      if (slot.queue.length === 0) slot.worker.unref();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots) if (slot.watchdog !== null) clearTimeout(slot.watchdog);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}

/** Worker threads when the compiled worker is available and `count` > 0, else inline. */
export function createAnalyzer(
  count: number = defaultWorkerCount(),
  options: { timeoutMs?: number; workerFile?: string } = {},
): PageAnalyzer {
  const file = options.workerFile ?? fileURLToPath(new URL('./page-worker.js', import.meta.url));
  if (count <= 0 || !existsSync(file)) return inlineAnalyzer;
  return new WorkerAnalyzer(file, count, options.timeoutMs ?? ANALYZE_TIMEOUT_MS);
}
