/**
 * How a crawl reports while it runs: a one-line progress bar on a terminal, a plain log line
 * every ~10 s when not (cron mails stay short), one JSON object per event with --json-log,
 * only errors with --quiet. Everything goes to stderr; stdout stays free for data.
 */
import type { CrawlEvent, CrawlProgress, CrawlSummary } from '../crawl/crawl.js';

export type ProgressMode = 'tty' | 'log' | 'json' | 'quiet';

export interface ProgressOptions {
  mode: ProgressMode;
  /** Where lines go (process.stderr). */
  out: NodeJS.WritableStream & { columns?: number };
  /** Interval of the plain log lines in ms. @default 10000 */
  logEveryMs?: number;
}

export function chooseMode(opts: { quiet?: boolean; jsonLog?: boolean }, stream: { isTTY?: boolean }): ProgressMode {
  if (opts.jsonLog) return 'json';
  if (opts.quiet) return 'quiet';
  return stream.isTTY ? 'tty' : 'log';
}

function rate(pages: number, ms: number): string {
  return ms > 0 ? (pages / (ms / 1000)).toFixed(1) : '0.0';
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function progressLine(p: CrawlProgress): string {
  return `${p.pagesFetched} pages, ${p.queued} queued, ${p.inFlight} in flight, ${p.articles} articles, ${p.failures} errors, ${rate(p.pagesFetched, p.elapsedMs)} pages/s, ${duration(p.elapsedMs)}`;
}

export function summaryLine(s: CrawlSummary): string {
  const reasons = Object.entries(s.failures)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  const parts = [
    `${s.pagesFetched} pages fetched`,
    `${s.articlesNew} new articles`,
    `${s.articlesUpdated} updated`,
  ];
  if (s.articlesDuplicate > 0) parts.push(`${s.articlesDuplicate} duplicates of stored articles skipped`);
  if (s.notModified > 0) parts.push(`${s.notModified} not modified`);
  parts.push(s.failedUrls > 0 ? `${s.failedUrls} failed (${reasons})` : '0 failed');
  parts.push(`${duration(s.elapsedMs)}, ${rate(s.pagesFetched, s.elapsedMs)} pages/s`);
  if (s.interrupted && s.queuedLeft > 0) {
    return `crawl interrupted: ${s.queuedLeft} pages still queued; run the same command to resume (${parts.join(', ')})`;
  }
  let line = `crawl ${s.interrupted ? 'interrupted' : 'finished'}: ${parts.join(', ')}`;
  if (s.queuedLeft > 0) line += `; ${s.queuedLeft} URLs still queued (run the same command again to continue)`;
  return line;
}

export class ProgressReporter {
  private readonly mode: ProgressMode;
  private readonly out: ProgressOptions['out'];
  private readonly logEveryMs: number;
  private timer: NodeJS.Timeout | null = null;
  private barShown = false;
  private source: (() => CrawlProgress) | null = null;

  constructor(options: ProgressOptions) {
    this.mode = options.mode;
    this.out = options.out;
    this.logEveryMs = options.logEveryMs ?? 10_000;
  }

  /** Starts the periodic bar or log lines, reading numbers from `source`. */
  start(source: () => CrawlProgress): void {
    this.source = source;
    if (this.mode === 'tty') this.timer = setInterval(() => this.drawBar(), 250);
    else if (this.mode === 'log') this.timer = setInterval(() => this.logLine(), this.logEveryMs);
    this.timer?.unref();
  }

  private drawBar(): void {
    if (!this.source) return;
    const width = this.out.columns || 100;
    const line = progressLine(this.source()).slice(0, Math.max(20, width - 1));
    this.out.write(`\r\x1b[2K${line}`);
    this.barShown = true;
  }

  private clearBar(): void {
    if (this.barShown) {
      this.out.write('\r\x1b[2K');
      this.barShown = false;
    }
  }

  private logLine(): void {
    if (!this.source) return;
    this.out.write(`${new Date().toISOString()} ${progressLine(this.source())}\n`);
  }

  event(event: CrawlEvent): void {
    if (this.mode === 'json') {
      this.out.write(`${JSON.stringify({ time: new Date().toISOString(), event: event.type, ...omitType(event) })}\n`);
      return;
    }
    // Final failures are errors a user must see in every mode; retries and skips are routine.
    if (event.type === 'failure' && event.retryAt === null) {
      this.clearBar();
      this.out.write(`newsharvest: ${event.url}: ${event.reason} (${event.message})\n`);
    } else if (event.type === 'warning' && this.mode !== 'quiet') {
      this.clearBar();
      this.out.write(`newsharvest: warning: ${event.message}\n`);
    } else if (event.type === 'start' && this.mode !== 'quiet') {
      this.clearBar();
      const how = event.incremental ? 'incremental crawl' : 'crawl';
      const resumed = event.requeued > 0 ? ` (resuming: ${event.requeued} interrupted URLs requeued)` : '';
      this.out.write(`${how} of ${event.seeds.join(' ')} started, run ${event.runId}${resumed}\n`);
    }
  }

  /** A line that is not an event (the Ctrl-C notice). */
  note(message: string): void {
    if (this.mode === 'json') {
      this.out.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'note', message })}\n`);
      return;
    }
    this.clearBar();
    this.out.write(`${message}\n`);
  }

  finish(summary: CrawlSummary): void {
    this.stop();
    if (this.mode === 'json') {
      this.out.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'summary', ...summary })}\n`);
      return;
    }
    this.out.write(`${summaryLine(summary)}\n`);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.clearBar();
  }
}

function omitType(event: CrawlEvent): Record<string, unknown> {
  const { type: _type, ...rest } = event;
  return rest;
}
