/**
 * Every match of a global regex, without String.prototype.matchAll. matchAll clones its regex
 * (`new RegExp(re, flags)` through the species constructor) on every call, and that cost
 * dominated the meta-line scan, which runs on every line of every page: JSRegExp::Initialize was
 * 5% of the crawl's page-worker time under perf.
 *
 * Returns an array rather than an iterator so that nothing else can run exec() on the same regex
 * while its matches are being read; lastIndex is 0 again afterwards.
 */
export function execAll(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new TypeError(`execAll needs a global regex: ${re}`);
  const matches: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    matches.push(m);
    // An empty match would be found again at the same place: step over one character (one code
    // point under the u or v flag, as matchAll does).
    if (m[0].length === 0) re.lastIndex = advance(text, re.lastIndex, re.unicode || re.flags.includes('v'));
  }
  return matches;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const unit = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}
