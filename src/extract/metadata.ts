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
import { isBylineLine } from './cues.js';
import { type DateContext, findDates, isValidTimeZone, parseDate, parseMachineDate } from './dates.js';
import { collapseSpaces, type Document, type Element, select, textOf } from './dom.js';
import { CLOSED_TAIL_RE, cleanPerson, cleanSource, cleanViews, type LabelledField, labelledFields } from './fields/byline.js';
import {
  CONSUME_SLACK_CHARS,
  firstBylineIndex,
  lineOrder,
  MAX_META_LINE_CHARS,
  META_WINDOW_AFTER,
  META_WINDOW_BEFORE,
  type ParsedLine,
  valueOnNextLine,
} from './fields/layout.js';
import {
  AUTHOR_CLASS_RE,
  aboveDateLine,
  authorFromHint,
  byClassHint,
  editorInBrackets,
  englishBarOutlet,
  englishByline,
  englishEditing,
  epaperMasthead,
  jsonLdAuthorShown,
  metaAuthorShown,
  metaSource,
  nameUnderHeadline,
  reporterAnywhere,
  reporterInLead,
  repostOrigin,
  SOURCE_CLASS_RE,
  STRONG_EDITOR_LABEL_RE,
  sourceBesideDate,
  wireAgency,
  writerNamedInHeadline,
} from './fields/people.js';
import { profileMetaLine, profileValues } from './fields/profile.js';
import { findPublishedAt, machineDate, refine } from './fields/published.js';
import { type Line, scanPage } from './fields/scan.js';
import { findSummary, stripSummaryLabel } from './fields/summary.js';
import { findTitle, siteNames } from './fields/title.js';
import { findViews } from './fields/views.js';
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
  /** The headline element the page shows, even where a profile's selector gave the title's text. */
  headline: Element | null;
  /**
   * Elements the metadata was read from (byline/info line, summary block, the h1 with the PHPCMS date
   * line...): the body stage leaves these out of the body. Never a big container that also holds the body text.
   */
  consumed: Element[];
}

type Person = 'author' | 'editor';

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
  /**
   * Per line: what it reads as, null when too long for a meta line, undefined until asked. (An
   * array: the field cascades below ask about every line several times over.)
   */
  const parsed: (ParsedLine | null | undefined)[] = new Array(scan.lines.length);
  const parse = (index: number): ParsedLine | null => {
    const cached = parsed[index];
    if (cached !== undefined) return cached;
    const line = scan.lines[index];
    if (line === undefined) return null;
    if (line.text.length > MAX_META_LINE_CHARS) {
      parsed[index] = null;
      return null;
    }
    const fields = labelledFields(line.text);
    // Every use of `byline` also wants fields: a line without any is never asked.
    const result: ParsedLine = { index, line, fields, byline: fields.length > 0 && isBylineLine(line.text) };
    parsed[index] = result;
    return result;
  };
  // Computed on the first English "Source:" label only.
  let firstProse = -1;
  const beforeFirstProse = (index: number): boolean => {
    if (firstProse < 0) firstProse = firstProseLine(scan.lines, anchor);
    return index <= firstProse;
  };
  const near = (index: number): boolean => index >= anchor - META_WINDOW_BEFORE && index <= anchor + META_WINDOW_AFTER;
  const consumedLines = new Set<number>();

  /**
   * First labelled value of `kind` in the lines `where` selects. A label with nothing after it takes
   * the next short line ("来源于：" <br> "东区办事处").
   */
  const labelled = <T>(
    kind: LabelledField['kind'],
    clean: (raw: string, line?: Line) => T | null,
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
        // English "Source:" also credits videos, charts and data ("- Source: CNN Business"): only
        // the meta lines above the story's first paragraph name its outlet.
        if (ENGLISH_SOURCE_LABEL_RE.test(field.label) && (where !== 'near' || !beforeFirstProse(index))) continue;
        if (labelFilter !== null && !labelFilter.test(field.label)) continue;
        let value = clean(field.raw, line);
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
  /** One field's generic cascade: labels near the headline, unlabelled layouts, labels further down, comments. */
  const cascade = <T>(
    kind: LabelledField['kind'],
    clean: (raw: string, line?: Line) => T | null,
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
      (raw, line) => outletShownApart(cleanSource(raw), line),
      () =>
        byClassHint(scan.lines, anchor, SOURCE_CLASS_RE, dateCtx, cleanSource) ??
        sourceBesideDate(scan.lines, anchor, dateCtx, false, siteNames(scan)) ??
        aboveDateLine(scan.lines, anchor, dateCtx)?.source ??
        englishBarOutlet(scan.lines, anchor, dateCtx) ??
        null,
      () => repostOrigin(scan.lines, anchor)?.source ?? sourceBesideDate(scan.lines, anchor, dateCtx, true),
    ) ??
    metaSource(scan) ??
    epaperMasthead(scan) ??
    wireAgency(scan, anchor, ctx.url.hostname);
  const person = (kind: Person) => (raw: string) => cleanPerson(raw, kind);
  const author =
    profiled('author', 'author', person('author')) ??
    cascade(
      'author',
      person('author'),
      () =>
        reporterInLead(scan.lines, anchor) ??
        byClassHint(scan.lines, anchor, AUTHOR_CLASS_RE, dateCtx, authorFromHint) ??
        englishByline(scan.lines, anchor) ??
        nameUnderHeadline(scan.lines, anchor) ??
        writerNamedInHeadline(scan.lines, anchor, title) ??
        aboveDateLine(scan.lines, anchor, dateCtx)?.author ??
        null,
      () => reporterAnywhere(scan.lines, anchor) ?? repostOrigin(scan.lines, anchor)?.author ?? null,
    ) ??
    metaAuthorShown(scan, anchor) ??
    jsonLdAuthorShown(scan, anchor);
  // 责任编辑 outranks a plain 编辑 anywhere on the page (thepaper: "编辑|甲" then "责编|乙").
  const editor =
    profiled('editor', 'editor', person('editor')) ??
    cascade('editor', person('editor'), undefined, undefined, STRONG_EDITOR_LABEL_RE) ??
    cascade('editor', person('editor'), undefined, () => editorInBrackets(scan.lines, anchor) ?? englishEditing(scan.lines, anchor));

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
  // The byline block the author was read from goes whole: "Harriet Moss" / "BBC News, Norfolk" / "Share".
  const bylineBlock = author === null ? null : bylineBlockOf(scan.lines, anchor, author);
  if (bylineBlock !== null && !consumed.includes(bylineBlock)) consumed.push(bylineBlock);
  if (profileMeta !== null && !consumed.includes(profileMeta.el)) consumed.push(profileMeta.el);

  const finalTitle = title === null ? null : title.trim() || null;
  if (finalTitle === null) ctx.warnings.push('no headline found (no heading, meta title or <title>)');
  return {
    title: finalTitle,
    publishedAt,
    source,
    author: author !== null && author === source ? null : author,
    editor,
    views,
    viewsUrl: viewsResult.viewsUrl,
    summary: summaryResult.text,
    titleElement: fromProfile.title !== undefined ? null : titleResult.element,
    headline: titleResult.element,
    consumed,
  };
}

/**
 * "来源：<a>南方日报</a>(广州)": the page shows the outlet apart from its place, as a link of its
 * own, so the place is left out; "来源：新华社（北京）" as one text stays whole.
 */
function outletShownApart(source: string | null, line: Line | undefined): string | null {
  const tail = source === null ? null : CLOSED_TAIL_RE.exec(source);
  if (source === null || tail === null || line?.el == null) return source;
  const outlet = source.slice(0, tail.index).trim();
  return select('a', line.el).some((a) => collapseSpaces(textOf(a)) === outlet) ? outlet : source;
}

/** A byline wrapper holds the names, a role or desk line, a date and a share button: little text. */
const MAX_BYLINE_BLOCK_CHARS = 160;
const BYLINE_BLOCK_LEVELS = 3;
const BYLINE_BLOCK_CLASS_RE = /byline|contributor|author/i;

/**
 * The element marked as the byline (class byline/contributor/author) around the line under the
 * headline that shows the author's name, when it holds nothing but a byline's worth of text.
 */
function bylineBlockOf(lines: readonly Line[], anchor: number, author: string): Element | null {
  for (let i = Math.max(anchor + 1, 0); i <= anchor + META_WINDOW_AFTER && i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment || line.el === null || !line.text.includes(author)) continue;
    // The outermost marked element that still holds only a byline's worth of text.
    let block: Element | null = null;
    let el: Element | null = line.el;
    for (let level = 0; el !== null && level <= BYLINE_BLOCK_LEVELS; level++) {
      if (collapseSpaces(textOf(el)).length > MAX_BYLINE_BLOCK_CHARS) break;
      if (BYLINE_BLOCK_CLASS_RE.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`)) block = el;
      el = el.parent !== null && el.parent.type === 'tag' ? (el.parent as Element) : null;
    }
    return block;
  }
  return null;
}

const ENGLISH_SOURCE_LABEL_RE = /^source$/i;
/** A paragraph of the story: long, with a sentence's end. */
const PROSE_LINE_RE = /[。！？]|[a-z][.!?]["”’)]?(?:\s|$)/;
const MIN_PROSE_LINE_CHARS = 80;

/** Index of the first paragraph of prose after the headline (the line count when there is none). */
function firstProseLine(lines: readonly Line[], anchor: number): number {
  for (let i = Math.max(anchor + 1, 0); i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.comment && line.text.length >= MIN_PROSE_LINE_CHARS && PROSE_LINE_RE.test(line.text) && !isBylineLine(line.text)) return i;
  }
  return lines.length;
}
