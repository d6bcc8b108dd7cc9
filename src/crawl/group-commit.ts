/**
 * Group commit: pages that complete within a few milliseconds of each other are written in one
 * transaction instead of one each. A commit (and the full-text index's segment flush that comes
 * with it) costs more than the page's own rows, so this is a large share of the store's time.
 *
 * Each page's writes stay all or nothing (a savepoint inside the group); a page whose writes fail
 * is undone alone and its caller gets the error. A group is committed when it is full or
 * WINDOW_MS after its first write, whichever comes first: a SIGKILL loses at most the pages of
 * that window, which a resumed crawl fetches again (their frontier rows commit with them).
 *
 * Why a window and not just the current turn of the event loop: pages come back from the page
 * worker one at a time, so a turn held 1.3 pages on average (4,112 commits for 5,254 pages on the
 * 5,000-article bench portal), and a page's rows cost 0.6 ms of main-thread CPU committed alone
 * against 0.44 ms in groups of 16 (store micro-benchmark, the bench portal's pages).
 */
import type { Store } from '../store/types.js';

/**
 * Enough to amortise the commit; small enough that committing a group (0.45 ms a page) does not
 * hold the event loop, and with it the responses of the requests in flight, for long. On the
 * 5,000-article bench portal, three runs each: 32 pages 557–577 pages/s, 8 pages 591–608.
 */
export const MAX_GROUP = 8;
/** Longest a page waits for its group's commit. */
export const WINDOW_MS = 10;

interface PendingWrite {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit {
  private readonly store: Store;
  private readonly windowMs: number;
  private pending: PendingWrite[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(store: Store, windowMs: number = WINDOW_MS) {
    this.store = store;
    this.windowMs = windowMs;
  }

  /** Runs `fn`'s writes in the next group; resolves with its result once that group is committed. */
  write<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.length >= MAX_GROUP) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  /** Commits what is pending now. */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    if (group.length === 1) {
      const only = group[0]!;
      try {
        only.resolve(this.store.batch(only.fn));
      } catch (err) {
        only.reject(err);
      }
      return;
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    try {
      this.store.batch(() => {
        for (const write of group) {
          try {
            outcomes.push({ ok: true, value: this.store.batch(write.fn) });
          } catch (err) {
            outcomes.push({ ok: false, err });
          }
        }
      });
    } catch (err) {
      // The commit itself failed (disk full, I/O error): nothing of the group was stored.
      for (const write of group) write.reject(err);
      return;
    }
    group.forEach((write, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.err);
    });
  }
}
