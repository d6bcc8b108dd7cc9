/**
 * Reading the labelled fields of one meta line: "发布时间:2022-02-27 10:05 来源:山西日报 浏览:5595",
 * "来源：新华社 作者：张三 责任编辑：李四", "(责任编辑：杨倩_NF4425)". A value runs from its label to
 * the next label, then is cut at separators and cleaned of brackets and tool-bar words.
 */
import { execAll } from '../../regex.js';
import { DATE_TIME_RE, FONT_SWITCH_RE, META_LABEL_RE, type MetaLabelKind, SLASH_LABEL_RE } from '../cues.js';

/**
 * Labels printed without a colon ("| 来源CSDN| 作者魏星"): only trusted on a line that already reads as
 * a meta line (a date or a colon label), and only at a field boundary.
 */
const BARE_LABEL_RE = /(?:^|[|｜\s])(来源于|来源|來源|稿源|作者|责任编辑|责编)\s?(?=[^\s:：|｜于自])/g;
const BARE_VALUE_END_RE = /[|｜\s]/;
/** "1164次阅读", "5,874人阅读", "阅读 539", "浏览(120)". */
const VIEWS_BEFORE_RE = /(?:^|[\s|｜])(\d[\d,]{0,11})[\s\u00a0]*(?:次阅读|次浏览|次点击|人阅读|人浏览|次查看|阅读|浏览)(?![\u4e00-\u9fff])/;
/**
 * "已被阅读178次", "浏览 52 次": a counter that says 次 is one wherever it stands; so is a blog footer
 * "阅读全文(736) | 回复(0)" whose count sits in brackets next to the reply count.
 */
export const VIEWS_TIMES_RE = /(?:阅读全文|阅读|浏览|点击)[(（](\d[\d,]{0,11})[)）](?=\s*[|｜]\s*(?:回复|评论|引用))|(?:被|已)?(?:阅读|浏览|点击|查看)(?:次数|量)?[\s\u00a0]*[:：]?[\s\u00a0]*(\d[\d,]{0,11})[\s\u00a0]*次/;
/** Text ending with another counter's label: the number that follows is that counter's ("字数 2,345"). */
const LABELLED_NUMBER_RE = /(?:字数|字數|评论|評論|回复|回覆|点赞|獲讚|获赞|赞|讚|收藏|粉丝|粉絲|关注|喜欢|转发|轉發|分享)[\s\u00a0:：]*$/;
const VIEWS_AFTER_RE = /(?:^|[\s|｜\d])(?:阅读数|浏览数|点击数|阅读量|浏览量|阅读|浏览|点击|人气|瀏覽|閱讀|點擊|點閱數|點閱|点阅)[\s\u00a0]*[(（]?\s?(\d[\d,]{0,11})\s?[)）]?(?:次)?(?:$|[\s|｜])/;

export interface LabelledField {
  kind: MetaLabelKind;
  /** The label as printed ("责任编辑", "编辑"), without the colon. */
  label: string;
  /** The raw text after the label, up to the next label. */
  raw: string;
}

/**
 * The labelled fields of a line, in order: colon labels, else slash labels; colon-less labels and
 * view counts ("1164次阅读") are added when the line already reads as a meta line.
 */
export function labelledFields(line: string): LabelledField[] {
  const fields: LabelledField[] = [];
  // Labels need a colon, slash or bar; counts and colon-less labels need digits. Most lines have neither.
  // (Each regex below is run only on lines that hold what it needs: this runs on every line of a page.)
  const separators = SEPARATOR_RE.test(line);
  const digits = DIGIT_RE.test(line);
  if (!separators && !digits) return fields;
  const matches = separators && COLON_RE.test(line) ? execAll(META_LABEL_RE, line) : [];
  if (separators && SLASH_OR_BAR_RE.test(line)) {
    // Slash forms ("摄影/张艳 编辑/苏芳", "来源：太原晚报 文/ 李娜"), where they do not overlap a colon label.
    for (const m of execAll(SLASH_LABEL_RE, line)) {
      const start = m.index ?? 0;
      const overlaps = matches.some((c) => start < (c.index ?? 0) + c[0].length && (c.index ?? 0) < start + m[0].length);
      if (!overlaps) matches.push(m);
    }
    matches.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  }
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    const next = matches[i + 1];
    const start = (m.index ?? 0) + m[0].length;
    const end = next === undefined ? line.length : (next.index ?? line.length);
    const groups = m.groups ?? {};
    const kind = (Object.keys(groups) as MetaLabelKind[]).find((k) => groups[k] !== undefined);
    if (kind === undefined || (kind as string) === 'photo') continue;
    fields.push({ kind, label: groups[kind] ?? '', raw: line.slice(start, end) });
  }
  if (fields.length > 0 || (digits && DATE_TIME_RE.test(line))) {
    for (const m of execAll(BARE_LABEL_RE, line)) {
      const kind: MetaLabelKind = m[1] === '来源' || m[1] === '来源于' || m[1] === '來源' || m[1] === '稿源' ? 'source' : m[1] === '作者' ? 'author' : 'editor';
      if (fields.some((f) => f.kind === kind)) continue;
      const start = (m.index ?? 0) + m[0].length;
      fields.push({ kind, label: m[1] ?? '', raw: line.slice(start).split(BARE_VALUE_END_RE)[0] ?? '' });
    }
  }
  if (digits && !fields.some((f) => f.kind === 'views')) {
    // "字数 2,345阅读 678": a number before the label that follows a label of its own ("字数") is that
    // item's; the count is the number after 阅读.
    let before = VIEWS_BEFORE_RE.exec(line);
    if (before !== null && LABELLED_NUMBER_RE.test(line.slice(0, before.index + before[0].indexOf(before[1]!)))) before = null;
    const count = before ?? VIEWS_AFTER_RE.exec(line) ?? VIEWS_TIMES_RE.exec(line);
    const raw = count?.[1] ?? count?.[2];
    if (raw !== undefined) fields.push({ kind: 'views', label: '', raw });
  }
  return fields;
}

/**
 * Words that end a value: tool-bar items, other labels' tails that have no colon, and the
 * correspondents credited after the reporters ("记者 李永红 通讯员 牛建军": they are not authors).
 */
const VALUE_STOP_RE =
  /(?:[|｜【[]?\s*(?:字[体號号]|打印|关闭|關閉|收藏|分享|评论(?!员)|評論(?!員)|点击|浏览|阅读|點擊|點閱|瀏覽|閱讀|我要|纠错|举报|复制链接|扫一扫|手机看|大\s*中\s*小)|\s[|｜]|[|｜]\s|&nbsp;|(?<=[\u4e00-\u9fff·])\s+(?:通讯员|实习生))/;
const OPENING_BRACKETS_RE = /^[\s[【(（〔「『<《"“]+/;
const CLOSING_BRACKET_CHAR_RE = /[\s\]】)）〕」』>》"”]/;
/** A bracketed tail the value opened itself ("(广州)"): kept whole by tidy(). */
export const CLOSED_TAIL_RE = /(?<=[^\s(（【[〔])(?:\([^()]*\)|（[^（）]*）)$/;
const TRAILING_PUNCT_CHAR_RE = /[\s,，;；:：。.、|｜\-–—_/\\]/;
const LEADING_PUNCT_RE = /^[\s,，;；:：。.、|｜\-–—_/\\]+/;
/** Editor ids some CMSes append: "杨倩_NF4425" (NetEase). */
const STAFF_ID_SUFFIX_RE = /(?:_|\s+)[A-Za-z]{1,4}\d{2,}$/;
/** "观察者网专栏作者 王文", "南都见习记者 林子沛": the outlet and role before the names. */
const ROLE_PREFIX_RE = /^(?:[^\s:：]{1,12}[\s\u00a0]+)?[^\s:：]{0,12}?(?:见习|实习|特约|专栏|首席)?(?:记者|作者|通讯员|撰稿人)[\s\u00a0]*(?=\S)/;
const DIGITS_RE = /^\d[\d,]*$/;
/** A clock or a duration ("02:31") where an outlet should be. */
const CLOCK_VALUE_RE = /^\d{1,2}:\d{2}(?::\d{2})?$/;
/** A desk phone printed after a credited name: "李敏 021-26093316", "王建（0571-88888888）". */
const PHONE_SUFFIX_RE = /[\s\u00a0(（]*(?:(?:电话|Tel)\s*[:：]?\s*)?(?:0\d{2,3}[-\s]?)?\d{7,8}[)）]?$/i;
const DIGIT_RE = /\d/;
const SEPARATOR_RE = /[:：/／|｜]/;
/** What a colon label (META_LABEL_RE) and a slash or bar label (SLASH_LABEL_RE) cannot do without. */
const COLON_RE = /[:：]/;
const SLASH_OR_BAR_RE = /[/／|｜]/;
/** A question or sentence after "记者：" is an interview, not a name. */
const SENTENCE_PUNCT_RE = /[？?。！!，,：:“”"]/;
/** Template debris printed where a value should be ('size="20"'). */
const MARKUP_RE = /[=<>{}"]/;
/** Values that name nobody: CMS defaults and "compiled from the web". */
const PLACEHOLDER_RE =
  /^(?:未知|不详|佚名|暂无|无|admin|administrator|null|undefined|-+|本站|本网|本站原创|原创|管理员|系统管理员|超级管理员|网络|互联网|网络整理|本站整理|综合|网络转载|转载|转载文章|匿名)$/i;

const MAX_VALUE_CHARS: Record<'source' | 'author' | 'editor', number> = { source: 30, author: 40, editor: 30 };

/** "【编辑:刘欢】 返回搜狐": a value ends at a closing bracket it did not open. */
export function cutAtUnmatchedClose(value: string): string {
  const close = value.search(/[)）】\]〕]/);
  if (close < 0) return value;
  return /[(（【[〔]/.test(value.slice(0, close)) ? value : value.slice(0, close);
}

function cutAtStops(raw: string): string {
  let value = cutAtUnmatchedClose(raw);
  const stop = VALUE_STOP_RE.exec(value);
  if (stop !== null) value = value.slice(0, stop.index);
  const fontSwitch = FONT_SWITCH_RE.exec(value);
  if (fontSwitch !== null) value = value.slice(0, fontSwitch.index);
  const date = DATE_TIME_RE.exec(value);
  if (date !== null && date.index > 0) value = value.slice(0, date.index);
  // A label the tables do not know still ends the value before it: "陳家齊 點閱數：863".
  const unknownLabel = NEXT_LABEL_RE.exec(value);
  if (unknownLabel !== null && unknownLabel.index > 0) value = value.slice(0, unknownLabel.index);
  return value;
}

/** A further label on the line: a space, two to five Han characters and a colon. */
const NEXT_LABEL_RE = /[\s\u00a0\u3000]+[\u4e00-\u9fff]{2,5}[:：]/;

/** `text` without its trailing run of characters matching `char` (a one-character class): what `[…]+$` removes, in one pass. */
function trimEndWhere(text: string, char: RegExp): string {
  let end = text.length;
  while (end > 0 && char.test(text.charAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

function tidy(value: string): string {
  let out = value.trim();
  for (let i = 0; i < 3; i++) {
    const before = out;
    // A closing bracket whose opener is inside the value stays: "南方日报(广州)", not "南方日报(广州".
    const closed = CLOSED_TAIL_RE.exec(out)?.[0] ?? '';
    out = out.slice(0, out.length - closed.length);
    out = trimEndWhere(trimEndWhere(out.replace(OPENING_BRACKETS_RE, ''), CLOSING_BRACKET_CHAR_RE), TRAILING_PUNCT_CHAR_RE)
      .replace(LEADING_PUNCT_RE, '')
      .trim() + closed;
    if (out === before) break;
  }
  return out;
}

/** A department of the outlet printed after a space: Han characters only, ending in an office word. */
const OUTLET_UNIT_RE = /^[\u4e00-\u9fff]{1,8}(?:部|处|司|局|厅|办|办公室|室|科|中心|频道|分社|编辑部|记者站)$/;

/** A label left before the outlet when its element is read whole: "本文来源于", "文章来源：", "来自". */
const SOURCE_LABEL_LEAD_RE = /^(?:本文|本稿|文章|稿件|信息)?(?:来源|來源|稿源|出处|出處|来自|來自)(?:于|於|自)?\s*[:：]?\s*/;

/** The outlet after 来源: one token ("人民网-文化频道"), brackets and trailing tool words removed. */
export function cleanSource(raw: string): string | null {
  let value = tidy(cutAtStops(raw)).replace(SOURCE_LABEL_LEAD_RE, '');
  // An English outlet ("Department of Commerce") keeps its words, up to the next "Label:" item.
  const english = /^[A-Za-z][\w.&'’-]*(?:\s+(?![\w.&'’-]+\s*:)[A-Za-z][\w.&'’-]*)*/.exec(value);
  if (english !== null && /\s/.test(english[0])) value = english[0];
  // An outlet has no inner spaces; what follows a space is the next, unlabelled item.
  const space = english !== null && /\s/.test(english[0]) ? -1 : value.search(/\s/);
  // ...unless that item is the outlet's own department ("全国工商联 宣教部", "人民网 浙江频道"): one
  // more Han word, ending as an office does, with nothing after it.
  if (space > 0 && !OUTLET_UNIT_RE.test(value.slice(space).trim())) value = value.slice(0, space);
  value = tidy(value);
  if (value.length < 2 || value.length > MAX_VALUE_CHARS.source || DIGITS_RE.test(value) || CLOCK_VALUE_RE.test(value)) return null;
  if (PLACEHOLDER_RE.test(value) || MARKUP_RE.test(value)) return null;
  return value;
}

/** Names after 作者/记者: several names may be separated by spaces, 、 or commas. */
export function cleanPerson(raw: string, kind: 'author' | 'editor'): string | null {
  let value = tidy(cutAtStops(raw)).replace(STAFF_ID_SUFFIX_RE, '').replace(PHONE_SUFFIX_RE, '');
  value = tidy(value.replace(ROLE_PREFIX_RE, ''));
  if (value.length < 2 && !/^[\u4e00-\u9fff]$/.test(value)) return null;
  if (value.length === 0 || value.length > MAX_VALUE_CHARS[kind] || DIGITS_RE.test(value)) return null;
  if (PLACEHOLDER_RE.test(value) || MARKUP_RE.test(value) || SENTENCE_PUNCT_RE.test(value)) return null;
  return value;
}

/** The integer after 浏览/点击, when the page prints one ("5595", "1,164"). */
export function cleanViews(raw: string): number | null {
  // The number must end there: "57岁小学肄业" after "延伸阅读：" is a headline, "10万+" is not literal.
  const m = /^[\s[【(（]*(\d[\d,]{0,12})(?=$|[\s次人)）\]】|｜,，;；。]|&nbsp;)/.exec(raw);
  if (m === null) return null;
  const n = Number(m[1]!.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}
