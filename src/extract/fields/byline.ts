/**
 * Reading the labelled fields of one meta line: "发布时间:2022-02-27 10:05 来源:山西日报 浏览:5595",
 * "来源：新华社 作者：张三 责任编辑：李四", "(责任编辑：杨倩_NF4425)". A value runs from its label to
 * the next label, then is cut at separators and cleaned of brackets and tool-bar words.
 */
import { AUTHOR_SLASH_RE, DATE_TIME_RE, FONT_SWITCH_RE, META_LABEL_RE, type MetaLabelKind } from '../cues.js';

export interface LabelledField {
  kind: MetaLabelKind;
  /** The raw text after the label, up to the next label. */
  raw: string;
}

/** Whether the label stands alone on its kind: "文" only counts with a colon right after it. */
export function labelledFields(line: string): LabelledField[] {
  const fields: LabelledField[] = [];
  const matches = [...line.matchAll(META_LABEL_RE)];
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    const next = matches[i + 1];
    const start = (m.index ?? 0) + m[0].length;
    const end = next === undefined ? line.length : (next.index ?? line.length);
    const groups = m.groups ?? {};
    const kind = (Object.keys(groups) as MetaLabelKind[]).find((k) => groups[k] !== undefined);
    if (kind === undefined) continue;
    fields.push({ kind, raw: line.slice(start, end) });
  }
  const slash = AUTHOR_SLASH_RE.exec(line);
  if (slash !== null && slash.index <= 2 && fields.length === 0) {
    fields.push({ kind: 'author', raw: line.slice(slash.index + slash[0].length) });
  }
  return fields;
}

/** Words that end a value: tool-bar items and other labels' tails that have no colon. */
const VALUE_STOP_RE =
  /(?:[|｜【[]?\s*(?:字[体號号]|打印|关闭|關閉|收藏|分享|评论|評論|点击|浏览|阅读|我要|纠错|举报|复制链接|扫一扫|手机看|大\s*中\s*小)|\s[|｜]|[|｜]\s|&nbsp;)/;
const BRACKETS_RE = /^[\s[【(（〔「『<《"“]+|[\s\]】)）〕」』>》"”]+$/g;
const TRAILING_PUNCT_RE = /[\s,，;；:：。.、|｜\-–—_/\\]+$/;
const LEADING_PUNCT_RE = /^[\s,，;；:：。.、|｜\-–—_/\\]+/;
/** Editor ids some CMSes append: "杨倩_NF4425" (NetEase). */
const EDITOR_ID_SUFFIX_RE = /_[A-Za-z]{1,4}\d{2,}$/;
const DIGITS_RE = /^\d[\d,]*$/;
const PLACEHOLDER_RE = /^(?:未知|不详|佚名|暂无|无|admin|null|undefined|-+|本站|管理员|网络|互联网)$/i;

const MAX_VALUE_CHARS: Record<'source' | 'author' | 'editor', number> = { source: 30, author: 40, editor: 30 };

function cutAtStops(raw: string): string {
  let value = raw;
  const stop = VALUE_STOP_RE.exec(value);
  if (stop !== null) value = value.slice(0, stop.index);
  const fontSwitch = FONT_SWITCH_RE.exec(value);
  if (fontSwitch !== null) value = value.slice(0, fontSwitch.index);
  const date = DATE_TIME_RE.exec(value);
  if (date !== null && date.index > 0) value = value.slice(0, date.index);
  return value;
}

function tidy(value: string): string {
  let out = value.trim();
  for (let i = 0; i < 3; i++) {
    const before = out;
    out = out.replace(BRACKETS_RE, '').replace(TRAILING_PUNCT_RE, '').replace(LEADING_PUNCT_RE, '').trim();
    if (out === before) break;
  }
  return out;
}

/** The outlet after 来源: one token ("人民网-文化频道"), brackets and trailing tool words removed. */
export function cleanSource(raw: string): string | null {
  let value = tidy(cutAtStops(raw));
  // An outlet has no inner spaces; what follows a space is the next, unlabelled item.
  const space = value.search(/\s/);
  if (space > 0) value = value.slice(0, space);
  value = tidy(value);
  if (value.length < 2 || value.length > MAX_VALUE_CHARS.source || DIGITS_RE.test(value)) return null;
  if (PLACEHOLDER_RE.test(value)) return null;
  return value;
}

/** Names after 作者/记者: several names may be separated by spaces, 、 or commas. */
export function cleanPerson(raw: string, kind: 'author' | 'editor'): string | null {
  let value = tidy(cutAtStops(raw));
  if (kind === 'editor') value = value.replace(EDITOR_ID_SUFFIX_RE, '');
  value = tidy(value);
  if (value.length < 2 && !/^[\u4e00-\u9fff]$/.test(value)) return null;
  if (value.length === 0 || value.length > MAX_VALUE_CHARS[kind] || DIGITS_RE.test(value)) return null;
  if (PLACEHOLDER_RE.test(value)) return null;
  return value;
}

/** The integer after 浏览/点击, when the page prints one ("5595", "1,164"). */
export function cleanViews(raw: string): number | null {
  const m = /^[\s[【(（]*(\d[\d,]{0,12})(?![\d.]|\s*万)/.exec(raw);
  if (m === null) return null;
  const n = Number(m[1]!.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}
