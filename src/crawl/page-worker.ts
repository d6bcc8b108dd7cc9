/**
 * Worker-thread entry: runs analyzePage() for the crawl's main thread (see worker-pool.ts).
 * Profiles arrive once per message; they are small JSON objects.
 */
import { parentPort } from 'node:worker_threads';
import { type AnalyzeInput, analyzePage } from './analyze.js';

interface Request {
  id: number;
  input: AnalyzeInput;
}

parentPort?.on('message', (message: Request) => {
  try {
    parentPort?.postMessage({ id: message.id, result: analyzePage(message.input) });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    parentPort?.postMessage({ id: message.id, error });
  }
});
