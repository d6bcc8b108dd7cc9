import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chooseMode, ProgressReporter, summaryLine } from '../../src/cli/progress.js';
import type { CrawlSummary } from '../../src/crawl/crawl.js';

function sink(): { out: Writable & { columns?: number }; text: () => string } {
  let text = '';
  const out = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { out, text: () => text };
}

const SUMMARY: CrawlSummary = {
  runId: 3,
  pagesFetched: 120,
  notModified: 4,
  articlesNew: 90,
  articlesUpdated: 2,
  articlesUnchanged: 0,
  viewsObservations: 92,
  failures: { 'http-404': 2, timeout: 1 },
  failedUrls: 3,
  retriesScheduled: 1,
  elapsedMs: 60_000,
  interrupted: false,
  queuedLeft: 0,
};

describe('crawl progress output', () => {
  it('chooses the mode from the flags and the terminal', () => {
    expect(chooseMode({}, { isTTY: true })).toBe('tty');
    expect(chooseMode({}, { isTTY: false })).toBe('log');
    expect(chooseMode({ quiet: true }, { isTTY: true })).toBe('quiet');
    expect(chooseMode({ jsonLog: true, quiet: true }, { isTTY: true })).toBe('json');
  });

  it('summarises pages, articles, failures by reason, time and rate', () => {
    expect(summaryLine(SUMMARY)).toBe(
      'crawl finished: 120 pages fetched, 90 new articles, 2 updated, 4 not modified, 3 failed (http-404 2, timeout 1), 1m00s, 2.0 pages/s',
    );
    expect(summaryLine({ ...SUMMARY, interrupted: true, queuedLeft: 7 })).toBe(
      'crawl interrupted: 7 pages still queued; run the same command to resume (120 pages fetched, 90 new articles, 2 updated, 4 not modified, 3 failed (http-404 2, timeout 1), 1m00s, 2.0 pages/s)',
    );
    // --max-pages reached: not interrupted, but the rest is still queued.
    expect(summaryLine({ ...SUMMARY, queuedLeft: 7 })).toMatch(
      /^crawl finished: .*; 7 URLs still queued \(run the same command again to continue\)$/,
    );
  });

  it('draws a bar on a terminal and clears it before an error line', async () => {
    const { out, text } = sink();
    const reporter = new ProgressReporter({ mode: 'tty', out });
    reporter.start(() => ({ pagesFetched: 5, articles: 3, failures: 0, inFlight: 2, queued: 9, elapsedMs: 2000 }));
    await new Promise((r) => setTimeout(r, 300));
    reporter.event({ type: 'failure', url: 'http://a.cn/x', reason: 'http-404', message: 'HTTP 404', retryAt: null });
    reporter.finish(SUMMARY);
    expect(text()).toContain('\r\x1b[2K5 pages, 9 queued, 2 in flight, 3 articles, 0 errors, 2.5 pages/s, 2s');
    expect(text()).toContain('\r\x1b[2Knewsharvest: http://a.cn/x: http-404 (HTTP 404)\n');
    expect(text().endsWith(`${summaryLine(SUMMARY)}\n`)).toBe(true);
  });

  it('prints periodic plain lines when not a terminal, nothing but errors and the summary when quiet', async () => {
    const log = sink();
    const reporter = new ProgressReporter({ mode: 'log', out: log.out, logEveryMs: 50 });
    reporter.start(() => ({ pagesFetched: 1, articles: 0, failures: 0, inFlight: 1, queued: 3, elapsedMs: 1000 }));
    await new Promise((r) => setTimeout(r, 130));
    reporter.finish(SUMMARY);
    expect(log.text()).toMatch(/^\d{4}-\d\d-\d\dT\S+ 1 pages, 3 queued/m);
    expect(log.text()).not.toContain('\x1b');

    const quiet = sink();
    const q = new ProgressReporter({ mode: 'quiet', out: quiet.out });
    q.start(() => ({ pagesFetched: 1, articles: 0, failures: 0, inFlight: 1, queued: 3, elapsedMs: 1000 }));
    q.event({ type: 'start', runId: 1, seeds: ['http://a.cn/'], incremental: false, requeued: 0 });
    q.event({ type: 'failure', url: 'http://a.cn/y', reason: 'timeout', message: 'timed out', retryAt: '2026-01-01T00:00:00Z' });
    q.event({ type: 'failure', url: 'http://a.cn/z', reason: 'timeout', message: 'timed out', retryAt: null });
    q.finish(SUMMARY);
    expect(quiet.text().trim().split('\n')).toEqual(['newsharvest: http://a.cn/z: timeout (timed out)', summaryLine(SUMMARY)]);
  });

  it('writes one JSON object per event with --json-log', () => {
    const { out, text } = sink();
    const reporter = new ProgressReporter({ mode: 'json', out });
    reporter.event({ type: 'page', url: 'http://a.cn/1.html', status: 200, kind: 'article', outcome: 'new', links: 12 });
    reporter.finish(SUMMARY);
    const lines = text().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ event: 'page', url: 'http://a.cn/1.html', outcome: 'new' });
    expect(lines[1]).toMatchObject({ event: 'summary', articlesNew: 90, failedUrls: 3 });
  });
});
