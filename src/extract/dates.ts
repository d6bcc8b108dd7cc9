/**
 * Dates as Chinese portals print them, read in the site's time zone and written as ISO 8601.
 *
 * Formats: "2022-02-27 10:05", "2022年2月27日 10:05", "2022/2/27", "2022.02.27", with or without
 * seconds, "2月27日 10:05" / "02-27 10:05" (year taken from `now`), machine values from meta tags and
 * JSON-LD ("2019-09-07T13:43:45+08:00", "...Z"), and relative ones ("3小时前", "昨天 10:05", "刚刚")
 * resolved against `now`. A date after `now` is never an article's publication date: it is dropped.
 *
 * Zone offsets come from Intl.DateTimeFormat, so DST zones (Europe/Berlin, America/New_York) get the
 * offset that applied on that day, not today's.
 */

export interface DateContext {
  now: Date;
  /** IANA zone for local times printed without an offset. */
  timeZone: string;
}

export interface FoundDate {
  /** "2022-02-27T10:05:00+08:00", or "2022-02-27" when the page gives no time. */
  iso: string;
  hasTime: boolean;
  /** Milliseconds since the epoch (a date only counts as its local midnight). */
  epochMs: number;
  /** Where the date starts in the scanned text, and how long its text is. */
  index: number;
  length: number;
  /** Relative dates ("3小时前") are weaker evidence than printed ones. */
  relative: boolean;
  /** The year was not printed and was inferred from `now`. */
  yearInferred: boolean;
  /** The page printed the time with its zone ("6:31 AM UTC"): the offset is the page's, not the site's. */
  zoned?: boolean;
  /** A machine date's own offset ("…T13:12:05Z", "…-05:00"), in minutes east of UTC. */
  ownOffset?: number;
}

/** A page clock may run a little ahead of ours; later than this after `now` is a future date. */
const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;
const EARLIEST_YEAR = 1990;

/**
 * A weekday printed between date and time ("星期三", "周三", "礼拜三", "(星期三)"); only read when a
 * time follows, so a bare weekday never lengthens a date.
 */
const WEEKDAY_PART =
  '(?:[\\s\\u00a0\\u3000,，]*[(（]?[\\s\\u00a0]*(?:星期|周|週|礼拜|禮拜)[一二三四五六日天][\\s\\u00a0]*[)）]?)?';

/** The time after a Chinese-form date; Singapore and Malaysia print it on a 12-hour clock ("2024年5月20日 3:50 PM"). */
const TIME_PART =
  `(?:${WEEKDAY_PART}[\\sT\\u00a0\\u3000,，]*(?:北京时间|格林尼治标准时间|格林威治时间|GMT|UTC)?[\\s\\u00a0]*(?<ampm>上午|下午|早上|晚上|凌晨|中午)?[\\s\\u00a0]*(?<hour>\\d{1,2})[\\s\\u00a0]*[:：时時][\\s\\u00a0]*(?<minute>\\d{1,2})(?:[\\s\\u00a0]*[:：分][\\s\\u00a0]*(?<second>\\d{1,2})(?![\\d]))?(?![\\d])(?:[\\s\\u00a0]*(?<meridiem>[AaPp]\\.?[Mm]\\.?)(?![A-Za-z]))?)?`;

/**
 * A zone printed after an English clock time ("6:31 AM UTC", "14:30 JST", "9:30 PM EDT", "GMT+8"):
 * the time is that zone's, not the site's. Fixed offsets in minutes, or the IANA zone of a
 * DST-agnostic name ("ET"). "CST" (China or US Central) and "IST" (India, Ireland, Israel) are left out.
 */
const ZONE_OFFSETS: Readonly<Record<string, number | string>> = {
  UTC: 0, GMT: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKDT: -480, HST: -600,
  ET: 'America/New_York', CT: 'America/Chicago', MT: 'America/Denver', PT: 'America/Los_Angeles',
  JST: 540, KST: 540, HKT: 480, SGT: 480, MYT: 480, PHT: 480, AWST: 480, WIB: 420, ICT: 420,
  AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};
const ZONE_NAMES = Object.keys(ZONE_OFFSETS).sort((a, b) => b.length - a.length).join('|');
/** The zone after a clock: a name in capitals, maybe with an offset ("GMT+8", "UTC+08:00"), maybe in brackets. */
const ZONE_PART = (prefix: string): string =>
  `(?:[\\s\\u00a0]*\\(?(?<${prefix}_zone>${ZONE_NAMES})(?<${prefix}_zoff>[+-]\\d{1,2}(?::?\\d{2})?)?\\)?(?![A-Za-z]))?`;
/**
 * A clock time after a numeric or English date: "9:23:57 PM", "- 13:48", "10:56 am", "at 9:30 PM EDT",
 * British "07.00 BST" (a dot only before a zone or am/pm). After "at" or with a dot the time counts
 * only with its zone: "at 9:45 am" alone is often the reader's clock, not the site's.
 */
const CLOCK_PART = (prefix: string): string =>
  `(?:[\\s\\u00a0,]*(?:-|(?<${prefix}_at>at)(?=[\\s\\u00a0]))?[\\s\\u00a0]*(?<${prefix}_hour>\\d{1,2})(?::|(?<${prefix}_dot>\\.)(?=\\d{2}[\\s\\u00a0]*(?:[AaPp]\\.?[Mm]|${ZONE_NAMES})(?![A-Za-z])))(?<${prefix}_minute>\\d{2})(?::(?<${prefix}_second>\\d{2}))?(?:[\\s\\u00a0]*(?<${prefix}_ampm>[AaPp]\\.?[Mm]\\.?)(?![A-Za-z]))?${ZONE_PART(prefix)})?`;
const EN_MONTHS =
  'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const EN_MONTH_INDEX: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/**
 * One scanner for all printed forms, compiled once. Alternatives, in order: full date, month-day
 * with a time or with 月/日, relative words. Look-arounds keep it from reading digits out of longer
 * numbers (phone numbers, ids in URLs).
 */
const DATE_SCAN_RE = new RegExp(
  [
    `(?<![\\d])(?<year>(?:19|20)\\d{2})[\\s\\u00a0]*(?<sep>[-/.年])[\\s\\u00a0]*(?<month>\\d{1,2})[\\s\\u00a0]*[-/.月][\\s\\u00a0]*(?<day>\\d{1,2})(?![\\d])(?:[\\s\\u00a0]*[日号])?${TIME_PART}`,
    `(?<![\\d\\-/.:])(?<md_month>\\d{1,2})[\\s\\u00a0]*月[\\s\\u00a0]*(?<md_day>\\d{1,2})[\\s\\u00a0]*[日号]${TIME_PART.replace(/\?<(\w+)>/g, '?<md_$1>')}`,
    `(?<![\\d\\-/.:])(?<dm_month>\\d{1,2})[-/](?<dm_day>\\d{1,2})[\\s\\u00a0]+(?<dm_hour>\\d{1,2}):(?<dm_minute>\\d{2})(?::(?<dm_second>\\d{2}))?(?![\\d])`,
    // Date badges split over blocks or spans, joined by the caller: "2019" + "09/07" + "19:02"
    // (spans may leave a space by the slash: "2022 02/ 27 10:05:33").
    `(?<![\\d])(?<ys_year>(?:19|20)\\d{2})[\\s\\u00a0]+(?<ys_month>\\d{1,2})[\\s\\u00a0]*/[\\s\\u00a0]*(?<ys_day>\\d{1,2})(?![\\d/])${CLOCK_PART('ys')}`,
    `(?<![\\d/])(?<n_a>\\d{1,2})/(?<n_b>\\d{1,2})/(?<n_year>(?:19|20)\\d{2})(?![\\d/])${CLOCK_PART('n')}`,
    `(?<![\\d])(?<ed_day>\\d{1,2})(?:st|nd|rd|th)?[\\s\\u00a0]+(?<ed_month>${EN_MONTHS})\\.?,?[\\s\\u00a0]+(?<ed_year>(?:19|20)\\d{2})(?![\\d])${CLOCK_PART('ed')}`,
    `(?<![A-Za-z])(?<en_month>${EN_MONTHS})\\.?[\\s\\u00a0]+(?<en_day>\\d{1,2})(?:st|nd|rd|th)?,?[\\s\\u00a0]+(?<en_year>(?:19|20)\\d{2})(?![\\d])${CLOCK_PART('en')}`,
    '(?<rel_n>\\d{1,3})[\\s\\u00a0]*(?<rel_unit>秒|分钟|分鐘|小时|小時|天|周|週|个月|個月)前',
    '(?<rel_word>刚刚|剛剛|今天|昨天|前天)(?:[\\s\\u00a0]*(?<rel_hour>\\d{1,2})[:：](?<rel_minute>\\d{2}))?',
  ].join('|'),
  'gi',
);

/** Machine form: "2019-09-07T13:43:45+08:00", "2019-09-07 13:43:45Z", "2019-09-07T13:43:45.000+0800". */
const ISO_RE =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$/i;

const RELATIVE_UNIT_MS: Record<string, number> = {
  秒: 1000,
  分钟: 60_000,
  分鐘: 60_000,
  小时: 3_600_000,
  小時: 3_600_000,
  天: 86_400_000,
  周: 7 * 86_400_000,
  週: 7 * 86_400_000,
  个月: 30 * 86_400_000,
  個月: 30 * 86_400_000,
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Wall-clock time in `timeZone` at an instant. */
export function localParts(epochMs: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of `timeZone` from UTC at an instant, in minutes (+480 for Asia/Shanghai). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  // Offsets change at most on quarter hours: cache per zone and quarter hour (formatToParts is slow).
  const key = `${timeZone}|${Math.floor(epochMs / OFFSET_CACHE_BUCKET_MS)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const p = localParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offset = Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
  if (offsetCache.size >= MAX_OFFSET_CACHE) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

const OFFSET_CACHE_BUCKET_MS = 15 * 60 * 1000;
const MAX_OFFSET_CACHE = 10_000;
const offsetCache = new Map<string, number>();

/** The instant a wall-clock time in `timeZone` denotes (the earlier one in a DST overlap). */
export function zonedToEpoch(p: LocalParts, timeZone: string): number {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const first = asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60_000;
  const second = asUtc - zoneOffsetMinutes(first, timeZone) * 60_000;
  return Math.min(first, second);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** ISO 8601 of an instant as local time in `timeZone`, with that zone's offset. */
export function formatInZone(epochMs: number, timeZone: string): string {
  const offset = zoneOffsetMinutes(epochMs, timeZone);
  const shifted = new Date(epochMs + offset * 60_000);
  const p = {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}${formatOffset(offset)}`;
}

function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function adjustHour(hour: number, ampm: string | undefined): number {
  if (ampm === undefined) return hour;
  const latin = ampm.replace(/\./g, '').toLowerCase();
  if (latin === 'pm') return hour < 12 ? hour + 12 : hour;
  if (latin === 'am') return hour === 12 ? 0 : hour;
  if ((ampm === '下午' || ampm === '晚上') && hour < 12) return hour + 12;
  if (ampm === '中午' && hour < 11) return hour + 12;
  return hour;
}

/** A local date (and maybe time) made into a FoundDate, or null when invalid or in the future. */
function build(
  date: { year: number; month: number; day: number },
  time: { hour: number; minute: number; second: number } | null,
  ctx: DateContext,
  where: { index: number; length: number; relative: boolean; yearInferred: boolean },
  zone: number | string | null = null,
): FoundDate | null {
  if (date.year < EARLIEST_YEAR || !isValidDay(date.year, date.month, date.day)) return null;
  // "25:61" is not a clock time; the date in front of it still is a date.
  const clock = time !== null && time.hour <= 23 && time.minute <= 59 && time.second <= 59 ? time : null;
  const wall = { ...date, ...(clock ?? { hour: 0, minute: 0, second: 0 }) };
  // A time printed with its zone is that zone's wall time, written with that zone's offset; the
  // site's zone still holds for every other date on the page.
  const shown = clock === null ? null : zone;
  const epochMs =
    typeof shown === 'number'
      ? Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - shown * 60_000
      : zonedToEpoch(wall, shown ?? ctx.timeZone);
  if (epochMs > ctx.now.getTime() + FUTURE_TOLERANCE_MS) return null;
  const iso =
    clock === null
      ? `${date.year}-${pad2(date.month)}-${pad2(date.day)}`
      : typeof shown === 'number'
        ? formatWithOffset(epochMs, shown)
        : formatInZone(epochMs, shown ?? ctx.timeZone);
  return { iso, hasTime: clock !== null, epochMs, ...where, ...(shown === null ? {} : { zoned: true }) };
}

/** ISO 8601 of an instant at a fixed offset (minutes east of UTC). */
export function formatWithOffset(epochMs: number, offset: number): string {
  const d = new Date(epochMs + offset * 60_000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${formatOffset(offset)}`;
}

/** The zone a clock printed after it: minutes east of UTC, an IANA name, or null when none. */
function printedZone(name: string | undefined, extra: string | undefined): number | string | null {
  // The scan ignores case; zone names are capitals ("west", "et" in lower case are words).
  if (name === undefined || name !== name.toUpperCase()) return null;
  const base = ZONE_OFFSETS[name];
  if (base === undefined) return null;
  if (extra === undefined) return base;
  if (typeof base !== 'number') return null;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(extra);
  if (m === null) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return minutes > 14 * 60 ? null : base + (m[1] === '-' ? -minutes : minutes);
}

/** Year for a printed month-day: this year, or last year when that would be in the future. */
function inferYear(month: number, day: number, ctx: DateContext): number {
  const today = localParts(ctx.now.getTime(), ctx.timeZone);
  const later = month > today.month || (month === today.month && day > today.day);
  return later ? today.year - 1 : today.year;
}

function fromMatch(m: RegExpExecArray, ctx: DateContext): FoundDate | null {
  const g = m.groups ?? {};
  const where = { index: m.index, length: m[0].length, relative: false, yearInferred: false };
  const time = (hour?: string, minute?: string, second?: string, ampm?: string) =>
    hour === undefined || minute === undefined
      ? null
      : { hour: adjustHour(Number(hour), ampm), minute: Number(minute), second: second === undefined ? 0 : Number(second) };
  /** The clock of CLOCK_PART(pre) and its printed zone; "at 9:45" or "9.45 am" without a zone is no time. */
  const zonedClock = (pre: string): { clock: ReturnType<typeof time>; zone: number | string | null } => {
    const zone = printedZone(g[`${pre}_zone`], g[`${pre}_zoff`]);
    const loose = g[`${pre}_at`] !== undefined || g[`${pre}_dot`] !== undefined;
    const clock = loose && zone === null ? null : time(g[`${pre}_hour`], g[`${pre}_minute`], g[`${pre}_second`], g[`${pre}_ampm`]);
    return { clock, zone };
  };

  if (g.year !== undefined) {
    const date = { year: Number(g.year), month: Number(g.month), day: Number(g.day) };
    return build(date, time(g.hour, g.minute, g.second, g.ampm ?? g.meridiem), ctx, where);
  }
  if (g.ys_year !== undefined) {
    const date = { year: Number(g.ys_year), month: Number(g.ys_month), day: Number(g.ys_day) };
    const c = zonedClock('ys');
    return build(date, c.clock, ctx, where, c.zone);
  }
  if (g.n_year !== undefined) {
    // "7/5/2005 9:23:57 PM" is American (month first, with AM/PM); "06/02/2022 - 13:48" is European.
    const a = Number(g.n_a);
    const b = Number(g.n_b);
    const monthFirst = a > 12 ? false : b > 12 ? true : g.n_ampm !== undefined;
    const date = { year: Number(g.n_year), month: monthFirst ? a : b, day: monthFirst ? b : a };
    const c = zonedClock('n');
    return build(date, c.clock, ctx, where, c.zone);
  }
  if (g.ed_month !== undefined) {
    const date = { year: Number(g.ed_year), month: EN_MONTH_INDEX[g.ed_month.slice(0, 3).toLowerCase()] ?? 0, day: Number(g.ed_day) };
    const c = zonedClock('ed');
    return build(date, c.clock, ctx, where, c.zone);
  }
  if (g.en_month !== undefined) {
    const date = { year: Number(g.en_year), month: EN_MONTH_INDEX[g.en_month.slice(0, 3).toLowerCase()] ?? 0, day: Number(g.en_day) };
    const c = zonedClock('en');
    return build(date, c.clock, ctx, where, c.zone);
  }
  if (g.md_month !== undefined) {
    const month = Number(g.md_month);
    const day = Number(g.md_day);
    const date = { year: inferYear(month, day, ctx), month, day };
    return build(date, time(g.md_hour, g.md_minute, g.md_second, g.md_ampm ?? g.md_meridiem), ctx, { ...where, yearInferred: true });
  }
  if (g.dm_month !== undefined) {
    const month = Number(g.dm_month);
    const day = Number(g.dm_day);
    const date = { year: inferYear(month, day, ctx), month, day };
    return build(date, time(g.dm_hour, g.dm_minute, g.dm_second), ctx, { ...where, yearInferred: true });
  }
  const now = ctx.now.getTime();
  if (g.rel_unit !== undefined) {
    const epochMs = now - Number(g.rel_n) * (RELATIVE_UNIT_MS[g.rel_unit] ?? 0);
    return { iso: formatInZone(epochMs, ctx.timeZone), hasTime: true, epochMs, ...where, relative: true };
  }
  if (g.rel_word !== undefined) {
    if (g.rel_word === '刚刚' || g.rel_word === '剛剛') {
      return { iso: formatInZone(now, ctx.timeZone), hasTime: true, epochMs: now, ...where, relative: true };
    }
    const daysBack = g.rel_word === '昨天' ? 1 : g.rel_word === '前天' ? 2 : 0;
    if (g.rel_hour === undefined && daysBack === 0) return null;
    const today = localParts(now, ctx.timeZone);
    const noon = zonedToEpoch({ ...today, hour: 12, minute: 0, second: 0 }, ctx.timeZone) - daysBack * 86_400_000;
    const day = localParts(noon, ctx.timeZone);
    return build(
      { year: day.year, month: day.month, day: day.day },
      time(g.rel_hour, g.rel_minute),
      ctx,
      { ...where, relative: true },
    );
  }
  return null;
}

/** Every date printed in `text`, in order; invalid and future ones left out. */
export function findDates(text: string, ctx: DateContext): FoundDate[] {
  const found: FoundDate[] = [];
  DATE_SCAN_RE.lastIndex = 0;
  for (let m = DATE_SCAN_RE.exec(text); m !== null; m = DATE_SCAN_RE.exec(text)) {
    const date = fromMatch(m, ctx);
    if (date !== null) found.push(date);
  }
  return found;
}

/** The first date printed in `text`. */
export function parseDate(text: string, ctx: DateContext): FoundDate | null {
  return findDates(text, ctx)[0] ?? null;
}

/**
 * A machine date (meta tag, JSON-LD, `<time datetime>`): ISO 8601 with or without offset, else any
 * printed form. An explicit offset is honoured and the result is written in the site's zone.
 */
export function parseMachineDate(value: string, ctx: DateContext): FoundDate | null {
  const m = ISO_RE.exec(value);
  if (m === null) return parseDate(value, ctx);
  const [, y, mo, d, h, mi, s, offset] = m;
  const date = { year: Number(y), month: Number(mo), day: Number(d) };
  const where = { index: 0, length: value.length, relative: false, yearInferred: false };
  if (h === undefined || mi === undefined) return build(date, null, ctx, where);
  const time = { hour: Number(h), minute: Number(mi), second: s === undefined ? 0 : Number(s) };
  if (offset === undefined) return build(date, time, ctx, where);
  if (!isValidDay(date.year, date.month, date.day) || time.hour > 23 || time.minute > 59) return null;
  const offsetMinutes =
    offset.toUpperCase() === 'Z'
      ? 0
      : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
  const epochMs =
    Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute, time.second) - offsetMinutes * 60_000;
  if (date.year < EARLIEST_YEAR || epochMs > ctx.now.getTime() + FUTURE_TOLERANCE_MS) return null;
  return { iso: formatInZone(epochMs, ctx.timeZone), hasTime: true, epochMs, ...where, ownOffset: offsetMinutes };
}
