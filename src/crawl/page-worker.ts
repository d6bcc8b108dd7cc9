/**
 * Worker-thread entry: runs analyzePage() for the crawl's main thread (see worker-pool.ts).
 * Profiles arrive once per message; they are small JSON objects.
 *
 * Replies to the pages that arrived together go back in one message: each message wakes the
 * other thread, which costs more than copying a page's result.
 */
import { parentPort } from 'node:worker_threads';
import { type AnalyzeInput, analyzePage } from './analyze.js';
import type { WorkerReply } from './worker-pool.js';

interface Request {
  id: number;
  input: AnalyzeInput;
}

let outbox: WorkerReply[] = [];
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  const replies = outbox;
  outbox = [];
  if (replies.length > 0) parentPort?.postMessage(replies);
}

parentPort?.on('message', (message: Request) => {
  try {
    outbox.push({ id: message.id, result: analyzePage(message.input) });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    outbox.push({ id: message.id, error });
  }
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
});
