/**
 * One error policy for the whole tool. Classes are named for what the caller should do,
 * and each carries the exit code the CLI uses when it reaches the top unhandled.
 */

/** Exit codes (README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  partial: 3,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class NewsharvestError extends Error {
  readonly exitCode: ExitCodeValue = ExitCode.failed;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The user asked for something impossible (bad URL, bad date, unknown format): exit 2. */
export class UsageError extends NewsharvestError {
  override readonly exitCode: ExitCodeValue = ExitCode.usage;
}

/** A run-time failure the user must fix (unwritable path, not a database, disk full): exit 1. */
export class FatalError extends NewsharvestError {}

/** A site profile file that does not validate. */
export class ProfileError extends UsageError {}

/**
 * A fetch failed. `retryable` tells the scheduler whether another attempt may succeed
 * (network errors, 408, 429, 5xx) or never will (404, 410, bad scheme, too large).
 */
export class FetchError extends NewsharvestError {
  readonly retryable: boolean;
  /** Short machine-readable reason stored in the frontier ("http-404", "timeout", "too-large", ...). */
  readonly reason: string;
  readonly status: number | null;
  /** Milliseconds the server asked us to wait (Retry-After), when it did. */
  readonly retryAfterMs: number | null;
  constructor(
    message: string,
    opts: { reason: string; retryable: boolean; status?: number | null; retryAfterMs?: number | null; cause?: unknown },
  ) {
    super(message, { cause: opts.cause });
    this.reason = opts.reason;
    this.retryable = opts.retryable;
    this.status = opts.status ?? null;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
