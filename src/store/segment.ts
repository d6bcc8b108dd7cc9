/**
 * Text segmentation for the full-text index, and the query and snippet built on it.
 *
 * FTS5's unicode61 tokenizer treats a run of Chinese characters as ONE token (there are no spaces),
 * so "项目" inside "抓项目促转型" would never match. We therefore index a segmented copy of the text:
 * - every run of CJK characters (Han, kana, Hangul) becomes its overlapping character bigrams
 *   ("晋商会" -> "晋商 商会"); a run of one character stays that character;
 * - every other run of letters/digits is one word, lower-cased;
 * - everything else (punctuation, symbols, spaces) separates tokens.
 * Text is NFKC-normalised first, so full-width "ＡＢＣ１２" indexes as "abc12".
 *
 * A query is segmented the same way. Each whitespace-separated term becomes one FTS5 phrase of its
 * tokens ("晋商会" -> "晋商 商会" as a phrase: the bigrams adjacent and in order, i.e. the exact
 * characters), and the phrases are combined with AND. A term of a single Han character becomes a
 * prefix query ("商"*), which finds it where it starts a bigram or stands alone — not where it only
 * ends a run (a known limit of bigram indexing without unigrams).
 *
 * The query string handed to FTS5 is built here from tokens that contain only letters and digits,
 * each inside double quotes; user input can never become an FTS5 operator (OR, NOT, NEAR, *, ^,
 * column filters), it is always searched for as text.
 */
import { execAll } from '../regex.js';

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
/** A CJK run, or a run of other letters/digits/marks. */
const TOKEN_RUN = new RegExp(`[${CJK}]+|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');
const CJK_RUN = new RegExp(`^[${CJK}]+$`, 'u');

interface Run {
  text: string;
  cjk: boolean;
}

function runs(text: string): Run[] {
  const out: Run[] = [];
  for (const m of execAll(TOKEN_RUN, text.normalize('NFKC'))) {
    out.push({ text: m[0], cjk: CJK_RUN.test(m[0]) });
  }
  return out;
}

function runTokens(run: Run): string[] {
  if (!run.cjk) return [run.text.toLowerCase()];
  const chars = Array.from(run.text);
  if (chars.length === 1) return chars;
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(`${chars[i]}${chars[i + 1]}`);
  return bigrams;
}

/** The tokens of `text` in order, as indexed. */
export function segmentTokens(text: string | null | undefined): string[] {
  if (!text) return [];
  return runs(text).flatMap(runTokens);
}

/** TOKEN_RUN with the CJK alternative captured: a match is a CJK run exactly when group 1 is set. */
const TOKEN_RUN_CAPTURED = new RegExp(`([${CJK}]+)|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The segmented form of `text` stored in the FTS index (tokens joined by spaces): the same tokens
 * as segmentTokens(), built in one pass (every stored article goes through here).
 */
export function segmentText(text: string | null | undefined): string {
  if (!text) return '';
  const out: string[] = [];
  for (const m of execAll(TOKEN_RUN_CAPTURED, text.normalize('NFKC'))) {
    const run = m[0];
    if (m[1] === undefined) out.push(run.toLowerCase());
    else if (SURROGATE.test(run)) out.push(...runTokens({ text: run, cjk: true }));
    else if (run.length === 1) out.push(run);
    else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out.join(' ');
}

function quotePhrase(tokens: readonly string[]): string {
  return `"${tokens.join(' ').replaceAll('"', '""')}"`;
}

/**
 * The FTS5 MATCH expression for a user query, or null when the query has nothing searchable
 * (only punctuation or spaces): such a query matches nothing.
 */
export function buildFtsQuery(query: string): string | null {
  const phrases: string[] = [];
  for (const term of query.split(/\s+/u)) {
    const termRuns = runs(term);
    const tokens = termRuns.flatMap(runTokens);
    if (tokens.length === 0) continue;
    const single = termRuns.length === 1 && termRuns[0]?.cjk === true && Array.from(termRuns[0].text).length === 1;
    phrases.push(single ? `${quotePhrase(tokens)}*` : quotePhrase(tokens));
  }
  return phrases.length > 0 ? phrases.join(' AND ') : null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The strings to highlight for a query: each CJK run and each word of its terms. */
export function highlightNeedles(query: string): string[] {
  const needles = new Set<string>();
  for (const run of runs(query)) needles.add(run.cjk ? run.text : run.text.toLowerCase());
  return [...needles].sort((a, b) => b.length - a.length);
}

function needlePattern(needles: readonly string[]): RegExp | null {
  if (needles.length === 0) return null;
  const alternatives = needles.map((n) =>
    CJK_RUN.test(n)
      ? escapeRegExp(n)
      : // A word matches whole, as FTS does: no letter/digit (other than CJK) on either side.
        `(?<!(?![${CJK}])[\\p{L}\\p{N}])${escapeRegExp(n)}(?!(?![${CJK}])[\\p{L}\\p{N}])`,
  );
  return new RegExp(alternatives.join('|'), 'giu');
}

export const SNIPPET_BEFORE = 30;
export const SNIPPET_AFTER = 70;

/**
 * A one-line snippet of `text` around the first occurrence of any needle: up to SNIPPET_BEFORE
 * characters before it and SNIPPET_AFTER after, every occurrence inside marked as `[term]`, cut
 * ends marked with "…", line breaks and runs of spaces shown as one space. Null when no needle
 * occurs in `text` literally (e.g. the match came through NFKC folding).
 *
 * We highlight ourselves because FTS5's snippet() would return the segmented text ("晋商 商会").
 */
export function snippetAround(text: string, needles: readonly string[]): string | null {
  const pattern = needlePattern(needles);
  if (!pattern) return null;
  pattern.lastIndex = 0;
  const first = pattern.exec(text);
  if (!first) return null;
  let start = Math.max(0, first.index - SNIPPET_BEFORE);
  let end = Math.min(text.length, first.index + first[0].length + SNIPPET_AFTER);
  // Never cut a surrogate pair in half.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  const window = text.slice(start, end);
  const marked = window.replace(pattern, (m) => `[${m}]`).replace(/\s+/gu, ' ');
  return `${start > 0 ? '…' : ''}${marked.trim()}${end < text.length ? '…' : ''}`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The first `length` characters of `text` on one line, "…" when cut. */
export function leadSnippet(text: string, length = SNIPPET_BEFORE + SNIPPET_AFTER): string {
  const chars = Array.from(text.replace(/\s+/gu, ' ').trim());
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : chars.join('');
}
