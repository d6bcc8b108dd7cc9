/**
 * publishedAt: the page's own date near the headline (labelled first, then an unlabelled date line),
 * made precise by a machine date that agrees with it; machine data alone when the page prints none.
 */
import { isBylineLine, META_LABEL_RE } from '../cues.js';
import { type DateContext, type FoundDate, findDates, formatWithOffset, parseDate, parseMachineDate, zoneOffsetMinutes } from '../dates.js';
import { attr, ownText, textWithin } from '../dom.js';
import { type LineParser, MAX_DATE_LINE_CHARS, MAX_META_LINE_CHARS, META_WINDOW_AFTER, META_WINDOW_BEFORE, valueOnNextLine } from './layout.js';
import type { PageScan } from './scan.js';

const META_LABEL_STICKY_RE = new RegExp(`^(?:${META_LABEL_RE.source})`);

/** "刚刚" and "3小时前" are dates only on a line of their own, not inside a sentence ("刚刚开始起步"). */
const BADGE_PARTS = 3;
const MAX_BADGE_PART_CHARS = 10;
const MAX_RELATIVE_LINE_CHARS = 16;
/** What ends a period before its last day: "5月15日至10月31日", "起…到", "～", "—". */
const RANGE_END_RE = /(?:至|到|～|~|—|－)\s*$/;
/** What sets the items of a self-media meta line apart: "3小时前 · 发布于山西 · 2368阅读". */
const ITEM_SEPARATOR_RE = /[\s·•|｜]/;

/** A date that is an item of its own on a longer line: separators (or the line's ends) on both sides. */
function standsApart(text: string, date: { index: number; length: number }): boolean {
  const end = date.index + date.length;
  const separatedBefore = date.index === 0 || ITEM_SEPARATOR_RE.test(text.charAt(date.index - 1));
  const separatedAfter = end === text.length || ITEM_SEPARATOR_RE.test(text.charAt(end));
  return separatedBefore && separatedAfter;
}

/** A sentence's end: a meta line has none. */
const PROSE_END_RE = /[。！？]/;
/**
 * What follows a date of the last edit rather than of the publication ("已于 2023-06-14 10:23:45 修改").
 * Not 更新: portals print their publication time as "2005-04-05 06:40更新". Not the next item's
 * label ("编辑：…"): that word opens a field of its own.
 */
const MODIFIED_AFTER_RE = /^[\s\u00a0]*(?:修改|编辑|編輯|修訂|修订)(?![\s\u00a0]*(?:[:：/／|｜]|\d))/;

const MACHINE_DATE_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'article:published',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish_date',
  'publish-date',
  'publishtime',
  'publish_time',
  'pubtime',
  'dc.date.issued',
  'dc.date',
  'dcterms.created',
  'og:release_date',
  'og:time',
  'apub:time',
  'sailthru.date',
  'date',
  'firstpublishedtime',
  'datecreated',
  'dateupdate',
  'article:modified_time',
];

const JSON_LD_DATE_RE = /"datePublished"\s*:\s*"([^"]+)"/;
/** Visible characters of a `<time>` element's text read as its date. */
const MAX_TIME_TEXT_CHARS = 200;
/** Labels of a document's own dates (信息公开 tables), not of its publication. */
const DOCUMENT_DATE_LABEL_RE = /^(?:成文|生成|印发|发文|签发)/;

export function findPublishedAt(
  scan: PageScan,
  order: number[],
  parse: LineParser,
  near: (index: number) => boolean,
  anchor: number,
  ctx: DateContext,
  consumedLines: Set<number>,
): string | null {
  let visible: FoundDate | null = null;
  // 1. A labelled date (发布时间：…) near the headline.
  for (const index of order) {
    if (!near(index)) break;
    const p = parse(index);
    if (p === null || p.line.comment) continue;
    // 成文日期 (when the document was signed) gives way to its 发布日期 on the same line.
    const dateFields = p.fields.filter((f) => f.kind === 'date');
    if (dateFields.length > 1) dateFields.sort((a, b) => Number(DOCUMENT_DATE_LABEL_RE.test(a.label)) - Number(DOCUMENT_DATE_LABEL_RE.test(b.label)));
    for (const field of dateFields) {
      const date = parseDate(field.raw, ctx) ?? (field.raw.trim() === '' ? valueOnNextLine(scan.lines, index, (raw) => parseDate(raw, ctx)) : null);
      if (date !== null) {
        visible = date;
        consumedLines.add(index);
        break;
      }
    }
    if (visible !== null) break;
  }
  // 2. Any date on a short line just after the headline (meta lines without labels).
  let visibleLine = -1;
  if (visible === null) {
    let inferred: FoundDate | null = null;
    let modified: FoundDate | null = null;
    for (let i = Math.max(anchor + 1, 0); i <= anchor + META_WINDOW_AFTER && i < scan.lines.length; i++) {
      const line = scan.lines[i]!;
      if (line.comment || line.text.length > MAX_META_LINE_CHARS) continue;
      // A sentence of the article ("改成范围查询，比如 order_time >= '2023-05-01'。") is no meta line.
      if (line.text.length > MAX_DATE_LINE_CHARS && PROSE_END_RE.test(line.text) && !isBylineLine(line.text)) continue;
      const date = findDates(line.text, ctx).find(
        (d) =>
          (!d.relative || line.text.length <= MAX_RELATIVE_LINE_CHARS || standsApart(line.text, d)) &&
          !insideSentence(line.text, d),
      );
      if (date === undefined) continue;
      // "已于 2023-06-14 10:23:45 修改": the last edit; the first publication is printed further on.
      if (MODIFIED_AFTER_RE.test(line.text.slice(date.index + date.length))) {
        modified ??= date;
        continue;
      }
      if (date.yearInferred) {
        if (line.text.length <= MAX_DATE_LINE_CHARS) inferred ??= date;
        continue;
      }
      visible = date;
      visibleLine = i;
      if (isBylineLine(line.text)) consumedLines.add(i);
      break;
    }
    visible ??= inferred ?? modified ?? dateOverShortLines(scan, anchor, ctx);
  }
  // A script's own publish time is read only when the page shows no date, or one without its year.
  const machine = machineDate(scan, ctx) ?? (visible === null || visible.yearInferred ? scriptDate(scan, ctx) : null);
  if (visible !== null) return ownTimeElement(scan, visibleLine, visible, ctx) ?? refine(visible, machine);
  if (machine !== null) return machine.iso;
  // 3. A short line just before the headline, then a labelled date further down.
  for (let i = anchor - 1; i >= Math.max(0, anchor - META_WINDOW_BEFORE); i--) {
    const line = scan.lines[i]!;
    if (line.comment || line.text.length > 60) continue;
    // Not a month and day inside a headline of a list beside it ("晋阳湖畔夜市5月18日开市").
    const date = findDates(line.text, ctx).find((d) => !d.yearInferred && !insideSentence(line.text, d));
    if (date !== undefined) return date.iso;
  }
  for (const index of order) {
    if (near(index)) continue;
    const p = parse(index);
    if (p === null || !p.byline || p.line.comment) continue;
    for (const field of p.fields) {
      if (field.kind !== 'date') continue;
      const date = parseDate(field.raw, ctx);
      if (date !== null) return date.iso;
    }
  }
  // A blog's footer under the post: "posted @ 2023-05-20 10:12 作者 阅读(1234) 评论(3)": a dated
  // line with the view counter is the post's own meta line, wherever it stands.
  for (const index of order) {
    const p = parse(index);
    if (p === null || p.line.comment || p.line.text.length > MAX_DATE_LINE_CHARS * 2) continue;
    if (!p.fields.some((f) => f.kind === 'views')) continue;
    const date = findDates(p.line.text, ctx).find((d) => d.hasTime && !d.yearInferred && !d.relative);
    if (date !== undefined) return date.iso;
  }
  return null;
}

/** A date badge printed over consecutive tiny blocks ("2019" / "09/07" / "19:02"), read as one line. */
function dateOverShortLines(scan: PageScan, anchor: number, ctx: DateContext): FoundDate | null {
  for (let i = Math.max(anchor + 1, 0); i <= anchor + META_WINDOW_AFTER && i + 1 < scan.lines.length; i++) {
    const parts: string[] = [];
    for (let j = i; j < i + BADGE_PARTS && j < scan.lines.length; j++) {
      const text = scan.lines[j]!.text;
      if (scan.lines[j]!.comment || text.length > MAX_BADGE_PART_CHARS) break;
      parts.push(text);
    }
    if (parts.length < 2) continue;
    const date = findDates(parts.join(' '), ctx).find((d) => !d.relative);
    if (date !== undefined) return date;
  }
  return null;
}

/**
 * "（2007年6月29日第十届全国人民代表大会…通过）": a date run into the words of a sentence. On meta lines a
 * date ends at a space, a bracket, a label ("12:11来源：") or the end of the line.
 */
export function insideSentence(text: string, date: FoundDate): boolean {
  const after = text.slice(date.index + date.length);
  // "2024年5月15日至2024年10月31日。": the end of a period, or a date closing a sentence.
  if (RANGE_END_RE.test(text.slice(0, date.index)) || /^\s*[。；;]/.test(after)) return true;
  // "2月26日，农民在田间作业": a month and day without a year, opening a clause (a dateline, a
  // caption), tells when something happened, not when the page was published.
  if (date.yearInferred && !date.hasTime && /^[，,、；;]/.test(after)) return true;
  if (!/^[\u4e00-\u9fff]/.test(after)) return false;
  if (date.hasTime) return false;
  META_LABEL_STICKY_RE.lastIndex = 0;
  return !META_LABEL_STICKY_RE.test(after);
}

/** Widest gap between UTC and a zone's wall clock, in minutes. */
const MAX_ZONE_OFFSET_MIN = 14 * 60;
/** A machine value that is only a day written as midnight UTC says no time. */
const MIDNIGHT_UTC_RE = /T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)\s*$/i;

/**
 * "<time datetime="2024-05-20T13:12:05.000Z">Mon, May 20, 2024, 9:12 AM</time>": the printed wall
 * time is the reader's zone (US Eastern here), not the site's; the element's own attribute says
 * which instant it is. When the two differ by a whole zone offset (quarter hours) other than the
 * site's, the instant is the attribute's and the offset the one the printed wall time implies.
 */
function ownTimeElement(scan: PageScan, lineIndex: number, visible: FoundDate, ctx: DateContext): string | null {
  if (lineIndex < 0 || !visible.hasTime || visible.zoned || visible.yearInferred || visible.relative) return null;
  for (const { el, line } of scan.times) {
    if (line !== lineIndex) continue;
    const value = attr(el, 'datetime');
    if (value == null || !/(?:Z|[+-]\d{2}:?\d{2})\s*$/i.test(value) || MIDNIGHT_UTC_RE.test(value)) continue;
    const machine = parseMachineDate(value, ctx);
    if (machine === null || !machine.hasTime) continue;
    // The printed wall time read as UTC, to the minute.
    const wallAsUtc = Date.parse(`${visible.iso.slice(0, 16)}:00Z`);
    const offset = Math.round((wallAsUtc - Math.floor(machine.epochMs / 60_000) * 60_000) / 60_000);
    if (Number.isNaN(offset) || Math.abs(offset) > MAX_ZONE_OFFSET_MIN || offset % 15 !== 0) continue;
    // The site's own offset: the printed time is the site's, as the rest of the page reads it.
    if (offset === zoneOffsetMinutes(machine.epochMs, ctx.timeZone)) return null;
    return formatWithOffset(machine.epochMs, offset);
  }
  return null;
}

/** The page's printed date, made more precise by a machine date that agrees with it. */
export function refine(visible: FoundDate, machine: FoundDate | null): string {
  if (machine === null || !machine.hasTime) return visible.iso;
  const machineLocal = machine.iso.slice(0, 19);
  // "09-30 22:46" printed without a year: the machine date of the same day and minute knows it.
  if (visible.yearInferred) {
    return machineLocal.slice(5).startsWith(visible.iso.slice(5, visible.hasTime ? 16 : 10)) ? machine.iso : visible.iso;
  }
  if (!visible.hasTime) {
    if (machineLocal.startsWith(visible.iso)) return machine.iso;
    // A printed day with a machine time in the page's own zone ("…T09:53:14-08:00"): the day is that
    // zone's; the site's zone may have passed midnight already.
    if (machine.ownOffset !== undefined) {
      const own = formatWithOffset(machine.epochMs, machine.ownOffset);
      if (own.startsWith(visible.iso)) return own;
    }
    return visible.iso;
  }
  const visibleMinute = visible.iso.slice(0, 16);
  if (machineLocal.startsWith(visibleMinute) && visible.iso.slice(17, 19) === '00') return machine.iso;
  return impliedZone(visible, machine) ?? visible.iso;
}

/**
 * A printed time without its zone and a machine instant with an explicit offset, to the minute the
 * same wall time some whole quarter hours away: the page printed its own zone's time (IndieWire's
 * "4:26 pm" over "…T21:26:50Z"), which is that instant. Zero and the site's offset are left out:
 * a machine time written in local time with a "Z" says nothing of the zone.
 */
function impliedZone(visible: FoundDate, machine: FoundDate): string | null {
  if (visible.zoned || visible.yearInferred || visible.relative || machine.ownOffset === undefined) return null;
  const wallAsUtc = Date.parse(`${visible.iso.slice(0, 16)}:00Z`);
  const offset = Math.round((wallAsUtc - Math.floor(machine.epochMs / 60_000) * 60_000) / 60_000);
  const site = /([+-])(\d{2}):(\d{2})$/.exec(visible.iso);
  const siteOffset = site === null ? null : (site[1] === '-' ? -1 : 1) * (Number(site[2]) * 60 + Number(site[3]));
  if (Number.isNaN(offset) || offset === 0 || offset === siteOffset || Math.abs(offset) > MAX_ZONE_OFFSET_MIN || offset % 15 !== 0) return null;
  return formatWithOffset(machine.epochMs, offset);
}

/**
 * A publish time a page's own script holds for itself, where the page prints the date only by
 * script (WeChat: `var ct = "1715306700"` fills em#publish_time; 百家号: `"publishTime":"2024-05-10 10:05:12"`).
 * Unix seconds only under the names that mean them, and within 2000 and now.
 */
const SCRIPT_PUBLISH_TIME_RE =
  /(?:^|[\s,{;(])["']?(publish_?time|publishTime|pub_?time|pubTime|publish_?date|publishDate|create_?time|createTime|ct)["']?\s*[=:]\s*["']?(\d{10}|(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?)(?:["']|(?=[\s;,}]))/g;
/** Script text read for it: the first scripts of a page, not a framework bundle. */
const MAX_SCRIPT_DATE_CHARS = 200_000;
const EARLIEST_EPOCH_S = 946_684_800;

export function scriptDate(scan: PageScan, ctx: DateContext): FoundDate | null {
  let budget = MAX_SCRIPT_DATE_CHARS;
  for (const el of scan.inlineScripts) {
    const code = ownText(el);
    if (code.length > budget) break;
    budget -= code.length;
    SCRIPT_PUBLISH_TIME_RE.lastIndex = 0;
    for (let m = SCRIPT_PUBLISH_TIME_RE.exec(code); m !== null; m = SCRIPT_PUBLISH_TIME_RE.exec(code)) {
      const value = m[2]!;
      if (/^\d{10}$/.test(value)) {
        const seconds = Number(value);
        if (seconds < EARLIEST_EPOCH_S || seconds * 1000 > ctx.now.getTime()) continue;
        const date = parseMachineDate(new Date(seconds * 1000).toISOString(), ctx);
        if (date !== null) return date;
      } else if (m[1] !== 'ct') {
        const date = parseMachineDate(value, ctx);
        if (date !== null && date.epochMs <= ctx.now.getTime()) return date;
      }
    }
  }
  return null;
}

export function machineDate(scan: PageScan, ctx: DateContext): FoundDate | null {
  for (const key of MACHINE_DATE_KEYS) {
    const value = scan.metas.get(key);
    if (value === undefined) continue;
    const date = parseMachineDate(value, ctx);
    if (date !== null) return date;
  }
  for (const json of scan.jsonLd) {
    const m = JSON_LD_DATE_RE.exec(json);
    if (m?.[1] !== undefined) {
      const date = parseMachineDate(m[1], ctx);
      if (date !== null) return date;
    }
  }
  for (const { el } of scan.times) {
    // (Bounded: nested <time> elements each holding the page's text cost text × depth.)
    const value = attr(el, 'datetime') ?? attr(el, 'content') ?? textWithin(el, MAX_TIME_TEXT_CHARS);
    if (value === null) continue;
    const date = parseMachineDate(value, ctx);
    if (date !== null) return date;
  }
  return null;
}
