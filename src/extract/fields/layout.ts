/**
 * Where the metadata stage looks: the headline is the anchor, the meta line sits in a window of lines
 * after it (DESTOON: the next line; portals: up to a share bar and a breadcrumb later) or just before it.
 * Shared by the field finders in this folder.
 */
import { isBylineLine, MAX_BYLINE_CHARS } from '../cues.js';
import type { LabelledField } from './byline.js';
import { labelledFields } from './byline.js';
import type { Line, PageScan } from './scan.js';

/** One line read for labels, cached per page by the metadata stage. */
export interface ParsedLine {
  index: number;
  line: Line;
  fields: LabelledField[];
  /** Reads as a byline / meta line (cues.ts `isBylineLine`); only computed for lines with fields. */
  byline: boolean;
}

export type LineParser = (index: number) => ParsedLine | null;

/** Lines after the headline where the meta line sits on every CMS template we know (DESTOON: 1–2). */
export const META_WINDOW_AFTER = 15;

/** Lines before the headline that may hold the meta line (date above the headline). */
export const META_WINDOW_BEFORE = 6;

/** A line longer than this is body text, whatever labels it mentions. */
export const MAX_META_LINE_CHARS = MAX_BYLINE_CHARS;

/** An element is "just the meta line" when its text is at most this much longer than the line. */
export const CONSUME_SLACK_CHARS = 12;

/** A date line holds a date and a few words (outlet, reporter); longer is a sentence. */
export const MAX_DATE_LINE_CHARS = 48;

/** A line that is nothing but a byline ("澎湃新闻记者 段彦超 廖艳"). */
export const MAX_REPORTER_LINE_CHARS = 30;

/** The value of an empty label on the next line ("来源于：" / "东区办事处") is short. */
export const MAX_NEXT_LINE_VALUE_CHARS = 30;

/** "()" left behind when a date is cut out of "北京新浪網 (2020-01-21 11:12)". */
export const EMPTY_BRACKETS_RE = /[(（[【]\s*[)）\]】]/g;

/** A line that starts with a full date: a meta line even without labels. */
export const LEADING_DATE_RE = /^\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}/;

/** The value of an empty label, printed on the next visible line. */
export function valueOnNextLine<T>(lines: Line[], index: number, clean: (raw: string) => T | null): T | null {
  for (let i = index + 1; i <= index + 3 && i < lines.length; i++) {
    const next = lines[i]!;
    if (next.comment) continue;
    if (next.text.length > MAX_NEXT_LINE_VALUE_CHARS || labelledFields(next.text).length > 0) return null;
    return clean(next.text);
  }
  return null;
}

/** Where to look when there is no headline element: just above the first line that reads as a meta line. */
export function firstBylineIndex(scan: PageScan): number {
  for (let i = 0; i < scan.lines.length; i++) {
    const line = scan.lines[i]!;
    if (line.comment || line.text.length > MAX_META_LINE_CHARS) continue;
    // The anchor stands for the headline's line, just above the meta line (-1 when that is the first line).
    if (isBylineLine(line.text) || (line.text.length <= MAX_DATE_LINE_CHARS && LEADING_DATE_RE.test(line.text))) return i - 1;
  }
  return 0;
}

/** Line indexes in the order fields are searched: after the headline, just before it, then the rest below. */
export function lineOrder(count: number, anchor: number): number[] {
  const order: number[] = [];
  for (let i = anchor; i < Math.min(count, anchor + META_WINDOW_AFTER + 1); i++) order.push(i);
  for (let i = anchor - 1; i >= Math.max(0, anchor - META_WINDOW_BEFORE); i--) order.push(i);
  for (let i = anchor + META_WINDOW_AFTER + 1; i < count; i++) order.push(i);
  return order;
}
