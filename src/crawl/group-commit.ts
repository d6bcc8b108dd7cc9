/**
 * Group commit: pages that complete in the same turn of the event loop are written in one
 * transaction instead of one each. A commit (and the full-text index's segment flush that comes
 * with it) costs more than the page's own rows, so this is a large share of the store's time.
 *
 * Each page's writes stay all or nothing (a savepoint inside the group); a page whose writes fail
 * is undone alone and its caller gets the error. Nothing waits for a timer: the group is committed
 * as soon as the I/O callbacks of the current turn have run (setImmediate), so a page is never
 * held back longer than that, and a SIGKILL loses at most the pages in flight.
 */
import type { Store } from '../store/types.js';

/** Enough to amortise the commit; small enough that a group is a few milliseconds of work. */
const MAX_GROUP = 32;

interface PendingWrite {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit {
  private readonly store: Store;
  private pending: PendingWrite[] = [];
  private scheduled = false;

  constructor(store: Store) {
    this.store = store;
  }

  /** Runs `fn`'s writes in the next group; resolves with its result once that group is committed. */
  write<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.length >= MAX_GROUP) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is pending now. */
  flush(): void {
    this.scheduled = false;
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
