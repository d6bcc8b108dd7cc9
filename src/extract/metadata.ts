/**
 * The metadata stage: every Article field except body and images, read from the one page tree.
 *
 * Cascade, per field: a site profile's selectors first; then the generic rules, which anchor on the
 * headline and read the labelled meta lines closest after it ("发布时间… 来源… 作者… 浏览…"), then
 * those just before it, then machine data (meta tags, JSON-LD), then labelled lines further down the
 * page (巴彦淖尔-style "来源：… 编辑：…" after the body, DedeCMS "(责任编辑：…)"), and last the labels
 * that survive only inside HTML comments. The page is walked once (fields/scan.ts).
 */
import { DEFAULT_TIME_ZONE } from '../types.js';
import type { ExtractContext } from './context.js';
import { isBylineLine, MAX_BYLINE_CHARS, META_LABEL_RE, SUMMARY_LABELS } from './cues.js';
import { type DateContext, type FoundDate, findDates, isValidTimeZone, parseDate, parseMachineDate } from './dates.js';
import { attr, type Document, type Element, selectFirst, textOf } from './dom.js';
import { cleanPerson, cleanSource, cleanViews, type LabelledField, labelledFields, VIEWS_TIMES_RE } from './fields/byline.js';
import { type Line, type PageScan, scanPage } from './fields/scan.js';
import { findTitle, stripSiteTail } from './fields/title.js';
import { counterScriptUrl } from './fields/views.js';
import type { ProfileField } from './profiles/schema.js';

export interface Metadata {
  title: string | null;
  publishedAt: string | null;
  source: string | null;
  author: string | null;
  editor: string | null;
  views: number | null;
  viewsUrl: string | null;
  summary: string | null;
  /** The headline element, when found: the body usually starts after it. */
  titleElement: Element | null;
  /**
   * Elements the metadata was read from (byline/info line, summary block, the h1 with the PHPCMS date
   * line...): the body stage leaves these out of the body. Never a big container that also holds the body text.
   */
  consumed: Element[];
}

/** Lines after the headline where the meta line sits on every CMS template we know (DESTOON: 1–2). */
const META_WINDOW_AFTER = 15;
/** Lines before the headline that may hold the meta line (date above the headline). */
const META_WINDOW_BEFORE = 6;
/** A line longer than this is body text, whatever labels it mentions. */
const MAX_META_LINE_CHARS = MAX_BYLINE_CHARS;
/** An element is "just the meta line" when its text is at most this much longer than the line. */
const CONSUME_SLACK_CHARS = 12;
const MIN_SUMMARY_CHARS = 10;
const MAX_NEXT_LINE_VALUE_CHARS = 30;
const META_LABEL_STICKY_RE = new RegExp(`^(?:${META_LABEL_RE.source})`);
/** "刚刚" and "3小时前" are dates only on a line of their own, not inside a sentence ("刚刚开始起步"). */
const MAX_RELATIVE_LINE_CHARS = 16;
const MAX_DATE_LINE_CHARS = 48;
const MAX_REPORTER_LINE_CHARS = 30;
/** A lone outlet name: Han letters, maybe with Latin letters and a joining dot or dash, no digits. */
const OUTLET_TOKEN_RE = /^[\u4e00-\u9fffA-Za-z·-]{2,16}$/;
const NAMES = '[\\u4e00-\\u9fff·]{2,4}(?:[\\s、,，]+[\\u4e00-\\u9fff·]{2,4})*';
const REPORTER = '(?:见习|实习|特约|首席)?(?:记者|記者)';
const REPORTER_LINE_RE = new RegExp(
  `^[□■●◆▲★\\s]*[\\u4e00-\\u9fff\\s]{0,12}?(?:${REPORTER}|专栏作者|特约作者)[\\s:：]*(${NAMES})(?:[\\s]+[\\u4e00-\\u9fff]{2,8}报道)?$`,
);
/** "（姚峰 上海报道）", "(本报记者 张三 北京报道)". */
const REPORTER_CITY_RE = new RegExp(`[（(]\\s*(?:本报)?(?:记者)?\\s*(${NAMES})\\s+[\\u4e00-\\u9fff]{2,6}报道\\s*[）)]`);
const NAME_LINE_WINDOW = 3;
const LEADING_DATE_RE = /^\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}/;
const URL_TOKEN_RE = /(?:https?:\/\/|www\.)[^\s]+/gi;
/** "《理财周刊》": an outlet quoted as a publication. */
const BOOK_TITLE_RE = /《([^《》]{2,16})》/;
const WRITER_SLASH_OUTLET_RE = /^([\u4e00-\u9fff·]{2,4}(?:[\s、][\u4e00-\u9fff·]{2,4})*)\s*[/／]\s*([^\s/／]{2,16})$/;
const OUTLET_SUFFIX_RE = /(?:社|报|報|网|網|台|刊|新闻|新聞|客户端|在线|时报|日报|周刊|杂志)$/;
/** Lone short lines under a headline that are not people: outlets, offices, tool-bar words. */
const NOT_A_PERSON_RE = /(?:社|报|網|网|台|刊|站|部|局|厅|办|委|院|会|中心|公司|集团|频道|分享|打印|返回|收藏|关闭|评论|首页|正文|专题|原创|转载|导读|摘要)$/;
/** "（记者 胡晓蓉）" closing the last paragraph. */
const REPORTER_TAIL_CHARS = 40;
/** "2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]": the writer bracketed on the date line (Sohu, 2000s). */
const BRACKETED_WRITER_RE = /(?<!(?:来源|來源|稿源)[:：]?\s*)[[【]\s*([\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4})*)\s*[\]】](?=\s*(?:来源|來源|$))/;
const EDITOR_BRACKET_RE = new RegExp(`^[（(【\\[][^（()）【】]{0,10}?(?:责任编辑|编辑|责编)[\\s:：]*(${NAMES})\\s*[）)】\\]]$`);
const STRONG_EDITOR_LABEL_RE = /^(?:责任编辑|責任編輯|责编|責編)$/;
const LIST_ANCESTOR_DEPTH = 5;
/** A far line that is nothing but a counter ("阅读数(15878）") still counts. */
const MAX_VIEWS_LINE_CHARS = 20;
const LIST_CLASS_RE = /(?:^|[-_\s])(?:li|list|rank|hot|related|recommend|side|sidebar)(?:$|[-_\s\d])/i;
const PERSONAL_NAME_RE = /^[\u4e00-\u9fff]{2,3}$/;
/** The commonest Chinese surnames: a lone 2–3 character line starting with one reads as a name. */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const REPORTER_PAREN_RE = new RegExp(
  `[（(【\\[〔［][^（()）【】〔〕]{0,10}?${REPORTER}[\\s:：]*(${NAMES})[\\s]*(?:[）)】\\]〕］／/]|通讯员|實習|实习生)`,
);
const REPORTER_PAREN_END_RE = new RegExp(`[（(〔]\\s*${REPORTER}[\\s:：]*(${NAMES})\\s*[）)〕][\\s\\u00a0]*$`);
/** Blogs and forums: "ggjjzhzz 发表于 2005-9-15 11:46:00". */
const POSTED_BY_RE = /^(?:作者[:：]?\s*)?([^\s:：|｜]{2,20})\s*(?:发表于|發表於|发布于|發佈於|posted)\s*(?:19|20)\d{2}/i;
/** On a date line: "記者林宸誼／即時報導". */
const REPORTER_ANYWHERE_RE = new RegExp(`${REPORTER}[\\s:：]*(${NAMES})(?=$|[\\s／/）)〕])`);
const DATE_HINT_RE = /(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}/;
const EMPTY_BRACKETS_RE = /[(（[【]\s*[)）\]】]/g;
/** Date-line words that are not outlets: "更新时间 2012年12月10日", "…02:26:00 来自北京". */
const NOT_AN_OUTLET_RE = /时间|時間|日期|发布|發布|更新|来自|來自|发表|發表|阅读|浏览|评论|星期|周[一二三四五六日]/;
const SOURCE_CLASS_RE = /source|laiyuan|(?:^|[-_\s])ly(?:$|[-_\s])|media-?name|(?:^|[-_\s])from(?:$|[-_\s])/i;
const AUTHOR_CLASS_RE = /author|writer|zuozhe|byline/i;
/** Words that follow the reporter's names in the lead but are not names. */
const NOT_A_NAME_RE = /^(?:整合|综合|报道|摄影|通讯员|实习生|编译|采写|发自|联合)$/;
const MAX_SUMMARY_CHARS = 1200;
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
const SOURCE_META_KEYS = ['article:source', 'source', 'og:source', 'mediaid', 'contentsource'];
const SUMMARY_LABEL_RE = new RegExp(`^[\\s【\\[]*(?:${SUMMARY_LABELS.join('|')})[\\s】\\]]*[:：]?\\s*`);
/** A summary label that is one: followed by a colon, or in 【】. */
const LABELLED_SUMMARY_RE = new RegExp(`^\\s*(?:【(?:${SUMMARY_LABELS.join('|')})】|[\\[]?(?:${SUMMARY_LABELS.join('|')})[\\]]?\\s*[:：])`);
/** Class names and ids the CMS templates give their summary block (DESTOON, DedeCMS, PHPCMS, 39健康网…). */
const SUMMARY_CLASS_TOKENS = new Set([
  'introduce',
  'intro',
  'summary',
  'art_summary',
  'art-summary',
  'article-summary',
  'article_summary',
  'news-summary',
  'zhaiyao',
  'daodu',
  'digest',
]);
const SUMMARY_BLOCK_WINDOW = 60;
const SUMMARY_BLOCK_TAGS = new Set(['div', 'p', 'section', 'blockquote', 'dd', 'td', 'span', 'summary']);
const JSON_LD_DATE_RE = /"datePublished"\s*:\s*"([^"]+)"/;

type Person = 'author' | 'editor';

interface ParsedLine {
  index: number;
  line: Line;
  fields: LabelledField[];
  byline: boolean;
}

export function extractMetadata(doc: Document, ctx: ExtractContext): Metadata {
  let timeZone = ctx.timeZone || DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) {
    ctx.warnings.push(`unknown time zone "${timeZone}", read dates in ${DEFAULT_TIME_ZONE}`);
    timeZone = DEFAULT_TIME_ZONE;
  }
  const dateCtx: DateContext = { now: ctx.now, timeZone };
  const scan = scanPage(doc);
  const titleResult = findTitle(scan);
  const anchor = titleResult.line >= 0 ? titleResult.line : firstBylineIndex(scan);
  const order = lineOrder(scan.lines.length, anchor);
  const parsed = new Map<number, ParsedLine>();
  const parse = (index: number): ParsedLine | null => {
    const cached = parsed.get(index);
    if (cached !== undefined) return cached;
    const line = scan.lines[index];
    if (line === undefined || line.text.length > MAX_META_LINE_CHARS) return null;
    const fields = labelledFields(line.text);
    // Every use of `byline` also wants fields: a line without any is never asked.
    const result: ParsedLine = { index, line, fields, byline: fields.length > 0 && isBylineLine(line.text) };
    parsed.set(index, result);
    return result;
  };
  const near = (index: number): boolean => index >= anchor - META_WINDOW_BEFORE && index <= anchor + META_WINDOW_AFTER;
  const consumedLines = new Set<number>();

  /**
   * First labelled value of `kind` in the lines `where` selects. A label with nothing after it takes
   * the next short line ("来源于：" <br> "东区办事处").
   */
  const labelled = <T>(
    kind: LabelledField['kind'],
    clean: (raw: string) => T | null,
    where: 'near' | 'far' | 'comments',
    labelFilter: RegExp | null,
  ): T | null => {
    for (const index of order) {
      const line = scan.lines[index];
      if (line === undefined || line.comment !== (where === 'comments')) continue;
      if (where === 'near' && !near(index)) continue;
      const p = parse(index);
      if (p === null || p.fields.length === 0) continue;
      if (where !== 'near' && !p.byline) continue;
      for (let f = 0; f < p.fields.length; f++) {
        const field = p.fields[f]!;
        if (field.kind !== kind) continue;
        if (labelFilter !== null && !labelFilter.test(field.label)) continue;
        let value = clean(field.raw);
        if (value === null && field.raw.trim() === '' && f === p.fields.length - 1 && where !== 'comments') {
          value = valueOnNextLine(scan.lines, index, clean);
        }
        if (value !== null) {
          if (where !== 'comments') consumedLines.add(index);
          return value;
        }
      }
    }
    return null;
  };
  const cascade = <T>(
    kind: LabelledField['kind'],
    clean: (raw: string) => T | null,
    between?: () => T | null,
    after?: () => T | null,
    labelFilter: RegExp | null = null,
  ): T | null =>
    labelled(kind, clean, 'near', labelFilter) ??
    between?.() ??
    labelled(kind, clean, 'far', labelFilter) ??
    after?.() ??
    labelled(kind, clean, 'comments', labelFilter);

  // A profile's field selector wins, then the labels of its meta-line selector; a value that cleans
  // to nothing falls through to the generic rules.
  const fromProfile = profileValues(doc, ctx);
  const profileMeta = profileMetaLine(doc, ctx);
  const profiled = <T>(key: ProfileField, kind: LabelledField['kind'], clean: (raw: string) => T | null): T | null => {
    const raw = fromProfile[key] ?? profileMeta?.fields.find((f) => f.kind === kind)?.raw;
    return raw === undefined ? null : clean(raw);
  };
  const title = fromProfile.title ?? titleResult.title;
  const source =
    profiled('source', 'source', cleanSource) ??
    cascade(
      'source',
      cleanSource,
      () =>
        byClassHint(scan.lines, anchor, SOURCE_CLASS_RE, dateCtx, cleanSource) ??
        sourceBesideDate(scan.lines, anchor, dateCtx) ??
        aboveDateLine(scan.lines, anchor, dateCtx)?.source ??
        null,
    ) ??
    metaSource(scan);
  const person = (kind: Person) => (raw: string) => cleanPerson(raw, kind);
  const author =
    profiled('author', 'author', person('author')) ??
    cascade(
      'author',
      person('author'),
      () =>
        reporterInLead(scan.lines, anchor) ??
        byClassHint(scan.lines, anchor, AUTHOR_CLASS_RE, dateCtx, authorFromHint) ??
        nameUnderHeadline(scan.lines, anchor) ??
        aboveDateLine(scan.lines, anchor, dateCtx)?.author ??
        null,
      () => reporterAnywhere(scan.lines, anchor),
    ) ??
    metaAuthorShown(scan, anchor);
  // 责任编辑 outranks a plain 编辑 anywhere on the page (thepaper: "编辑|甲" then "责编|乙").
  const editor =
    profiled('editor', 'editor', person('editor')) ??
    cascade('editor', person('editor'), undefined, undefined, STRONG_EDITOR_LABEL_RE) ??
    cascade('editor', person('editor'), undefined, () => editorInBrackets(scan.lines, anchor));

  const profiledDate =
    fromProfile.publishedAt !== undefined
      ? parseMachineDate(fromProfile.publishedAt, dateCtx)
      : (profiled('publishedAt', 'date', (raw) => parseDate(raw, dateCtx)) ??
        // PHPCMS prints the date on its meta line without a label.
        (profileMeta === null ? null : (findDates(textOf(profileMeta.el), dateCtx)[0] ?? null)));
  const publishedAt =
    profiledDate !== null
      ? refine(profiledDate, machineDate(scan, dateCtx))
      : findPublishedAt(scan, order, parse, near, anchor, dateCtx, consumedLines);

  const viewsResult = findViews(scan, order, parse, near, ctx.url, consumedLines);
  const views = profiled('views', 'views', cleanViews) ?? viewsResult.views;
  const summaryResult =
    fromProfile.summary !== undefined
      ? { text: stripSummaryLabel(fromProfile.summary), el: null }
      : findSummary(scan, anchor);

  const consumed: Element[] = [];
  if (titleResult.holdsMetaLine && titleResult.element !== null) consumed.push(titleResult.element);
  for (const index of consumedLines) {
    const el = scan.lines[index]?.el ?? null;
    const line = scan.lines[index];
    if (el === null || line === undefined || consumed.includes(el)) continue;
    if (textOf(el).length <= line.text.length + CONSUME_SLACK_CHARS) consumed.push(el);
  }
  if (summaryResult.el !== null) consumed.push(summaryResult.el);
  if (profileMeta !== null && !consumed.includes(profileMeta.el)) consumed.push(profileMeta.el);

  return {
    title: title === null ? null : title.trim() || null,
    publishedAt,
    source,
    author: author !== null && author === source ? null : author,
    editor,
    views,
    viewsUrl: viewsResult.viewsUrl,
    summary: summaryResult.text,
    titleElement: fromProfile.title !== undefined ? null : titleResult.element,
    consumed,
  };
}

/** Where to look when there is no headline element: just above the first line that reads as a meta line. */
function firstBylineIndex(scan: PageScan): number {
  for (let i = 0; i < scan.lines.length; i++) {
    const line = scan.lines[i]!;
    if (line.comment || line.text.length > MAX_META_LINE_CHARS) continue;
    // The anchor stands for the headline's line, just above the meta line (-1 when that is the first line).
    if (isBylineLine(line.text) || (line.text.length <= MAX_DATE_LINE_CHARS && LEADING_DATE_RE.test(line.text))) return i - 1;
  }
  return 0;
}

/** Line indexes in the order fields are searched: after the headline, just before it, then the rest below. */
function lineOrder(count: number, anchor: number): number[] {
  const order: number[] = [];
  for (let i = anchor; i < Math.min(count, anchor + META_WINDOW_AFTER + 1); i++) order.push(i);
  for (let i = anchor - 1; i >= Math.max(0, anchor - META_WINDOW_BEFORE); i--) order.push(i);
  for (let i = anchor + META_WINDOW_AFTER + 1; i < count; i++) order.push(i);
  return order;
}

/** The value of an empty label, printed on the next visible line. */
function valueOnNextLine<T>(lines: Line[], index: number, clean: (raw: string) => T | null): T | null {
  for (let i = index + 1; i <= index + 3 && i < lines.length; i++) {
    const next = lines[i]!;
    if (next.comment) continue;
    if (next.text.length > MAX_NEXT_LINE_VALUE_CHARS || labelledFields(next.text).length > 0) return null;
    return clean(next.text);
  }
  return null;
}

/**
 * A short unlabelled block right after the headline whose class names the field
 * (`div.sourceTitleText` "中国新闻网", `div.author` "上報快訊／范姜佳鈺 2020年03月12日 20:19:00").
 */
function byClassHint<T>(
  lines: Line[],
  anchor: number,
  hint: RegExp,
  ctx: DateContext,
  clean: (raw: string) => T | null,
): T | null {
  for (let i = anchor + 1; i <= anchor + META_WINDOW_AFTER && i < lines.length; i++) {
    const line = lines[i]!;
    const el = line.el;
    if (line.comment || el === null || line.text.length > MAX_DATE_LINE_CHARS) continue;
    if (!hint.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`)) continue;
    if (labelledFields(line.text).length > 0) continue;
    let text = line.text;
    for (const date of findDates(text, ctx).reverse()) text = text.slice(0, date.index) + text.slice(date.index + date.length);
    const value = clean(text.replace(EMPTY_BRACKETS_RE, '').trim());
    if (value !== null) return value;
  }
  return null;
}

/**
 * "上報快訊／范姜佳鈺": outlet and writer joined by a slash. A bare name in an "author" block is left
 * alone: on self-media platforms that block names the account, not a writer.
 */
function authorFromHint(text: string): string | null {
  const slash = /^[^／/\s]{2,12}[／/]([^／/\s]{2,12})$/.exec(text);
  return slash?.[1] === undefined ? null : cleanPerson(slash[1], 'author');
}

/**
 * "2019-09-26 10:56:28 证券时报网", "2019年09月07日 04:04 北京日报": portals that print the outlet right
 * after the date on the headline's date line, without a label.
 */
function sourceBesideDate(lines: Line[], anchor: number, ctx: DateContext): string | null {
  for (let i = anchor + 1; i <= anchor + META_WINDOW_AFTER && i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment || line.text.length > MAX_DATE_LINE_CHARS) continue;
    const date = findDates(line.text, ctx)[0];
    if (date === undefined || date.relative) continue;
    // After the date, or before a date in brackets ("北京新浪網 (2020-01-21 11:12)"); a bare account name
    // before the date ("中国网 2019-11-25 10:37:31") is a self-media byline, not an outlet.
    // Sina/Sohu 2000s: "http://house.sina.com.cn 2005年03月31日03:18 北京娱乐信报": the channel URL is no account name.
    const before = line.text.slice(0, date.index).replace(URL_TOKEN_RE, '');
    const after = line.text.slice(date.index + date.length).replace(BOOK_TITLE_RE, '$1');
    const bracketed = /[(（]\s*$/.test(before) && /^\s*[)）]\s*$/.test(after);
    if (before.trim().length > 0 && !bracketed) return null;
    const rest = (bracketed ? before : after).replace(/[(（]\s*$/, '').replace(EMPTY_BRACKETS_RE, '').trim();
    // The outlet may be followed by the reporter: "15:05聯合報 記者林宸誼／即時報導".
    const [first, ...others] = rest.split(/\s+/);
    if (first === undefined || !OUTLET_TOKEN_RE.test(first) || NOT_AN_OUTLET_RE.test(first)) return null;
    if (others.length > 0 && !REPORTER_ANYWHERE_RE.test(others.join(' '))) return null;
    return cleanSource(first);
  }
  return null;
}

/** "新京报讯（记者 陆一夫）", "（记者陈智 整合）", a line "澎湃新闻记者 段彦超 廖艳": the reporter in the lead. */
function reporterInLead(lines: Line[], anchor: number): string | null {
  for (let i = Math.max(anchor + 1, 0); i <= anchor + META_WINDOW_AFTER + 5 && i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment) continue;
    const m =
      (line.text.length <= MAX_REPORTER_LINE_CHARS ? REPORTER_LINE_RE.exec(line.text) : null) ??
      REPORTER_PAREN_RE.exec(line.text.slice(0, 80)) ??
      (line.text.length <= MAX_META_LINE_CHARS / 2 && DATE_HINT_RE.test(line.text)
        ? (REPORTER_ANYWHERE_RE.exec(line.text) ?? BRACKETED_WRITER_RE.exec(line.text))
        : null);
    const names = m?.[1] === undefined ? null : namesOf(m[1]);
    if (names !== null) return names;
    // A user name, not Han names: cleaned as a person, not split into names.
    const posted = line.text.length <= MAX_META_LINE_CHARS / 2 ? POSTED_BY_RE.exec(line.text) : null;
    if (posted?.[1] !== undefined) {
      const user = cleanPerson(posted[1], 'author');
      if (user !== null) return user;
    }
  }
  return null;
}

/**
 * The reporter line at the article's end ("新京报记者 彭冲 山东冠县报道", "（姚峰 上海报道）"): strict
 * whole-line or bracketed forms only, since this searches the whole text below the headline.
 */
function reporterAnywhere(lines: Line[], anchor: number): string | null {
  for (let i = Math.max(anchor + 1, 0); i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment) continue;
    const m =
      (line.text.length <= MAX_REPORTER_LINE_CHARS ? REPORTER_LINE_RE.exec(line.text) : null) ??
      REPORTER_CITY_RE.exec(line.text) ??
      REPORTER_PAREN_END_RE.exec(line.text.slice(-REPORTER_TAIL_CHARS));
    const names = m?.[1] === undefined ? null : namesOf(m[1]);
    if (names !== null) return names;
  }
  return null;
}

/**
 * The line between the headline and a date-only line: "石佳/中国青年报" (writer/outlet) or a lone
 * outlet ("新华社"). An outlet is recognised by its ending (社, 报, 网, 台…), so a lone account name is not.
 */
function aboveDateLine(lines: Line[], anchor: number, ctx: DateContext): { source: string | null; author: string | null } | null {
  if (anchor < 0) return null;
  for (let i = anchor + 1; i <= anchor + 2 && i + 1 < lines.length; i++) {
    const line = lines[i]!.text;
    const next = lines[i + 1]!.text;
    if (line.length > MAX_REPORTER_LINE_CHARS || next.length > MAX_DATE_LINE_CHARS) continue;
    const date = findDates(next, ctx)[0];
    if (date === undefined || next.length - date.length > 4) continue;
    const m = WRITER_SLASH_OUTLET_RE.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined && OUTLET_SUFFIX_RE.test(m[2])) {
      return { author: namesOf(m[1]), source: cleanSource(m[2]) };
    }
    if (OUTLET_TOKEN_RE.test(line) && OUTLET_SUFFIX_RE.test(line)) return { author: null, source: cleanSource(line) };
  }
  return null;
}

/** "（松花江网编辑 孙桂芳）": the editor credited in brackets at the article's end. */
function editorInBrackets(lines: Line[], anchor: number): string | null {
  for (let i = Math.max(anchor + 1, 0); i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment || line.text.length > MAX_REPORTER_LINE_CHARS) continue;
    const m = EDITOR_BRACKET_RE.exec(line.text);
    const names = m?.[1] === undefined ? null : namesOf(m[1]);
    if (names !== null) return names;
  }
  return null;
}

/** A lone personal name on its own line just under the headline (blogs, columns: "胡平"). */
function nameUnderHeadline(lines: Line[], anchor: number): string | null {
  if (anchor < 0) return null;
  for (let i = anchor + 1; i <= anchor + NAME_LINE_WINDOW && i < lines.length; i++) {
    const text = lines[i]!.text;
    if (lines[i]!.comment) continue;
    if (!PERSONAL_NAME_RE.test(text) || NOT_A_PERSON_RE.test(text)) continue;
    // Only a name starting with a common surname: pen names ("茉莉") are indistinguishable from words ("关注").
    if (SURNAMES.includes(text[0]!)) return text;
  }
  return null;
}

function namesOf(raw: string): string | null {
  // "…记者黎旭阳、李妍摄" credits photographers.
  if (raw.endsWith('摄')) return null;
  const names = raw.split(/[\s、,，]+/).filter((name) => name.length >= 2 && !NOT_A_NAME_RE.test(name));
  return names.length > 0 ? names.join(' ') : null;
}

/**
 * `<meta name="author">`, only when the page also shows that name under the headline: CMSes fill the
 * tag with the site or the uploading editor as often as with the writer.
 */
function metaAuthorShown(scan: PageScan, anchor: number): string | null {
  const value = scan.metas.get('author') ?? scan.metas.get('article:author');
  if (value === undefined) return null;
  const name = cleanPerson(value, 'author');
  if (name === null || /^https?:/i.test(name)) return null;
  for (let i = Math.max(anchor + 1, 0); i <= anchor + META_WINDOW_AFTER && i < scan.lines.length; i++) {
    const line = scan.lines[i]!;
    if (line.comment || line.text.length > MAX_DATE_LINE_CHARS || !line.text.includes(name)) continue;
    // "编辑:李楠" shows the editor, who is often the tag's "author".
    if (labelledFields(line.text).some((f) => f.kind === 'editor' || f.kind === 'source')) continue;
    return name;
  }
  return null;
}

function metaSource(scan: PageScan): string | null {
  for (const key of SOURCE_META_KEYS) {
    const value = scan.metas.get(key);
    if (value !== undefined) {
      const clean = cleanSource(value);
      if (clean !== null && !/^https?:/i.test(clean)) return clean;
    }
  }
  return null;
}

function findPublishedAt(
  scan: PageScan,
  order: number[],
  parse: (index: number) => { fields: LabelledField[]; byline: boolean; line: Line } | null,
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
    for (const field of p.fields) {
      if (field.kind !== 'date') continue;
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
  if (visible === null) {
    let inferred: FoundDate | null = null;
    for (let i = Math.max(anchor + 1, 0); i <= anchor + META_WINDOW_AFTER && i < scan.lines.length; i++) {
      const line = scan.lines[i]!;
      if (line.comment || line.text.length > MAX_META_LINE_CHARS) continue;
      const date = findDates(line.text, ctx).find(
        (d) => (!d.relative || line.text.length <= MAX_RELATIVE_LINE_CHARS) && !insideSentence(line.text, d),
      );
      if (date === undefined) continue;
      if (date.yearInferred) {
        if (line.text.length <= MAX_DATE_LINE_CHARS) inferred ??= date;
        continue;
      }
      visible = date;
      if (isBylineLine(line.text)) consumedLines.add(i);
      break;
    }
    visible ??= inferred;
  }
  const machine = machineDate(scan, ctx);
  if (visible !== null) return refine(visible, machine);
  if (machine !== null) return machine.iso;
  // 3. A short line just before the headline, then a labelled date further down.
  for (let i = anchor - 1; i >= Math.max(0, anchor - META_WINDOW_BEFORE); i--) {
    const line = scan.lines[i]!;
    if (line.comment || line.text.length > 60) continue;
    const date = parseDate(line.text, ctx);
    if (date !== null) return date.iso;
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
  return null;
}

/**
 * "（2007年6月29日第十届全国人民代表大会…通过）": a date run into the words of a sentence. On meta lines a
 * date ends at a space, a bracket, a label ("12:11来源：") or the end of the line.
 */
function insideSentence(text: string, date: FoundDate): boolean {
  const after = text.slice(date.index + date.length);
  if (!/^[\u4e00-\u9fff]/.test(after)) return false;
  if (date.hasTime) return false;
  META_LABEL_STICKY_RE.lastIndex = 0;
  return !META_LABEL_STICKY_RE.test(after);
}

/** The page's printed date, made more precise by a machine date that agrees with it. */
function refine(visible: FoundDate, machine: FoundDate | null): string {
  if (machine === null || !machine.hasTime) return visible.iso;
  const machineLocal = machine.iso.slice(0, 19);
  // "09-30 22:46" printed without a year: the machine date of the same day and minute knows it.
  if (visible.yearInferred) {
    return machineLocal.slice(5).startsWith(visible.iso.slice(5, visible.hasTime ? 16 : 10)) ? machine.iso : visible.iso;
  }
  if (!visible.hasTime) return machineLocal.startsWith(visible.iso) ? machine.iso : visible.iso;
  const visibleMinute = visible.iso.slice(0, 16);
  if (machineLocal.startsWith(visibleMinute) && visible.iso.slice(17, 19) === '00') return machine.iso;
  return visible.iso;
}

function machineDate(scan: PageScan, ctx: DateContext): FoundDate | null {
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
    const value = attr(el, 'datetime') ?? attr(el, 'content') ?? textOf(el);
    const date = parseMachineDate(value, ctx);
    if (date !== null) return date;
  }
  return null;
}

function findViews(
  scan: PageScan,
  order: number[],
  parse: (index: number) => { fields: LabelledField[]; byline: boolean; line: Line } | null,
  near: (index: number) => boolean,
  base: URL,
  consumedLines: Set<number>,
): { views: number | null; viewsUrl: string | null } {
  let views: number | null = null;
  let viewsUrl: string | null = null;
  for (const index of order) {
    const p = parse(index);
    if (p === null || p.line.comment) continue;
    const field = p.fields.find((f) => f.kind === 'views');
    if (field === undefined) continue;
    const farOk = p.byline || p.line.text.length <= MAX_VIEWS_LINE_CHARS || VIEWS_TIMES_RE.test(p.line.text);
    if (!near(index) && (!farOk || inList(p.line.el))) continue;
    consumedLines.add(index);
    views = cleanViews(field.raw);
    viewsUrl = counterScriptUrl(p.line.scripts, base);
    // The number may sit in the next line (`浏览：<br><span id="hits">12</span>`) or come after a script.
    if (views === null && field.raw.trim() === '') {
      const next = scan.lines[index + 1];
      if (next !== undefined && !next.comment) {
        views = cleanViews(next.text);
        if (viewsUrl === null) viewsUrl = counterScriptUrl(next.scripts, base);
      }
    }
    break;
  }
  if (views === null) {
    for (const { el } of scan.counters) {
      const n = cleanViews(textOf(el));
      if (n !== null) {
        views = n;
        break;
      }
    }
  }
  if (views === null) {
    // An eye icon and a number on the headline's meta line; elsewhere they count other articles.
    const eye = scan.eyeCounts.find(({ line }) => near(line));
    if (eye !== undefined) views = cleanViews(eye.count);
  }
  if (viewsUrl === null) viewsUrl = counterScriptUrl(scan.scripts.map((s) => s.src), base);
  return { views, viewsUrl };
}

/** Inside a list item or a ranking box: a related article's counter, not this one's. */
function inList(el: Element | null): boolean {
  let node: Element | null = el;
  for (let depth = 0; node !== null && depth < LIST_ANCESTOR_DEPTH; depth++) {
    if (node.name === 'li' || node.name === 'dd' || LIST_CLASS_RE.test(`${node.attribs.class ?? ''} ${node.attribs.id ?? ''}`)) return true;
    node = node.parent?.type === 'tag' ? (node.parent as Element) : null;
  }
  return false;
}

function stripSummaryLabel(text: string): string | null {
  const out = text.replace(SUMMARY_LABEL_RE, '').trim();
  return out.length > 0 ? out : null;
}

function findSummary(scan: PageScan, anchor: number): { text: string | null; el: Element | null } {
  const from = anchor - 2;
  const to = anchor + META_WINDOW_AFTER + 10;
  for (const { el, line } of scan.summaries) {
    // Share bars and ads may sit between headline and summary (39健康网: 28 lines): a wider window for blocks.
    if (line < from || line > anchor + SUMMARY_BLOCK_WINDOW || !SUMMARY_BLOCK_TAGS.has(el.name)) continue;
    const text = textOf(el);
    if (text.length < MIN_SUMMARY_CHARS || text.length > MAX_SUMMARY_CHARS) continue;
    // The CMS's own class names, or any block that starts with the label: "lilt_intro" (a login
    // prompt) or a lead paragraph styled "art-lead" is no summary, and taking it would cut the body.
    const tokens = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase().split(/\s+/);
    if (!LABELLED_SUMMARY_RE.test(text) && !tokens.some((token) => SUMMARY_CLASS_TOKENS.has(token))) continue;
    const summary = stripSummaryLabel(text);
    if (summary !== null) return { text: summary, el };
  }
  for (let i = Math.max(0, from); i <= to && i < scan.lines.length; i++) {
    const line = scan.lines[i]!;
    if (line.comment || !LABELLED_SUMMARY_RE.test(line.text)) continue;
    const summary = stripSummaryLabel(line.text);
    if (summary !== null && summary.length >= MIN_SUMMARY_CHARS) {
      const el = line.el !== null && textOf(line.el).length <= line.text.length + CONSUME_SLACK_CHARS ? line.el : null;
      return { text: summary, el };
    }
  }
  return { text: null, el: null };
}

type ProfileValues = Partial<Record<ProfileField, string>>;

/** Values read with the profile's selectors: the first selector matching a non-empty node wins. */
function profileValues(doc: Document, ctx: ExtractContext): ProfileValues {
  const values: ProfileValues = {};
  const fields = ctx.profile?.fields;
  if (fields === undefined) return values;
  for (const key of ['title', 'publishedAt', 'source', 'author', 'editor', 'views', 'summary'] as const) {
    for (const selector of fields[key] ?? []) {
      const [css, attribute] = typeof selector === 'string' ? [selector, null] : selector;
      let el: Element | null;
      try {
        el = selectFirst(css, doc);
      } catch {
        ctx.warnings.push(`profile ${ctx.profile?.name ?? ''}: bad selector for ${key}: ${css}`);
        continue;
      }
      if (el === null) continue;
      const value = (attribute === null ? textOf(el) : (attr(el, attribute) ?? '')).trim();
      if (value !== '') {
        values[key] = key === 'title' ? stripSiteTail(value) : labelValue(value, key);
        break;
      }
    }
  }
  return values;
}

/** The element a profile's `meta` selector picks (the info line), with its labelled fields. */
function profileMetaLine(doc: Document, ctx: ExtractContext): { el: Element; fields: LabelledField[] } | null {
  for (const selector of ctx.profile?.fields?.meta ?? []) {
    const css = typeof selector === 'string' ? selector : selector[0];
    let el: Element | null;
    try {
      el = selectFirst(css, doc);
    } catch {
      ctx.warnings.push(`profile ${ctx.profile?.name ?? ''}: bad selector for meta: ${css}`);
      continue;
    }
    if (el === null) continue;
    const fields = labelledFields(textOf(el));
    if (fields.length > 0) return { el, fields };
  }
  return null;
}

/** A profile selector may pick the whole meta line: keep only the part after this field's label. */
function labelValue(text: string, key: ProfileField): string {
  const kind = { source: 'source', author: 'author', editor: 'editor', views: 'views', publishedAt: 'date' }[
    key as string
  ] as LabelledField['kind'] | undefined;
  if (kind === undefined) return text;
  const field = labelledFields(text).find((f) => f.kind === kind);
  return field === undefined ? text : field.raw;
}
