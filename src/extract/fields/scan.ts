/**
 * One walk over the page tree that gathers everything the metadata fields read: the rendered
 * lines (one per block element, as a browser lays them out), meta tags, JSON-LD, the `<title>`,
 * headline candidates, counter scripts and summary blocks. Every field then works on these
 * arrays instead of walking or querying the tree again.
 */

import { FIELD_LABEL_CELL_RE } from '../cues.js';
import {
  type AnyNode,
  BLOCK_TAGS,
  collapseSpaces,
  collapseSpacesWithoutPrivateUse,
  type Document,
  type Element,
  INVISIBLE_TAGS,
  isComment,
  isTag,
  isText,
} from '../dom.js';

export interface Line {
  text: string;
  /** The innermost block element holding the line's text. */
  el: Element | null;
  /** Read from an HTML comment ("<!-- <span>来源：内蒙古日报</span> -->"): not shown to readers. */
  comment: boolean;
  /** `src` of scripts sitting inside the line (counter scripts in "点击：<script src=…>"). */
  scripts: readonly string[];
}

export interface Marked {
  el: Element;
  /** Index of the first line at or after the element's start. */
  line: number;
  /** Index after the element's last line: `end - line` tells a headline from a container without reading it. */
  end: number;
}

export interface PageScan {
  lines: Line[];
  /** `<meta>` content by lower-cased, trimmed name / property / itemprop / http-equiv (first wins). */
  metas: Map<string, string>;
  jsonLd: string[];
  titleTag: string;
  /** h1–h3 and elements whose class or id says "title". */
  headings: Marked[];
  /** Emphasised short blocks (b, strong, font size, centred cells): headline candidates of table-layout pages. */
  emphasised: Marked[];
  /** Elements whose class or id marks a summary block (introduce, intro, summary…). */
  summaries: Marked[];
  /** Elements whose id marks a view counter (`span#hits`, `#js-article-viewCount`). */
  counters: Marked[];
  /** Numbers printed right after an eye icon (`<i class="fa fa-eye"></i>1665`), with their line. */
  eyeCounts: { count: string; line: number }[];
  /** `<time datetime>` and elements with `itemprop=datePublished`. */
  times: Marked[];
  scripts: { src: string; line: number }[];
  /** Inline scripts (not JSON-LD), head included: read for a publish time only when the page shows none. */
  inlineScripts: Element[];
}

const HEADING_TAGS = new Set(['h1', 'h2', 'h3']);
/** Font-size utility classes of big type ("f24", "fs22", "font18"): headlines of table-layout portals. */
const BIG_FONT_CLASS_RE = /(?:^|\s)(?:f|fs|font|fontsize|font-size|size)[-_]?(?:1[6-9]|[2-4]\d)(?:px)?(?:$|\s)/i;
const INLINE_FIELD_TAGS = new Set(['span', 'small', 'em', 'i', 'label', 'font', 'b', 'strong', 'a', 'time', 'cite']);
const EMPHASIS_TAGS = new Set(['b', 'strong', 'h4', 'center']);
/** Plain alternations first: cheap enough to run on every element's class. */
const TITLE_WORD_RE = /tit|headline|bt/i;
const SUMMARY_WORD_RE = /intro|summ|abstract|digest|zhaiyao|daodu|lead|brief|desc/i;
const TITLE_HINT_RE = /title|headline|biaoti|(?:^|[\s_-])(?:bt|tit|wzbt|nrbt|xwbt)(?:$|[\s_-])/i;
const DIGIT_RE = /\d/;
const TITLE_HINT_EXCLUDE_RE = /sub-?title|site-?title|logo|nav|menu|list|related|recommend|hot|rank|side|foot|head(?:er)?-|column|channel|more/i;
const SUMMARY_HINT_RE = /(?:^|[\s_-])(?:introduce|intro|summary|art_summary|abstract|digest|zhaiyao|daodu|lead|brief|description|article-summary|summ)(?:$|[\s_-])/i;
const COUNTER_HINT_RE =
  /^(?:hits|click|clicks|views|pageview|visits|hits_num)$|view_?(?:count|num)|read_?(?:num|count)|click_?(?:num|count)|hits_?count|pv_?count/i;
/** Eye icons that portals put before the view count (Font Awesome, Glyphicons, icon fonts). */
const EYE_ICON_RE = /(?:^|[\s_-])(?:fa-eye|icon-eye|glyphicon-eye-open|icon-view|icon-views|icon-read|eye)(?:$|[\s_-])/i;
const LEADING_COUNT_RE = /^\s*(\d[\d,]{0,11})(?:\s*(?:次|人))?\s*$/;
/** Cheap pre-test before a comment's text is parsed as a meta line. */
const COMMENT_LABEL_RE = /[来來稿]源|作者|编辑|編輯|发布|時間|时间|日期/;
const TAG_RE = /<[^>]*>/g;
const MAX_INLINE_SCRIPT_CHARS = 300;
const SCRIPT_DATE_RE = /(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?/;
const MAX_LABELLED_RAW_CHARS = 600;
const MAX_COMMENT_CHARS = 400;
const NO_SCRIPTS: readonly string[] = Object.freeze([]);

/** Text of a small cell (a label or a short value), or null when it holds more than `max` characters or blocks. */
function shortCellText(cell: Element, max: number): string | null {
  let text = '';
  const stack: AnyNode[] = [...cell.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) {
      text = node.data + text;
      if (text.length > max * 4) return null;
    } else if (isTag(node)) {
      if (BLOCK_TAGS.has(node.name) && node.name !== 'br') return null;
      for (const child of node.children) stack.push(child);
    }
  }
  const trimmed = collapseSpaces(text);
  return trimmed.length <= max ? trimmed : null;
}

const MAX_LABEL_CELL_CHARS = 8;
const MAX_FIELD_ROW_CELLS = 8;
const MAX_FIELD_TABLE_ROWS = 12;

/**
 * The label cells of a row of label and value cells, or null when it is not one: its cells pair
 * up, each label short and a th or ending in a colon (or a field's label), each value a td.
 * `field` is set when one label is a field's (source, author, editor, date, views).
 */
function pairedRow(tr: Element, labels: Set<Element>): { field: boolean } | null {
  const cells: Element[] = [];
  for (const child of tr.children) {
    if (!isTag(child)) continue;
    if (child.name !== 'td' && child.name !== 'th') return null;
    cells.push(child);
  }
  if (cells.length < 2 || cells.length > MAX_FIELD_ROW_CELLS) return null;
  let field = false;
  for (let i = 0; i + 1 < cells.length; i += 2) {
    const label = cells[i]!;
    if (cells[i + 1]!.name === 'th') return null;
    const text = shortCellText(label, MAX_LABEL_CELL_CHARS);
    if (text === null || text === '' || /\d/.test(text)) return null;
    if (FIELD_LABEL_CELL_RE.test(text)) field = true;
    else if (label.name !== 'th' && !/[:：]$/.test(text)) return null;
    labels.add(label);
  }
  return { field };
}

/**
 * A table of label and value cells (信息公开: "<th>发布机构</th><td>湖州市人民政府办公室</td><th>文号</th>…"),
 * as the set of its label cells: each row is then read as one line, each label followed by a
 * colon, as on a meta line, and the whole table stays a few lines long. Every row must pair up
 * and one label must be a field's; a data table's header row (th cells only) never pairs.
 */
function fieldTableLabels(table: Element): Set<Element> | null {
  const labels = new Set<Element>();
  let field = false;
  let rows = 0;
  const groups = table.children.filter((c): c is Element => isTag(c) && (c.name === 'tbody' || c.name === 'thead'));
  for (const group of [table, ...groups]) {
    for (const row of group.children) {
      if (!isTag(row) || row.name !== 'tr') continue;
      if (++rows > MAX_FIELD_TABLE_ROWS) return null;
      const paired = pairedRow(row, labels);
      if (paired === null) return null;
      field ||= paired.field;
    }
  }
  return field ? labels : null;
}

export function scanPage(doc: Document): PageScan {
  const scan: PageScan = {
    lines: [],
    metas: new Map(),
    jsonLd: [],
    titleTag: '',
    headings: [],
    emphasised: [],
    summaries: [],
    counters: [],
    eyeCounts: [],
    times: [],
    scripts: [],
    inlineScripts: [],
  };
  /**
   * The line being read (concatenated as it comes: an array of pieces emptied at every line break
   * cost its backing store again on every line), and whether any piece, even an empty one, started it.
   */
  let buffer = '';
  let lineStarted = false;
  let bufferEl: Element | null = null;
  let bufferScripts: string[] = [];
  /** The innermost block element around the walk, and the blocks around it. */
  let block: Element | null = null;
  const outerBlocks: (Element | null)[] = [];
  let inHead = false;
  /** Marked elements the walk is inside, innermost last: leaves come in the reverse order of entries. */
  const openMarks: Marked[] = [];
  /** An eye icon was just passed: the next text may be the view count. */
  let afterEye = false;
  /** The field table being read a row a line (see fieldTableLabels), and its label cells. */
  let fieldTable: Element | null = null;
  let fieldLabels: Set<Element> | null = null;

  const flush = (): void => {
    if (!lineStarted && bufferScripts.length === 0) return;
    const raw = buffer;
    // Only short lines are read for labels: long ones keep their private-use characters.
    const text = raw.length <= MAX_LABELLED_RAW_CHARS ? collapseSpacesWithoutPrivateUse(raw) : collapseSpaces(raw);
    if (text.length > 0 || bufferScripts.length > 0) {
      // Each line owns its scripts array; lines without scripts share one frozen empty array.
      scan.lines.push({ text, el: bufferEl, comment: false, scripts: bufferScripts.length > 0 ? bufferScripts : NO_SCRIPTS });
    }
    buffer = '';
    lineStarted = false;
    bufferEl = null;
    if (bufferScripts.length > 0) bufferScripts = [];
  };

  /**
   * One Marked per element even when it is a candidate twice over; made only for the few marked.
   * Only the element being entered is ever marked, so a repeat is the innermost open mark.
   */
  const markOf = (el: Element, line: number): Marked => {
    const open = openMarks.length > 0 ? openMarks[openMarks.length - 1]! : null;
    if (open !== null && open.el === el) return open;
    const marked: Marked = { el, line, end: line };
    openMarks.push(marked);
    return marked;
  };

  /** Reads one node; true when the walk should go into its children. */
  const enter = (node: AnyNode): boolean => {
    if (isText(node)) {
      if (inHead) return false;
      if (!lineStarted) bufferEl = block;
      buffer += node.data;
      lineStarted = true;
      if (afterEye && node.data.trim() !== '') {
        const count = LEADING_COUNT_RE.exec(node.data);
        if (count?.[1] !== undefined) scan.eyeCounts.push({ count: count[1], line: scan.lines.length });
        afterEye = false;
      }
      return false;
    }
    if (isComment(node)) {
      if (inHead) return false;
      const data = node.data;
      if (data.length <= MAX_COMMENT_CHARS && COMMENT_LABEL_RE.test(data)) {
        const text = collapseSpaces(data.replace(TAG_RE, ' '));
        if (text.length > 0) {
          flush();
          scan.lines.push({ text, el: block, comment: true, scripts: NO_SCRIPTS });
        }
      }
      return false;
    }
    if (!isTag(node)) return false;
    const el = node;
    const name = el.name;
    if (name === 'meta') {
      recordMeta(el, scan.metas);
      return false;
    }
    if (name === 'title') {
      if (scan.titleTag === '') scan.titleTag = collapseSpaces(textContent(el));
      return false;
    }
    if (name === 'script') {
      readScript(el);
      return false;
    }
    if (name === 'head') {
      inHead = true;
      return el.children.length > 0 || leave(el);
    }
    if (INVISIBLE_TAGS.has(name)) return false;
    if (name === 'br') {
      flush();
      return false;
    }
    if (name === 'table' && fieldTable === null) {
      fieldLabels = fieldTableLabels(el);
      if (fieldLabels !== null) fieldTable = el;
    }
    // The cells of a field table's row are parts of its line, not lines of their own.
    const isBlock = BLOCK_TAGS.has(name) && !(fieldTable !== null && (name === 'td' || name === 'th'));
    if (isBlock) flush();
    // "<span>来源：太原晚报</span><span>文/ 李娜</span>": a browser shows these glued, but they are two
    // fields; a space between inline siblings keeps the values apart (no headline is read from these lines).
    else if (lineStarted && INLINE_FIELD_TAGS.has(name)) buffer += ' ';
    const line = scan.lines.length;
    const attribs = el.attribs;
    const cls = attribs.class;
    const id = attribs.id;
    // Class and id hints, tested with cheap substring checks first: regexes on every element cost as much as the parse.
    const hint = id === undefined ? (cls ?? '') : cls === undefined ? id : `${cls} ${id}`;
    if (HEADING_TAGS.has(name) || (hint.length > 1 && (isTitleHint(hint) || isBigFontHint(hint)))) {
      scan.headings.push(markOf(el, line));
    } else if (EMPHASIS_TAGS.has(name) || (name === 'font' && attribs.size !== undefined)) {
      scan.emphasised.push(markOf(el, line));
    }
    if (hint.length > 1 && isSummaryHint(hint)) scan.summaries.push(markOf(el, line));
    if (id !== undefined && COUNTER_HINT_RE.test(id)) scan.counters.push(markOf(el, line));
    if (cls !== undefined && EYE_ICON_RE.test(cls)) afterEye = true;
    const itemprop = attribs.itemprop;
    if (name === 'time' || itemprop === 'datePublished' || itemprop === 'pubDate') {
      scan.times.push(markOf(el, line));
    }
    if (el.children.length === 0) return leave(el);
    if (isBlock) {
      outerBlocks.push(block);
      block = el;
    }
    return true;
  };

  /** After an element's children: end its block's line, note where a marked element ends. Always false. */
  const leave = (el: Element): false => {
    if (el.name === 'head') {
      inHead = false;
      return false;
    }
    if (fieldTable !== null && (el.name === 'td' || el.name === 'th')) {
      if (fieldLabels?.has(el) && !/[:：]\s*$/.test(buffer)) buffer += '：';
      else buffer += '  ';
      lineStarted = true;
    } else if (BLOCK_TAGS.has(el.name)) {
      flush();
      if (el === block) block = outerBlocks.pop() ?? null;
    }
    if (el === fieldTable) {
      fieldTable = null;
      fieldLabels = null;
    }
    // (Length first: reading past the end of an empty array is a slow path in V8.)
    if (openMarks.length > 0 && openMarks[openMarks.length - 1]!.el === el) {
      openMarks.pop()!.end = scan.lines.length + (lineStarted ? 1 : 0);
    }
    return false;
  };

  const readScript = (el: Element): void => {
    const src = el.attribs.src;
    if (src !== undefined && src.trim() !== '') {
      scan.scripts.push({ src: src.trim(), line: scan.lines.length });
      if (!inHead) {
        if (!lineStarted && bufferScripts.length === 0) bufferEl = block;
        bufferScripts.push(src.trim());
      }
    } else if ((el.attribs.type ?? '').toLowerCase().includes('ld+json')) {
      scan.jsonLd.push(textContent(el));
    } else {
      scan.inlineScripts.push(el);
      if (inHead) return;
      // `<script>showDate("2020/04/17 01:43:09")</script>` on a meta line: the date the script writes.
      const code = el.children.length === 1 && isText(el.children[0]!) ? el.children[0].data : '';
      const date = code.length <= MAX_INLINE_SCRIPT_CHARS ? SCRIPT_DATE_RE.exec(code) : null;
      if (date !== null) {
        if (!lineStarted) bufferEl = block;
        buffer += ` ${date[0]} `;
        lineStarted = true;
      }
    }
  };

  // Walk by parent/sibling pointers, no recursion and no stack of frames: deep pages cannot overflow,
  // and nothing is allocated per node.
  let node: AnyNode | null = doc.children[0] ?? null;
  while (node !== null) {
    if (enter(node)) {
      node = (node as Element).children[0]!;
      continue;
    }
    while (node !== null && node.next === null) {
      const parent: AnyNode | null = node.parent;
      node = parent === null || parent === doc ? null : parent;
      if (node !== null) leave(node as Element);
    }
    if (node !== null) node = node.next;
  }
  flush();
  return scan;
}

function isTitleHint(hint: string): boolean {
  return TITLE_WORD_RE.test(hint) && TITLE_HINT_RE.test(hint) && !TITLE_HINT_EXCLUDE_RE.test(hint);
}

function isBigFontHint(hint: string): boolean {
  return DIGIT_RE.test(hint) && BIG_FONT_CLASS_RE.test(hint);
}

function isSummaryHint(hint: string): boolean {
  return SUMMARY_WORD_RE.test(hint) && SUMMARY_HINT_RE.test(hint);
}

function recordMeta(el: Element, metas: Map<string, string>): void {
  const content = el.attribs.content;
  if (content === undefined) return;
  for (const key of ['name', 'property', 'itemprop', 'http-equiv']) {
    const name = el.attribs[key];
    if (name === undefined) continue;
    const normalized = name.trim().toLowerCase();
    if (normalized !== '' && !metas.has(normalized)) metas.set(normalized, content.trim());
  }
}

/** Raw text of an element, scripts included (for `<title>` and JSON-LD). */
function textContent(el: Element): string {
  let out = '';
  for (const child of el.children) {
    if (isText(child)) out += child.data;
    else if (isTag(child)) out += textContent(child);
  }
  return out;
}
