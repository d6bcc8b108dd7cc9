/**
 * Per-host politeness: a minimum delay between request STARTS to one host and a cap on
 * parallel requests to it, first come first served; and a cap on requests in flight in total
 * (--concurrency). The cap counts requests, not pages: a page waiting for extraction or for its
 * commit holds no connection, so the crawl keeps more pages in process than it has requests out.
 */

export const DEFAULT_HOST_DELAY_MS = 1000;
export const DEFAULT_PER_HOST = 2;

export interface HostSchedulerOptions {
  /** Minimum time between two request starts to one host. @default 1000 */
  delayMs?: number;
  /** Requests to one host in flight at once. @default 2 */
  perHost?: number;
  /** Requests in flight at once over all hosts. @default no limit */
  concurrency?: number;
}

interface Waiting {
  run: () => void;
}

interface HostState {
  delayMs: number;
  active: number;
  /** When the last request to this host started (performance.now()), -Infinity before any. */
  lastStart: number;
  queue: Waiting[];
  timer: NodeJS.Timeout | null;
}

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) {
    throw new RangeError(`Expected \`${name}\` to be a number from ${min} and up, got \`${value}\` (${typeof value})`);
  }
  return value;
}

/** The politeness key of a URL: its host name, lower case (ports share one server). */
export function hostKey(url: string | URL): string {
  return (typeof url === 'string' ? new URL(url) : url).hostname.toLowerCase();
}

export class HostScheduler {
  readonly #defaultDelayMs: number;
  readonly #perHost: number;
  readonly #concurrency: number;
  readonly #hosts = new Map<string, HostState>();
  #activeTotal = 0;
  /** Hosts with a request ready to start but held back by the total cap, in the order they were held. */
  readonly #heldBack = new Set<HostState>();

  constructor(options: HostSchedulerOptions = {}) {
    this.#defaultDelayMs = checkCount('delayMs', options.delayMs ?? DEFAULT_HOST_DELAY_MS, 0);
    this.#perHost = checkCount('perHost', options.perHost ?? DEFAULT_PER_HOST, 1);
    this.#concurrency =
      options.concurrency === undefined ? Number.POSITIVE_INFINITY : checkCount('concurrency', options.concurrency, 1);
  }

  /** Runs `task` when `host` may take another request; settles as the task does. */
  schedule<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.#state(host);
    return new Promise<T>((resolve, reject) => {
      state.queue.push({
        run: () => {
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => {
              state.active--;
              this.#activeTotal--;
              // Hosts held back by the total cap go first, so that a busy host cannot keep the
              // freed slot for itself for ever.
              for (const held of this.#heldBack) {
                if (this.#activeTotal >= this.#concurrency) break;
                this.#heldBack.delete(held);
                this.#pump(held);
              }
              this.#pump(state);
            });
        },
      });
      this.#pump(state);
    });
  }

  /**
   * Waits for the host's delay without taking a slot, and counts as a request start: for a
   * request made on behalf of one already running (a redirect hop), which must be spaced like
   * any other but cannot wait for a slot its own request holds.
   */
  async pace(host: string): Promise<void> {
    const state = this.#state(host);
    const now = performance.now();
    const start = Math.max(now, state.lastStart + state.delayMs);
    state.lastStart = start;
    if (start > now) await new Promise((resolve) => setTimeout(resolve, Math.ceil(start - now)));
  }

  /**
   * Raises a host's delay (a robots.txt Crawl-delay). Never lowers it below the scheduler's
   * default: a site asking for less does not make us less polite.
   */
  setHostDelay(host: string, ms: number): void {
    checkCount('ms', ms, 0);
    const state = this.#state(host);
    state.delayMs = Math.max(this.#defaultDelayMs, ms);
  }

  hostDelayMs(host: string): number {
    return this.#hosts.get(host.toLowerCase())?.delayMs ?? this.#defaultDelayMs;
  }

  /** Requests waiting for `host` (not yet started). */
  queued(host: string): number {
    return this.#hosts.get(host.toLowerCase())?.queue.length ?? 0;
  }

  /** Requests in flight over all hosts. */
  activeTotal(): number {
    return this.#activeTotal;
  }

  /** Requests to `host` in flight. */
  active(host: string): number {
    return this.#hosts.get(host.toLowerCase())?.active ?? 0;
  }

  #state(host: string): HostState {
    const key = host.toLowerCase();
    let state = this.#hosts.get(key);
    if (state === undefined) {
      state = { delayMs: this.#defaultDelayMs, active: 0, lastStart: Number.NEGATIVE_INFINITY, queue: [], timer: null };
      this.#hosts.set(key, state);
    }
    return state;
  }

  #pump(state: HostState): void {
    if (state.timer !== null) return;
    while (state.queue.length > 0 && state.active < this.#perHost) {
      const wait = state.lastStart + state.delayMs - performance.now();
      if (wait > 0) {
        state.timer = setTimeout(() => {
          state.timer = null;
          this.#pump(state);
        }, Math.ceil(wait));
        return;
      }
      if (this.#activeTotal >= this.#concurrency) {
        this.#heldBack.add(state);
        return;
      }
      const next = state.queue.shift()!;
      state.active++;
      this.#activeTotal++;
      state.lastStart = performance.now();
      next.run();
    }
  }
}
