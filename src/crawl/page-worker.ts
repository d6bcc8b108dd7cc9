/**
 * Worker-thread entry: runs analyzePage() for the crawl's main thread (see worker-pool.ts).
 * Profiles arrive with every page; they are small JSON objects.
 *
 * Pages come in batches (those one turn of the main thread handed over) and the replies of one
 * turn here go back in one message: each message wakes the other thread, which costs more than
 * copying a page.
 */
import { parentPort } from 'node:worker_threads';
import { analyzePage } from './analyze.js';
import type { WorkerReply, WorkerRequest } from './worker-pool.js';

let outbox: WorkerReply[] = [];
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  const replies = outbox;
  outbox = [];
  if (replies.length > 0) parentPort?.postMessage(replies);
}

function analyze(request: WorkerRequest): WorkerReply {
  try {
    return { id: request.id, result: analyzePage(request.input) };
  } catch (err) {
    return { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
}

parentPort?.on('message', (requests: WorkerRequest[]) => {
  for (const request of requests) outbox.push(analyze(request));
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
});
