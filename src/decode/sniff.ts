/**
 * Byte statistics that tell GBK from Big5 from Latin text when a page declares nothing.
 * One pass over the high bytes; no decoding.
 *
 * Why these signals: GB2312/GBK text (simplified Chinese) lives almost entirely in lead 0xB0-0xF7,
 * trail 0xA1-0xFE; its trails in 0x40-0x7E belong to rare GBK-extension characters. Big5 puts
 * roughly 40% of common characters (一 A440, 是 AC4F, 在 A662) on a trail in 0x40-0x7E and never
 * uses a trail in 0x80-0xA0, which GBK does. Latin-1 accented letters stand alone, so the "trail"
 * after them is often a space, digit or punctuation, which neither CJK charset allows.
 */
import type { Charset } from './labels.js';

/** Share of pairs with an ASCII-range trail above which the page is taken for Big5. */
const BIG5_LOW_TRAIL_SHARE = 0.2;
/** Share of GBK-only pairs (lead or trail in 0x80-0xA0) that rules Big5 out. */
const GBK_ONLY_SHARE = 0.05;
/** Share of impossible pairs (trail below 0x40) above which the bytes are not double-byte CJK. */
const NOT_CJK_SHARE = 0.1;

export interface PairStats {
  pairs: number;
  lowTrail: number;
  gbkOnly: number;
  impossible: number;
  /**
   * Pairs a windows-1252 page makes out of a curly quote, dash or bullet (0x80-0x9F) and the
   * letter after it: "it’s" is 92 73, a valid Big5-HKSCS/GBK pair. CJK text almost never leads
   * with 0x80-0x9F before an ASCII letter (GBK/3 and HKSCS rows hold rare characters only).
   */
  latinPunct: number;
}

export function pairStats(bytes: Uint8Array): PairStats {
  const stats: PairStats = { pairs: 0, lowTrail: 0, gbkOnly: 0, impossible: 0, latinPunct: 0 };
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i]!;
    if (lead < 0x81 || lead === 0xff) {
      i++;
      continue;
    }
    const trail = i + 1 < n ? bytes[i + 1]! : 0;
    stats.pairs++;
    if (trail >= 0x30 && trail <= 0x39) {
      // A GB18030 four-byte sequence (lead, digit, high byte, digit).
      const third = i + 2 < n ? bytes[i + 2]! : 0;
      const fourth = i + 3 < n ? bytes[i + 3]! : 0;
      if (third >= 0x81 && fourth >= 0x30 && fourth <= 0x39) {
        stats.gbkOnly++;
        i += 4;
        continue;
      }
      stats.impossible++;
      i++;
      continue;
    }
    if (trail < 0x40 || trail === 0x7f || trail === 0xff) {
      stats.impossible++;
      i++;
      continue;
    }
    if (trail < 0x7f) {
      stats.lowTrail++;
      if (lead <= 0x9f && ((trail >= 0x41 && trail <= 0x5a) || (trail >= 0x61 && trail <= 0x7a))) stats.latinPunct++;
    }
    else if (trail <= 0xa0 || lead <= 0xa0) stats.gbkOnly++;
    i += 2;
  }
  return stats;
}

/** Below this share of ASCII-range trails, text is not Big5 whatever it says. */
const BIG5_MIN_LOW_TRAIL_SHARE = 0.05;
/**
 * Impossible pairs tolerated in CJK text: a CMS's "..." cutting a character in half leaves one
 * now and then. Latin-1 text has one at nearly every word-final accent ("café ", "été,").
 */
const CJK_MAX_IMPOSSIBLE_SHARE = 0.01;
/** Share of windows-1252-punctuation pairs above which the bytes are Latin text, not CJK. */
const LATIN_PUNCT_SHARE = 0.5;
/** Pairs needed before the statistics mean anything. */
const MIN_PAIRS = 16;

/**
 * Whether bytes labelled Big5 are really GBK. Big5 decodes GBK bytes without a single U+FFFD
 * (its lead and trail ranges cover GB2312's), so the replacement check cannot see it; but real
 * Big5 text always has many ASCII-range trails (一 A440, 了 A446, 上 A457) and GB2312 has none.
 */
export function looksLikeGbkNotBig5(bytes: Uint8Array): boolean {
  const s = pairStats(bytes);
  return s.pairs >= MIN_PAIRS && s.impossible / s.pairs <= NOT_CJK_SHARE && s.lowTrail / s.pairs < BIG5_MIN_LOW_TRAIL_SHARE;
}

/**
 * Whether high bytes come in well-formed CJK pairs throughout: Latin-1 text cannot do that for
 * long, because an accented letter is followed by a space, digit or punctuation soon enough.
 */
export function looksLikeDoubleByteCjk(bytes: Uint8Array): boolean {
  const s = pairStats(bytes);
  return (
    s.pairs >= MIN_PAIRS &&
    s.impossible <= s.pairs * CJK_MAX_IMPOSSIBLE_SHARE &&
    s.latinPunct <= s.pairs * LATIN_PUNCT_SHARE
  );
}

/** The likeliest legacy charset for bytes that are not UTF-8. */
export function guessLegacyCharset(bytes: Uint8Array): Charset {
  const s = pairStats(bytes);
  if (s.pairs === 0) return 'windows-1252';
  if (s.impossible / s.pairs > NOT_CJK_SHARE) return 'windows-1252';
  if (s.latinPunct / s.pairs > LATIN_PUNCT_SHARE) return 'windows-1252';
  if (s.lowTrail / s.pairs > BIG5_LOW_TRAIL_SHARE && s.gbkOnly / s.pairs < GBK_ONLY_SHARE) return 'big5';
  return 'gb18030';
}
