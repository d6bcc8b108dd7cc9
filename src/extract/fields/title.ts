/**
 * The headline. Candidates are h1–h3 and elements whose class/id says "title"; each is scored by
 * how much of the `<title>` it covers (portals write `<title>` as "headline_栏目_站点"), its tag and
 * its position. Meta tags (og:title…) and the `<title>` minus its site tail are the fallbacks.
 */
import { isBylineLine } from '../cues.js';
import { type Element, linesOf } from '../dom.js';
import type { Marked, PageScan } from './scan.js';

export interface TitleResult {
  title: string | null;
  element: Element | null;
  /** Line index where the headline is, -1 when it came from a meta tag. */
  line: number;
  /** The headline element also holds the meta line (PHPCMS `<h1>title<br><span>date 来源…</span></h1>`). */
  holdsMetaLine: boolean;
}

/** Separators between headline, column and site name in `<title>`. */
const TITLE_SEPARATOR_RE = /\s*(?:[_|｜]|\s-\s|\s–\s|\s—\s|--|—|-{1,2}(?=[^\d\s])|::|»)\s*/;
const MIN_TITLE_CHARS = 4;
const MAX_TITLE_CHARS = 150;
const MAX_CANDIDATES = 400;
const META_TITLE_KEYS = ['og:title', 'twitter:title', 'title', 'articletitle', 'headline', 'name'];

/** NFKC and no whitespace: how the scorer compares titles. */
export function normalizeForCompare(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');
}

/** `<title>` minus its "_栏目_站点" / " - 站点" tail. */
export function stripSiteTail(titleTag: string): string {
  const parts = titleTag.split(TITLE_SEPARATOR_RE).filter((p) => p.trim().length > 0);
  if (parts.length <= 1) return titleTag.trim();
  // The headline is the longest part; site and column names are short.
  let best = parts[0]!;
  for (const part of parts) if (part.length > best.length * 1.5) best = part;
  return best.trim();
}

function headlineText(el: Element): { text: string; holdsMetaLine: boolean } {
  const lines = linesOf(el);
  const first = lines[0] ?? '';
  const holdsMetaLine = lines.length > 1 && lines.slice(1).some((line) => isBylineLine(line));
  return { text: lines.length > 1 ? first : first, holdsMetaLine };
}

function tagWeight(el: Element): number {
  switch (el.name) {
    case 'h1':
      return 14;
    case 'h2':
      return 8;
    case 'h3':
      return 4;
    default:
      return 3;
  }
}

function inLink(el: Element): boolean {
  if (el.name === 'a') return true;
  let node = el.parent;
  for (let depth = 0; node !== null && depth < 3; depth++) {
    if ((node as Element).name === 'a') return true;
    node = node.parent;
  }
  // A heading whose only content is a link is a list item title.
  const kids = el.children.filter((c) => c.type === 'tag' || (c.type === 'text' && c.data.trim() !== ''));
  return kids.length === 1 && (kids[0] as Element).name === 'a';
}

export function findTitle(scan: PageScan): TitleResult {
  const tag = normalizeForCompare(scan.titleTag);
  const tagHead = normalizeForCompare(stripSiteTail(scan.titleTag));
  let best: { score: number; text: string; cand: Marked; holdsMetaLine: boolean } | null = null;
  const seen = new Set<string>();

  for (const cand of scan.headings.slice(0, MAX_CANDIDATES)) {
    const { text, holdsMetaLine } = headlineText(cand.el);
    if (text.length < MIN_TITLE_CHARS - 2 || text.length > MAX_TITLE_CHARS) continue;
    const norm = normalizeForCompare(text);
    if (norm.length < 2) continue;
    let score = tagWeight(cand.el);
    if (tag.length > 0) {
      if (tag.startsWith(norm)) score += 40 + Math.min(norm.length, 40);
      else if (tag.includes(norm)) score += 30 + Math.min(norm.length, 40);
      else if (tagHead.length >= 6 && norm.includes(tagHead)) score += 30 + Math.min(tagHead.length, 40);
      else score += 20 * commonPrefixRatio(norm, tagHead);
      if (tagHead.length > 0 && norm.length < tagHead.length / 3) score -= 20;
    }
    if (norm.length < MIN_TITLE_CHARS) score -= 20;
    if (inLink(cand.el)) score -= 25;
    if (seen.has(norm)) score -= 5;
    seen.add(norm);
    if (best === null || score > best.score) best = { score, text, cand, holdsMetaLine };
  }
  const MIN_SCORE = 30;
  if (best !== null && best.score >= MIN_SCORE) {
    return { title: best.text, element: best.cand.el, line: best.cand.line, holdsMetaLine: best.holdsMetaLine };
  }
  for (const key of META_TITLE_KEYS) {
    const value = scan.metas.get(key);
    if (value !== undefined && value.trim().length >= MIN_TITLE_CHARS) {
      return { title: stripSiteTail(value), element: null, line: -1, holdsMetaLine: false };
    }
  }
  if (best !== null && best.score >= 10) {
    return { title: best.text, element: best.cand.el, line: best.cand.line, holdsMetaLine: best.holdsMetaLine };
  }
  const fromTag = stripSiteTail(scan.titleTag);
  return { title: fromTag.length > 0 ? fromTag : null, element: null, line: -1, holdsMetaLine: false };
}

function commonPrefixRatio(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i / Math.max(a.length, 1);
}
