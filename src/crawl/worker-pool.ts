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
  readonly slot: Slot;
  private settle: { resolve: (result: AnalyzeResult) => void; reject: (err: Error) => void } | null;

  constructor(slot: Slot, resolve: (result: AnalyzeResult) => void, reject: (err: Error) => void) {
    this.slot = slot;
    this.settle = { resolve, reject };
  }

  resolve(result: AnalyzeResult): void {
    const settle = this.settle;
    this.settle = null;
    settle?.resolve(result);
  }

  reject(err: Error): void {
    const settle = this.settle;
    this.settle = null;
    settle?.reject(err);
  }
}

interface Slot {
  worker: Worker;
  busy: number;
}

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
  private nextId = 1;
  private closed = false;

  constructor(file: string, count: number) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(file);
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (msg: WorkerReply) => {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        p.slot.busy--;
        if (msg.error !== undefined) p.reject(new Error(msg.error));
        else p.resolve(msg.result!);
      });
      worker.on('error', (err) => this.failAll(slot, err));
      worker.on('exit', (code) => {
        if (!this.closed) this.failAll(slot, new Error(`page worker exited with code ${code}`));
      });
      // Idle workers must not keep the process alive.
      worker.unref();
      this.slots.push(slot);
    }
  }

  private failAll(slot: Slot, err: Error): void {
    for (const [id, p] of this.pending) {
      if (p.slot !== slot) continue;
      this.pending.delete(id);
      p.reject(err);
    }
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
  }

  analyze(input: AnalyzeInput): Promise<AnalyzeResult> {
    const slot = this.slots.reduce<Slot | null>((best, s) => (best === null || s.busy < best.busy ? s : best), null);
    // With every worker gone (crashed), fall back to the main thread rather than fail the crawl.
    if (!slot || this.closed) return inlineAnalyzer.analyze(input);
    const id = this.nextId++;
    slot.busy++;
    return new Promise<AnalyzeResult>((resolve, reject) => {
      this.pending.set(id, new PendingPage(slot, resolve, reject));
      slot.worker.ref();
      slot.worker.postMessage({ id, input } satisfies WorkerRequest);
    }).finally(() => {
      if (slot.busy === 0) slot.worker.unref();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}

/** Worker threads when the compiled worker is available and `count` > 0, else inline. */
export function createAnalyzer(count: number = defaultWorkerCount()): PageAnalyzer {
  const file = fileURLToPath(new URL('./page-worker.js', import.meta.url));
  if (count <= 0 || !existsSync(file)) return inlineAnalyzer;
  return new WorkerAnalyzer(file, count);
}
