/**
 * `--since` / `--until` / `--timezone`: what a user types on the command line, turned into the
 * instants the store filters on (inclusive lower bound, exclusive upper bound).
 *
 * Accepted: "2022-02-27", "2022-02-27T10:05", "2022-02-27 10:05", with optional ":SS" and an
 * optional offset ("Z", "+08:00", "+0800"). Without an offset the time is read in `--timezone`
 * (default Asia/Shanghai, the zone of the sites we crawl).
 *
 * `--until` is inclusive at the precision given: `--until 2022-02-27` keeps the whole of that
 * day (up to 23:59:59.999 local), `--until 2022-02-27T10:05` keeps everything in the minute
 * 10:05. Internally that becomes the exclusive bound "start of the next day / minute / second".
 */
import { UsageError } from '../errors.js';
import { zonedToEpoch } from '../extract/dates.js';
import { DEFAULT_TIME_ZONE } from '../types.js';

const INPUT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const EXPECTED = '(expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)';

/** Throws a usage error for a zone name Intl does not know. Returns the canonical name. */
export function parseTimeZone(value: string | undefined): string {
  const zone = value ?? DEFAULT_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new UsageError(`--timezone: unknown time zone "${zone}" (expected an IANA name such as Asia/Shanghai)`);
  }
}

/** The instant of a wall-clock time in a zone (the earlier one when a DST change repeats it). */
export function localToInstantMs(wallClockAsUtcMs: number, timeZone: string): number {
  const wall = new Date(wallClockAsUtcMs);
  return (
    zonedToEpoch(
      {
        year: wall.getUTCFullYear(),
        month: wall.getUTCMonth() + 1,
        day: wall.getUTCDate(),
        hour: wall.getUTCHours(),
        minute: wall.getUTCMinutes(),
        second: wall.getUTCSeconds(),
      },
      timeZone,
    ) + wall.getUTCMilliseconds()
  );
}

type Bound = 'since' | 'until';

/**
 * Turns a `--since`/`--until` value into an ISO instant (UTC, "Z"): the inclusive start for
 * `since`, the exclusive end for `until` (see the file comment).
 */
export function parseDateBound(value: string, bound: Bound, timeZone: string): string {
  const option = `--${bound}`;
  const fail = (): never => {
    throw new UsageError(`${option}: cannot read "${value}" as a date ${EXPECTED}`);
  };
  const match = INPUT.exec(value.trim());
  if (!match) return fail();
  const [, y, mo, d, h, mi, s, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallClock);
  // Date.UTC rolls over (Feb 30 -> Mar 2); a rolled-over value was not a real date.
  if (
    month < 1 ||
    month > 12 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return fail();
  }
  let step: number;
  if (h === undefined) step = 86_400_000;
  else if (s === undefined) step = 60_000;
  else step = 1000;
  let end = wallClock;
  if (bound === 'until') {
    end = h === undefined ? Date.UTC(year, month - 1, day + 1) : wallClock + step;
  }
  let instant: number;
  if (offset === undefined) {
    instant = localToInstantMs(end, timeZone);
  } else {
    instant = end - offsetMs(offset, fail);
  }
  return new Date(instant).toISOString();
}

function offsetMs(offset: string, fail: () => never): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) return fail();
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 14 || minutes > 59) return fail();
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** Both bounds at once, with a check that they leave something to select. */
export function parseDateRange(
  options: { since?: string; until?: string; timezone?: string },
): { since?: string; until?: string; timeZone: string } {
  const timeZone = parseTimeZone(options.timezone);
  const since = options.since === undefined ? undefined : parseDateBound(options.since, 'since', timeZone);
  const until = options.until === undefined ? undefined : parseDateBound(options.until, 'until', timeZone);
  if (since !== undefined && until !== undefined && since >= until) {
    throw new UsageError(`--since ${options.since} is not before --until ${options.until}`);
  }
  return { ...(since !== undefined && { since }), ...(until !== undefined && { until }), timeZone };
}

/** `--site`: a host name, or a URL whose host is meant ("http://www.example.com/news/"). */
export function parseSite(value: string): string {
  const trimmed = value.trim();
  if (trimmed.includes('://')) {
    try {
      return new URL(trimmed).hostname.toLowerCase();
    } catch {
      throw new UsageError(`--site: cannot read "${value}" as a host name or URL`);
    }
  }
  if (trimmed === '' || /[\s/]/.test(trimmed)) {
    throw new UsageError(`--site: cannot read "${value}" as a host name (expected e.g. www.example.com)`);
  }
  return trimmed.toLowerCase();
}

/** The filter flags export and search share. */
export interface FilterFlags {
  site?: string;
  since?: string;
  until?: string;
  timezone?: string;
}

/** Validates the shared filter flags into the store's filter (site, since, until). */
export function readFilter(flags: FilterFlags): { site?: string; since?: string; until?: string } {
  const { since, until } = parseDateRange(flags);
  return {
    ...(flags.site !== undefined && { site: parseSite(flags.site) }),
    ...(since !== undefined && { since }),
    ...(until !== undefined && { until }),
  };
}

/** Adds --site, --since, --until and --timezone to a command, with the help text that explains them. */
export function addFilterOptions<C extends { option(flags: string, description: string): C }>(command: C): C {
  return command
    .option('--site <host>', 'only articles of this site (host name, e.g. www.example.com)')
    .option('--since <date>', 'published at or after (YYYY-MM-DD or YYYY-MM-DDTHH:MM, optional offset)')
    .option('--until <date>', 'published up to and including (a date-only value includes that whole day)')
    .option('--timezone <zone>', `zone of dates given without an offset (default: ${DEFAULT_TIME_ZONE})`);
}
