// A page worker for the pool's recovery tests: it answers like page-worker.js, except that a page
// whose URL says "hang" never returns and one that says "crash" takes the thread down.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (request) => {
  const url = request.input.url;
  if (url.includes('hang')) for (;;);
  if (url.includes('crash')) process.exit(7);
  parentPort?.postMessage({ id: request.id, result: { article: null, links: [], kind: 'other', canonical: null, url } });
});
