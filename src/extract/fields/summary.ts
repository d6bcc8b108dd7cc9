/** The 核心提示/摘要/导读 block: the CMS's summary classes or a labelled block near the headline. */
import { SUMMARY_LABELS } from '../cues.js';
import { contains, type Element, isTag, textOf, textWithin } from '../dom.js';
import { CONSUME_SLACK_CHARS, META_WINDOW_AFTER } from './layout.js';
import type { PageScan } from './scan.js';

const MIN_SUMMARY_CHARS = 10;

const MAX_SUMMARY_CHARS = 1200;

const SUMMARY_LABEL_RE = new RegExp(`^[\\s【\\[]*(?:${SUMMARY_LABELS.join('|')})[\\s】\\]]*[:：]?\\s*`);

/** A summary label that is one: followed by a colon, or in 【】. */
const LABELLED_SUMMARY_RE = new RegExp(`^\\s*(?:【(?:${SUMMARY_LABELS.join('|')})】|[\\[]?(?:${SUMMARY_LABELS.join('|')})[\\]]?\\s*[:：])`);

/** A line that is only the label, the summary in the line after it (动易 div.hxts: "核心提示" over the text). */
const BARE_SUMMARY_LABEL_RE = new RegExp(`^[【\\[]?\\s*(?:${SUMMARY_LABELS.join('|')})\\s*[】\\]]?$`);

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

/**
 * Class names that mark a summary only when its label opens it, colon or not (东方财富/证券时报:
 * div.abstract holding <span>摘要</span> and the text); a gallery's div.abstract is its caption text.
 */
const LABELLED_SUMMARY_CLASS_TOKENS = new Set(['abstract']);
const OPENS_WITH_SUMMARY_LABEL_RE = new RegExp(`^[\\s【\\[]*(?:${SUMMARY_LABELS.join('|')})`);

const SUMMARY_BLOCK_WINDOW = 60;

const SUMMARY_BLOCK_TAGS = new Set(['div', 'p', 'section', 'blockquote', 'dd', 'td', 'span', 'summary']);

export function findSummary(scan: PageScan, anchor: number): { text: string | null; el: Element | null } {
  const from = anchor - 2;
  const to = anchor + META_WINDOW_AFTER + 10;
  for (const { el, line } of scan.summaries) {
    // Share bars and ads may sit between headline and summary (39健康网: 28 lines): a wider window for blocks.
    if (line < from || line > anchor + SUMMARY_BLOCK_WINDOW || !SUMMARY_BLOCK_TAGS.has(el.name)) continue;
    // (Bounded: a summary longer than MAX_SUMMARY_CHARS is rejected anyway, and nested blocks each held the page.)
    const text = textWithin(el, MAX_SUMMARY_CHARS);
    if (text === null || text.length < MIN_SUMMARY_CHARS || text.length > MAX_SUMMARY_CHARS) continue;
    // The CMS's own class names, or any block that starts with the label: "lilt_intro" (a login
    // prompt) or a lead paragraph styled "art-lead" is no summary, and taking it would cut the body.
    const tokens = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase().split(/\s+/);
    const marked =
      tokens.some((token) => SUMMARY_CLASS_TOKENS.has(token)) ||
      (tokens.some((token) => LABELLED_SUMMARY_CLASS_TOKENS.has(token)) && OPENS_WITH_SUMMARY_LABEL_RE.test(text));
    if (!LABELLED_SUMMARY_RE.test(text) && !marked) continue;
    const summary = stripSummaryLabel(text);
    if (summary !== null) return { text: summary, el };
  }
  for (let i = Math.max(0, from); i <= to && i < scan.lines.length; i++) {
    const line = scan.lines[i]!;
    if (line.comment) continue;
    if (BARE_SUMMARY_LABEL_RE.test(line.text)) {
      const found = summaryUnderLabel(scan, i);
      if (found !== null) return found;
      continue;
    }
    if (!LABELLED_SUMMARY_RE.test(line.text)) continue;
    const summary = stripSummaryLabel(line.text);
    if (summary !== null && summary.length >= MIN_SUMMARY_CHARS) {
      const el = line.el !== null && textOf(line.el).length <= line.text.length + CONSUME_SLACK_CHARS ? line.el : null;
      return { text: summary, el };
    }
  }
  return { text: null, el: null };
}

/**
 * The summary in the line after a bare label line; its element is the box holding both (so that
 * the body loses label and text together), else the text's own block.
 */
function summaryUnderLabel(scan: PageScan, labelIndex: number): { text: string; el: Element | null } | null {
  const label = scan.lines[labelIndex]!;
  const next = scan.lines[labelIndex + 1];
  if (next === undefined || next.comment) return null;
  const text = next.text;
  if (text.length < MIN_SUMMARY_CHARS || text.length > MAX_SUMMARY_CHARS) return null;
  const box = label.el?.parent;
  if (box && isTag(box) && next.el !== null && contains(box, next.el)) {
    if (textOf(box).length <= label.text.length + text.length + CONSUME_SLACK_CHARS) return { text, el: box };
  }
  const el = next.el !== null && textOf(next.el).length <= text.length + CONSUME_SLACK_CHARS ? next.el : null;
  return { text, el };
}

export function stripSummaryLabel(text: string): string | null {
  const out = text.replace(SUMMARY_LABEL_RE, '').trim();
  return out.length > 0 ? out : null;
}
