/**
 * decodeHtml(): page bytes -> text. Pure, no I/O.
 *
 * The cascade, first hit wins:
 *   1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) — final, as in browsers;
 *   2. the charset of the HTTP Content-Type;
 *   3. a `<meta charset>` / `<meta http-equiv="Content-Type">` in the first PRESCAN_BYTES;
 *   4. sniffing: (mostly) valid UTF-8 -> utf-8, else GB18030 or Big5 by byte statistics, and
 *      windows-1252 when the high bytes do not pair up as double-byte CJK.
 * A declaration (2 or 3) is checked against the bytes, because real servers lie both ways: pages
 * labelled gb2312 whose bytes are UTF-8, `charset=utf-8` headers in front of GBK bytes, and
 * Tomcat's ISO-8859-1 default in front of anything. When the declared charset does not fit and
 * another candidate decodes cleanly, the clean one is used and a warning says so. Sequences the
 * chosen charset cannot decode are dropped (with a warning), so no U+FFFD reaches the extractor.
 *
 * Speed: UTF-8 validity is checked natively (buffer.isUtf8) and U+FFFD counted with indexOf;
 * alternatives are decoded only when the declared charset visibly fails.
 */
import { isAscii, isUtf8, transcode } from 'node:buffer';
import iconv from 'iconv-lite';
import { type Charset, CJK_CANDIDATES, iconvName, resolveLabel } from './labels.js';
import { prescanMetaCharset } from './prescan.js';
import { guessLegacyCharset, looksLikeDoubleByteCjk, looksLikeGbkNotBig5 } from './sniff.js';

export { PRESCAN_BYTES } from './prescan.js';

export interface DecodedHtml {
  text: string;
  /** The charset actually used (canonical: "utf-8", "gb18030", "big5", "windows-1252", ...). */
  charset: Charset;
  /** What did not add up (a declaration the bytes contradict, an unknown label). */
  warnings: string[];
}

/**
 * An alternative replaces a failing declared charset only when it leaves at most this fraction of
 * the declared decoding's U+FFFD. A single U+FFFD is never enough: a UTF-8 page cut mid-character
 * (size cap, truncated transfer) has exactly one, and must stay UTF-8.
 */
const ALTERNATIVE_MAX_REPLACEMENT_RATIO = 0.25;
const MIN_REPLACEMENTS_TO_DOUBT = 2;
/** U+FFFD a right decoding may still show: a stray byte or a character cut by "..." per 100. */
const STRAY_REPLACEMENT_SHARE = 0.01;

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });
/**
 * ICU's GB18030 decoder is about 7x faster than iconv-lite's, so it is tried first. It is not a
 * drop-in: after a broken sequence it can swallow the ASCII byte that follows, and it maps 18
 * characters (U+9FB4–9FBB, U+FE10–FE19) the GB18030-2022 way where iconv-lite keeps the 2005
 * private-use code points. Its output is kept only when it shows neither; otherwise iconv-lite
 * decodes the page as before.
 */
const gb18030Decoder = new TextDecoder('gb18030', { fatal: false, ignoreBOM: true });
const GB18030_DECODERS_DIFFER_RE = /[\uFFFD\u9FB4-\u9FBB\uFE10-\uFE19]/;

function supportedByIconv(name: string): boolean {
  return iconv.encodingExists(name);
}

function isKnownLabel(label: string): boolean {
  return resolveLabel(label, supportedByIconv) !== null;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Bytes already known to be valid UTF-8, as text: the same string TextDecoder gives, faster. ICU's
 * transcode to UTF-16 plus a copy takes about 0.6x the time of TextDecoder (V8's UTF-8 decoder) on
 * these pages, and decoding is a tenth of extract(). Pure ASCII is read as Latin-1, which keeps the
 * one-byte string TextDecoder would make. A leading EF BB BF is left to TextDecoder, which drops it.
 */
function decodeValidUtf8(bytes: Uint8Array): string {
  const buffer = asBuffer(bytes);
  if (isAscii(buffer)) return buffer.toString('latin1');
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return utf8Decoder.decode(buffer);
  return transcode(buffer, 'utf8', 'utf16le').toString('utf16le');
}

function decodeAs(bytes: Uint8Array, charset: Charset): string {
  if (charset === 'utf-8') return isUtf8(bytes) ? decodeValidUtf8(bytes) : utf8Decoder.decode(bytes);
  if (charset === 'gb18030') {
    const fast = gb18030Decoder.decode(bytes);
    if (!GB18030_DECODERS_DIFFER_RE.test(fast)) return fast;
  }
  // iconv-lite strips a BOM by default; ours is already removed and a later U+FEFF is content.
  return iconv.decode(asBuffer(bytes), iconvName(charset), { stripBOM: false });
}

function countReplacements(text: string): number {
  // indexOf passes over clean text natively; from the first U+FFFD on, a plain loop: legacy bytes
  // read as UTF-8 leave thousands, and one indexOf call per hit cost more than the decoding.
  const first = text.indexOf('\uFFFD');
  if (first === -1) return 0;
  let count = 0;
  for (let i = first; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) count++;
  return count;
}

/** The `charset` parameter of a Content-Type header value, as written, or null. */
export function contentTypeCharset(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("([^"]*)"|'([^']*)'|[^;\s]*)/i.exec(contentType);
  if (!match) return null;
  const label = (match[2] ?? match[3] ?? match[1] ?? '').trim();
  return label === '' ? null : label.toLowerCase();
}

function bomCharset(bytes: Uint8Array): { charset: Charset; length: number } | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { charset: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

interface Candidate {
  charset: Charset;
  text: string;
  replacements: number;
}

/** U+FFFD as UTF-8 bytes: valid UTF-8 without them decodes without any replacement character. */
const REPLACEMENT_UTF8 = Buffer.from('\uFFFD', 'utf8');

function candidate(bytes: Uint8Array, charset: Charset): Candidate {
  if (charset === 'utf-8' && isUtf8(bytes)) {
    const text = decodeValidUtf8(bytes);
    const clean = asBuffer(bytes).indexOf(REPLACEMENT_UTF8) === -1;
    return { charset, text, replacements: clean ? 0 : countReplacements(text) };
  }
  const text = decodeAs(bytes, charset);
  return { charset, text, replacements: countReplacements(text) };
}

/**
 * Whether a UTF-8 decoding with some U+FFFD is still UTF-8 with a few bad bytes (a page cut
 * mid-character, a stray byte, a small GBK include) rather than legacy bytes: it decoded more
 * non-ASCII characters than it failed on. GBK text read as UTF-8 fails on about 60% of its high
 * bytes and decodes only the odd pair that happens to form a UTF-8 sequence.
 */
function mostlyUtf8(decoded: Candidate): boolean {
  // Counted in place: GBK read as UTF-8 alternates ASCII and U+FFFD, and a regex replace of the
  // runs built a new string out of thousands of pieces.
  const text = decoded.text;
  let decodedNonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f && code !== 0xfffd) decodedNonAscii++;
  }
  return decodedNonAscii >= decoded.replacements;
}

/** The cleanest of the given charsets, decoding each lazily and stopping at a clean one. */
function cleanest(bytes: Uint8Array, charsets: readonly Charset[], skip: ReadonlySet<Charset>): Candidate | null {
  let best: Candidate | null = null;
  for (const charset of charsets) {
    if (skip.has(charset)) continue;
    const c = candidate(bytes, charset);
    if (best === null || c.replacements < best.replacements) best = c;
    if (c.replacements === 0) break;
  }
  return best;
}

/**
 * Decodes with a declared charset, unless the bytes contradict it: valid UTF-8 under a legacy
 * label, or replacement characters that another candidate avoids.
 */
function decodeDeclared(
  bytes: Uint8Array,
  declared: { charset: Charset; label: string },
  otherDeclared: Charset | null,
  warnings: string[],
): { text: string; charset: Charset } {
  const mismatch = (used: Charset) =>
    warnings.push(`declared charset ${declared.label} does not match the bytes; decoded as ${used}`);
  const utf16 = declared.charset === 'utf-16le' || declared.charset === 'utf-16be';

  if (declared.charset !== 'utf-8' && !utf16 && isUtf8(bytes)) {
    const text = decodeValidUtf8(bytes);
    // Decoded length below byte length means multi-byte sequences: real UTF-8, not plain ASCII.
    if (text.length < bytes.length) {
      mismatch('utf-8');
      return { text, charset: 'utf-8' };
    }
  }

  // Java servers (Tomcat's default) label everything ISO-8859-1, GBK pages included; Latin-1
  // decodes any byte, so only the byte pattern shows it.
  if (declared.charset === 'windows-1252' && looksLikeDoubleByteCjk(bytes)) {
    const cjk = otherDeclared !== null && CJK_CANDIDATES.includes(otherDeclared) ? otherDeclared : guessLegacyCharset(bytes);
    const alternative = candidate(bytes, cjk);
    if (alternative.replacements <= alternative.text.length * STRAY_REPLACEMENT_SHARE) {
      mismatch(alternative.charset);
      return alternative;
    }
  }
  const first = candidate(bytes, declared.charset);
  if (declared.charset === 'big5' && first.replacements < MIN_REPLACEMENTS_TO_DOUBT && looksLikeGbkNotBig5(bytes)) {
    const gb = candidate(bytes, 'gb18030');
    if (gb.replacements <= first.replacements) {
      mismatch(gb.charset);
      return gb;
    }
  }
  if (first.replacements < MIN_REPLACEMENTS_TO_DOUBT || utf16) return first;
  if (declared.charset === 'utf-8' && mostlyUtf8(first)) return first;

  // Valid UTF-8 under another label was handled above, so only legacy charsets remain.
  const order: Charset[] = [];
  if (otherDeclared !== null) order.push(otherDeclared);
  order.push(guessLegacyCharset(bytes), ...CJK_CANDIDATES);
  const best = cleanest(bytes, order, new Set([declared.charset]));
  if (best !== null && best.replacements <= first.replacements * ALTERNATIVE_MAX_REPLACEMENT_RATIO) {
    mismatch(best.charset);
    return best;
  }
  return first;
}

/** Sniffs bytes that declare nothing: UTF-8 when valid, else the likeliest legacy charset. */
function decodeUndeclared(bytes: Uint8Array): { text: string; charset: Charset } {
  if (isUtf8(bytes)) return { text: decodeValidUtf8(bytes), charset: 'utf-8' };
  const utf8 = candidate(bytes, 'utf-8');
  if (mostlyUtf8(utf8)) return utf8;
  const guess = guessLegacyCharset(bytes);
  const first = candidate(bytes, guess);
  if (first.replacements === 0) return first;
  const best = cleanest(bytes, CJK_CANDIDATES, new Set([guess]));
  return best !== null && best.replacements < first.replacements ? best : first;
}

export function decodeHtml(bytes: Uint8Array, contentType?: string | null): DecodedHtml {
  const warnings: string[] = [];

  const bom = bomCharset(bytes);
  if (bom !== null) {
    const rest = bytes.subarray(bom.length);
    const { text, charset } = dropReplacements(rest, { text: decodeAs(rest, bom.charset), charset: bom.charset }, warnings);
    return { text, charset, warnings };
  }

  const headerLabel = contentTypeCharset(contentType);
  let header: Charset | null = null;
  if (headerLabel !== null) {
    header = resolveLabel(headerLabel, supportedByIconv);
    if (header === null) warnings.push(`unknown charset ${headerLabel} in Content-Type; ignored`);
  }

  const metaLabel = prescanMetaCharset(bytes, isKnownLabel);
  let meta = metaLabel === null ? null : resolveLabel(metaLabel, supportedByIconv);
  // A page cannot announce UTF-16 from inside itself: its ASCII markup would not be readable.
  if (meta === 'utf-16le' || meta === 'utf-16be') meta = 'utf-8';

  if (bytes.length === 0) return { text: '', charset: header ?? meta ?? 'utf-8', warnings };

  let decoded: { text: string; charset: Charset };
  if (header !== null && headerLabel !== null) {
    const other = meta !== null && meta !== header ? meta : null;
    decoded = decodeDeclared(bytes, { charset: header, label: headerLabel }, other, warnings);
  } else if (meta !== null && metaLabel !== null) {
    decoded = decodeDeclared(bytes, { charset: meta, label: metaLabel }, null, warnings);
  } else {
    decoded = decodeUndeclared(bytes);
  }
  if (decoded.charset === 'gb18030') decoded = rescueUtf8Runs(bytes, decoded, warnings);
  const { text, charset } = dropReplacements(bytes, decoded, warnings);
  return { text, charset, warnings };
}

/**
 * Three-byte UTF-8 characters a run must hold before it is read as UTF-8 inside a GB18030 page.
 * GBK text forms a valid three-byte UTF-8 sequence by chance at under 2% of its characters, so
 * eight in a row (ASCII allowed between) do not happen by accident.
 */
const MIN_UTF8_RUN_CHARS = 8;
/** "，" and "。" in UTF-8: a Chinese UTF-8 fragment has one; a GBK page almost never has these bytes. */
const UTF8_CJK_PUNCTUATION = [Buffer.from('，', 'utf8'), Buffer.from('。', 'utf8')];

/** Length of the valid multi-byte UTF-8 sequence at i, or 0. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const cont = (k: number) => i + k < bytes.length && (bytes[i + k]! & 0xc0) === 0x80;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const b1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f)) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const b1 = bytes[i + 1] ?? 0;
    if ((b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * A GBK page with a UTF-8 paragraph pasted in (a CMS include, a feed snippet): the GB18030 reading
 * turns the paragraph into mojibake ("鍦ㄩ檲鍫..."). Runs of UTF-8 that start on a GB18030
 * character boundary and hold at least MIN_UTF8_RUN_CHARS three-byte characters are decoded as
 * UTF-8, the rest as before.
 */
function rescueUtf8Runs(
  bytes: Uint8Array,
  decoded: { text: string; charset: Charset },
  warnings: string[],
): { text: string; charset: Charset } {
  const buffer = asBuffer(bytes);
  if (!UTF8_CJK_PUNCTUATION.some((p) => buffer.indexOf(p) !== -1) || isUtf8(bytes)) return decoded;
  const runs: Array<[number, number]> = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // At a GB18030 character boundary: does a long enough UTF-8 run start here?
    let j = i;
    let end = i;
    let chars = 0;
    while (j < n) {
      if (bytes[j]! < 0x80) {
        j++;
        continue;
      }
      const len = utf8SequenceLength(bytes, j);
      if (len === 0) break;
      if (len === 3) chars++;
      j += len;
      end = j;
    }
    if (chars >= MIN_UTF8_RUN_CHARS) {
      runs.push([i, end]);
      i = end;
      continue;
    }
    // No: step over one GB18030 character.
    const trail = i + 1 < n ? bytes[i + 1]! : 0;
    if (trail >= 0x30 && trail <= 0x39) i += 4;
    else if (lead !== 0x80 && lead !== 0xff && trail >= 0x40 && trail !== 0x7f && trail !== 0xff) i += 2;
    else i++;
  }
  if (runs.length === 0) return decoded;
  const parts: string[] = [];
  let at = 0;
  for (const [start, stop] of runs) {
    parts.push(decodeAs(bytes.subarray(at, start), 'gb18030'), utf8Decoder.decode(bytes.subarray(start, stop)));
    at = stop;
  }
  parts.push(decodeAs(bytes.subarray(at), 'gb18030'));
  warnings.push(`decoded ${runs.length} UTF-8 run${runs.length === 1 ? '' : 's'} inside the gb18030 page as utf-8`);
  return { text: parts.join(''), charset: decoded.charset };
}

/**
 * Removes the U+FFFD left by byte sequences the chosen charset cannot decode (a GBK character
 * cut in half by a CMS's "..." truncation, a stray lead byte). They carry no recoverable text,
 * and a U+FFFD in a title or body is worse than nothing.
 */
function dropReplacements(
  bytes: Uint8Array,
  decoded: { text: string; charset: Charset },
  warnings: string[],
): { text: string; charset: Charset } {
  // A U+FFFD written in valid UTF-8 is the page's own character. (Checked first: the native
  // validity check is cheaper than counting over the decoded text.)
  if (decoded.charset === 'utf-8' && isUtf8(bytes)) return decoded;
  const count = countReplacements(decoded.text);
  if (count === 0) return decoded;
  warnings.push(`dropped ${count} undecodable byte sequence${count === 1 ? '' : 's'} (${decoded.charset})`);
  return { text: decoded.text.replaceAll('\uFFFD', ''), charset: decoded.charset };
}
