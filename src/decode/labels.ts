/**
 * Charset labels -> the decoder we use, after the WHATWG Encoding Standard
 * (https://encoding.spec.whatwg.org/#names-and-labels). Browsers decode every GB2312/GBK label
 * with the GB18030 decoder (a superset), and every Big5 label as Big5-HKSCS; real portals rely on
 * that, since pages labelled gb2312 routinely use GBK-only characters.
 */

/** Canonical charset names this module returns. */
export type Charset = string;

/** WHATWG label -> canonical name. Labels are matched after trimming and lower-casing. */
const LABELS: ReadonlyMap<string, Charset> = new Map<string, Charset>([
  // UTF-8
  ['utf-8', 'utf-8'],
  ['utf8', 'utf-8'],
  ['unicode-1-1-utf-8', 'utf-8'],
  ['unicode11utf8', 'utf-8'],
  ['unicode20utf8', 'utf-8'],
  ['x-unicode20utf8', 'utf-8'],
  // GBK family: all decoded as GB18030
  ['gb18030', 'gb18030'],
  ['gbk', 'gb18030'],
  ['x-gbk', 'gb18030'],
  ['gb2312', 'gb18030'],
  ['gb_2312', 'gb18030'],
  ['gb_2312-80', 'gb18030'],
  ['csgb2312', 'gb18030'],
  ['csiso58gb231280', 'gb18030'],
  ['iso-ir-58', 'gb18030'],
  ['chinese', 'gb18030'],
  // Not WHATWG labels, but Microsoft/IANA names Chinese CMSs write; iconv-lite would otherwise
  // take them as plain GBK (cp936), which fails on GB18030 four-byte sequences.
  ['cp936', 'gb18030'],
  ['windows-936', 'gb18030'],
  ['ms936', 'gb18030'],
  ['euc-cn', 'gb18030'],
  ['x-euc-cn', 'gb18030'],
  // Big5 family: decoded as Big5-HKSCS
  ['big5', 'big5'],
  ['big5-hkscs', 'big5'],
  ['cn-big5', 'big5'],
  ['csbig5', 'big5'],
  ['x-x-big5', 'big5'],
  // UTF-16
  ['utf-16', 'utf-16le'],
  ['utf-16le', 'utf-16le'],
  ['unicode', 'utf-16le'],
  ['ucs-2', 'utf-16le'],
  ['csunicode', 'utf-16le'],
  ['iso-10646-ucs-2', 'utf-16le'],
  ['unicodefeff', 'utf-16le'],
  ['utf-16be', 'utf-16be'],
  ['unicodefffe', 'utf-16be'],
  // Latin-1 and ASCII labels mean windows-1252 on the web
  ['iso-8859-1', 'windows-1252'],
  ['iso8859-1', 'windows-1252'],
  ['iso_8859-1', 'windows-1252'],
  ['latin1', 'windows-1252'],
  ['l1', 'windows-1252'],
  ['ascii', 'windows-1252'],
  ['us-ascii', 'windows-1252'],
  ['cp1252', 'windows-1252'],
  ['windows-1252', 'windows-1252'],
  ['x-cp1252', 'windows-1252'],
  ['cp819', 'windows-1252'],
  ['ibm819', 'windows-1252'],
  // Japanese and Korean portals occasionally link in
  ['shift_jis', 'shift_jis'],
  ['shift-jis', 'shift_jis'],
  ['sjis', 'shift_jis'],
  ['ms_kanji', 'shift_jis'],
  ['windows-31j', 'shift_jis'],
  ['x-sjis', 'shift_jis'],
  ['euc-jp', 'euc-jp'],
  ['x-euc-jp', 'euc-jp'],
  ['euc-kr', 'euc-kr'],
  ['ks_c_5601-1987', 'euc-kr'],
  ['windows-949', 'euc-kr'],
  ['cseuckr', 'euc-kr'],
  ['x-user-defined', 'windows-1252'],
]);

/** iconv-lite's name for a canonical charset, where it differs. */
const ICONV_NAME: ReadonlyMap<Charset, string> = new Map([
  ['big5', 'big5hkscs'],
  ['shift_jis', 'shiftjis'],
  ['euc-kr', 'cp949'],
]);

/** Multi-byte CJK charsets whose mislabelled bytes we try to recover. */
export const CJK_CANDIDATES: readonly Charset[] = ['gb18030', 'big5'];

/**
 * The canonical charset for a label, or null when the label is unknown (the caller then falls
 * through to the next source of truth, as a browser does).
 */
export function resolveLabel(label: string, supported: (iconvName: string) => boolean): Charset | null {
  const key = label
    .trim()
    .replace(/^["']|["']$/g, '')
    // `charset="GB2312;"`, `charset=gbk,`: trailing separators copied in with the label.
    .replace(/[\s;,]+$/, '')
    .toLowerCase();
  if (key === '') return null;
  const known = LABELS.get(key);
  if (known !== undefined) return known;
  // Labels outside the table (iso-8859-5, koi8-r, windows-1251, ...): accept what iconv-lite knows.
  return supported(key) ? key : null;
}

export function iconvName(charset: Charset): string {
  return ICONV_NAME.get(charset) ?? charset;
}
