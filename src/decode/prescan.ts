/**
 * The WHATWG "prescan a byte stream to determine its encoding" algorithm
 * (https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding),
 * run over the first PRESCAN_BYTES of the page. It skips comments and the attributes of other
 * tags, so a `charset=` inside a comment or a script string does not count.
 */

/**
 * How far into the page a `<meta charset>` is honoured. Browsers stop at 1024 bytes; Chinese
 * portals put long keyword/description metas first, so we read further, as the brief asks.
 */
export const PRESCAN_BYTES = 4096;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}

function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

interface Attribute {
  name: string;
  value: string;
}

class Scanner {
  pos = 0;
  constructor(readonly s: string) {}

  /**
   * The "get an attribute" algorithm; null when the tag ends or the input runs out. The spec
   * appends a character at a time; names and values are contiguous, so they are sliced instead.
   */
  attribute(): Attribute | null {
    const s = this.s;
    while (isSpace(s[this.pos]) || s[this.pos] === '/') this.pos++;
    if (this.pos >= s.length || s[this.pos] === '>') return null;
    const nameStart = this.pos;
    let name: string;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) return null;
      if (c === '=' && this.pos > nameStart) {
        name = s.slice(nameStart, this.pos);
        this.pos++;
        break;
      }
      if (isSpace(c)) {
        name = s.slice(nameStart, this.pos);
        while (isSpace(s[this.pos])) this.pos++;
        if (s[this.pos] !== '=') return { name, value: '' };
        this.pos++;
        break;
      }
      if (c === '/' || c === '>') return { name: s.slice(nameStart, this.pos), value: '' };
      this.pos++;
    }
    while (isSpace(s[this.pos])) this.pos++;
    const quote = s[this.pos];
    if (quote === '"' || quote === "'") {
      const end = s.indexOf(quote, this.pos + 1);
      if (end < 0) {
        this.pos = s.length;
        return null;
      }
      const value = s.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { name, value };
    }
    if (quote === '>') return { name, value: '' };
    const valueStart = this.pos;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) return null;
      if (isSpace(c) || c === '>') return { name, value: s.slice(valueStart, this.pos) };
      this.pos++;
    }
  }
}

/** "Extract a character encoding from a meta element" (the `content` attribute). */
export function charsetFromContent(content: string): string | null {
  const s = content.toLowerCase();
  let from = 0;
  for (;;) {
    const at = s.indexOf('charset', from);
    if (at < 0) return null;
    let p = at + 7;
    while (isSpace(s[p])) p++;
    if (s[p] !== '=') {
      from = p;
      continue;
    }
    p++;
    while (isSpace(s[p])) p++;
    const c = s[p];
    if (c === '"' || c === "'") {
      const end = s.indexOf(c, p + 1);
      return end < 0 ? null : s.slice(p + 1, end);
    }
    let end = p;
    while (end < s.length && !isSpace(s[end]) && s[end] !== ';') end++;
    return end > p ? s.slice(p, end) : null;
  }
}

/**
 * The charset label declared by a `<meta>` in the first PRESCAN_BYTES of `bytes`, as written
 * (lower case, not yet resolved), or null. Labels `isKnown` rejects are skipped, as browsers do.
 */
export function prescanMetaCharset(bytes: Uint8Array, isKnown: (label: string) => boolean = () => true): string | null {
  const window = bytes.subarray(0, PRESCAN_BYTES);
  // latin1 maps each byte to one char, so ASCII markup is matched whatever the page's charset.
  const s = Buffer.from(window.buffer, window.byteOffset, window.byteLength).toString('latin1').toLowerCase();
  const scan = new Scanner(s);
  while (scan.pos < s.length) {
    const p = scan.pos;
    if (s[p] !== '<') {
      const next = s.indexOf('<', p + 1);
      if (next < 0) return null;
      scan.pos = next;
      continue;
    }
    if (s.startsWith('<!--', p)) {
      const end = s.indexOf('-->', p + 2);
      if (end < 0) return null;
      scan.pos = end + 3;
      continue;
    }
    if (s.startsWith('<meta', p) && (isSpace(s[p + 5]) || s[p + 5] === '/')) {
      scan.pos = p + 6;
      const label = metaCharset(scan);
      // An unknown label does not end the scan: a later meta may name a real charset.
      if (label !== null && isKnown(label)) return label;
      continue;
    }
    if (isAsciiLetter(s[p + 1]) || (s[p + 1] === '/' && isAsciiLetter(s[p + 2]))) {
      scan.pos = p + 1;
      while (scan.pos < s.length && !isSpace(s[scan.pos]) && s[scan.pos] !== '>') scan.pos++;
      while (scan.attribute() !== null) {}
      scan.pos++;
      continue;
    }
    if (s[p + 1] === '!' || s[p + 1] === '/' || s[p + 1] === '?') {
      const end = s.indexOf('>', p + 1);
      if (end < 0) return null;
      scan.pos = end + 1;
      continue;
    }
    scan.pos = p + 1;
  }
  return null;
}

/** Reads one `<meta>`'s attributes; the charset label it declares, or null. */
function metaCharset(scan: Scanner): string | null {
  const seen = new Set<string>();
  let gotPragma = false;
  let needPragma: boolean | null = null;
  let charset: string | null = null;
  for (let attr = scan.attribute(); attr !== null; attr = scan.attribute()) {
    if (seen.has(attr.name)) continue;
    seen.add(attr.name);
    if (attr.name === 'http-equiv') {
      if (attr.value.trim() === 'content-type') gotPragma = true;
    } else if (attr.name === 'content') {
      const found = charsetFromContent(attr.value);
      if (found !== null && charset === null) {
        charset = found;
        needPragma = true;
      }
    } else if (attr.name === 'charset') {
      charset = attr.value;
      needPragma = false;
    }
  }
  scan.pos++;
  if (needPragma === null || (needPragma && !gotPragma) || charset === null) return null;
  const label = charset.trim();
  return label === '' ? null : label;
}
