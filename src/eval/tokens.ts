/**
 * Text normalisation and the body tokeniser of the corpus metrics (../shared/corpus/README.md).
 * One place for both, so that the scorer, the fixture test and the CLI agree on what "equal" means.
 */
import { execAll } from '../regex.js';

const WHITESPACE = /\s+/gu;

/** NFKC with every whitespace character removed: how titles, bylines, captions and snippets compare. */
export function compact(text: string): string {
  return text.normalize('NFKC').replace(WHITESPACE, '');
}

/**
 * One token run: either a run of CJK script characters (Han, kana, Hangul; the katakana
 * prolonged-sound mark is Script=Common, so it is listed by hand) or a word of other letters,
 * marks and digits. Punctuation and symbols separate runs and are not tokens.
 */
const CJK_CHAR = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]`;
const TOKEN_RUN = new RegExp(String.raw`(${CJK_CHAR}+)|((?:(?!${CJK_CHAR})[\p{L}\p{M}\p{N}])+)`, 'gu');

/**
 * The bag of tokens the body F1 counts: character bigrams inside CJK runs, whole words elsewhere,
 * after NFKC and lower-casing.
 *
 * A CJK run of ONE character (a lone "的" between two numbers, "元" after "100") yields that
 * character as a unigram token: dropping it would make such text invisible to the metric, and a
 * unigram never collides with a bigram, so it cannot inflate the overlap of longer runs.
 */
export function bodyTokens(text: string): string[] {
  const tokens: string[] = [];
  const normalized = text.normalize('NFKC').toLowerCase();
  for (const match of execAll(TOKEN_RUN, normalized)) {
    const cjk = match[1];
    if (cjk !== undefined) {
      const chars = Array.from(cjk);
      if (chars.length === 1) {
        tokens.push(cjk);
        continue;
      }
      for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`);
    } else if (match[2] !== undefined) {
      tokens.push(match[2]);
    }
  }
  return tokens;
}

export function countTokens(tokens: readonly string[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const token of tokens) bag.set(token, (bag.get(token) ?? 0) + 1);
  return bag;
}

export interface TokenF1 {
  precision: number;
  recall: number;
  f1: number;
  /** Tokens of the truth the extraction lacks, most frequent first (for failure reports). */
  missing: string[];
  /** Tokens the extraction has beyond the truth, most frequent first. */
  extra: string[];
}

/**
 * F1 over the multiset intersection of the two bags. Two empty bags agree perfectly (1);
 * one empty bag against a non-empty one scores 0.
 */
export function tokenF1(got: string, expected: string, sampleSize = 12): TokenF1 {
  const gotBag = countTokens(bodyTokens(got));
  const expectedBag = countTokens(bodyTokens(expected));
  let gotTotal = 0;
  let expectedTotal = 0;
  let overlap = 0;
  for (const n of gotBag.values()) gotTotal += n;
  for (const [token, n] of expectedBag) {
    expectedTotal += n;
    overlap += Math.min(n, gotBag.get(token) ?? 0);
  }
  const diff = (a: Map<string, number>, b: Map<string, number>): string[] =>
    [...a]
      .map(([token, n]) => [token, n - (b.get(token) ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .sort((x, y) => y[1] - x[1])
      .slice(0, sampleSize)
      .map(([token]) => token);
  if (gotTotal === 0 && expectedTotal === 0) {
    return { precision: 1, recall: 1, f1: 1, missing: [], extra: [] };
  }
  const precision = gotTotal === 0 ? 0 : overlap / gotTotal;
  const recall = expectedTotal === 0 ? 0 : overlap / expectedTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, missing: diff(expectedBag, gotBag), extra: diff(gotBag, expectedBag) };
}
