/**
 * The one HTML tree of a page: parsed once with htmlparser2 (about 3x faster than parse5 on
 * these portals, DESIGN.md) and walked by every extraction stage. Helpers here are shared by the
 * metadata and body stages; add to them, do not fork them.
 */
import { _compileUnsafe as compileSelector, selectAll, selectOne } from 'css-select';
import type { AnyNode, ChildNode, Document } from 'domhandler';
import { DomHandler, Element, isComment, isTag, isText } from 'domhandler';
import { Parser, Tokenizer } from 'htmlparser2';

export type { AnyNode, Document, Element };
export { isComment, isTag, isText };

const PARSE_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };

/** Thrown by the guarded parse the moment the tree gets deeper than MAX_NESTING. */
class TooDeep extends Error {}

/**
 * An element that knows its place in document order, numbered as the parser creates it. A stage
 * keeping a record per element reads it from an array by this number: a Map keyed by the
 * elements themselves must hash each of a page's fresh elements, which cost the body stage as
 * much as its whole pass over the page's text.
 */
export class OrderedElement extends Element {
  constructor(
    name: string,
    attribs: Record<string, string>,
    /** 0 for the first element of the page, then 1, 2, … in the order the tags open. */
    readonly order: number,
  ) {
    super(name, attribs);
  }
}

/** The document-order number of an element parseHtml() made, or -1 for one it did not. */
export function elementOrder(el: Element): number {
  return el instanceof OrderedElement ? el.order : -1;
}

/**
 * A DomHandler that makes OrderedElements; otherwise what DomHandler's own onopentag and addNode
 * do (HTML mode, no source indices).
 */
class OrderingHandler extends DomHandler {
  #next = 0;

  override onopentag(name: string, attribs: Record<string, string>): void {
    const element = new OrderedElement(name, attribs, this.#next++);
    this.addNode(element);
    this.tagStack.push(element);
  }

  /**
   * A first child gets an array of its own size: pushed onto the empty `children` array, it made
   * V8 reserve 17 slots, and most elements of a page hold a single child (a link's text, a
   * paragraph's). Garbage from the parse is most of what the collector copies and clears.
   */
  protected override addNode(node: ChildNode): void {
    const parent = this.tagStack[this.tagStack.length - 1]!;
    const siblings = parent.children;
    if (siblings.length === 0) {
      parent.children = [node];
    } else {
      const previous = siblings[siblings.length - 1]!;
      siblings.push(node);
      node.prev = previous;
      previous.next = node;
    }
    node.parent = parent;
    this.lastNode = null;
  }
}

/**
 * A DomHandler that gives up once the open-element stack passes MAX_NESTING. Guarding inside the
 * parse costs ordinary pages nothing, where a capNesting pre-scan of every page cost a third of a
 * parse; only a page that really nests that deep pays for a second, capped parse.
 */
class DepthGuardHandler extends OrderingHandler {
  override onopentag(name: string, attribs: Record<string, string>): void {
    if (this.tagStack.length > MAX_NESTING) throw new TooDeep();
    super.onopentag(name, attribs);
  }
}

/** The parts of htmlparser2's Tokenizer the run-skipping one reads and overrides (private in its types). */
interface TokenizerInternals {
  buffer: string;
  index: number;
  offset: number;
  stateText(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
  fastForwardTo(c: number): boolean;
}

const LT = 0x3c;
const AMP = 0x26;
const DOUBLE_QUOTE = 0x22;
/** Runs of characters that mean nothing to the tokenizer in text and in a quoted attribute value. */
const TEXT_RUN_RE = /[^<&]+/y;
const DOUBLE_QUOTED_RUN_RE = /[^"&]+/y;
const SINGLE_QUOTED_RUN_RE = /[^'&]+/y;

/**
 * htmlparser2's tokenizer steps through text and attribute values one character at a time, though
 * nothing happens before the next `<`, `&` or closing quote, and it looks for the end of a script,
 * style or comment with a loop of charCodeAt. Half of a portal page is inline script and style.
 * This tokenizer moves over each such run in one native step (a sticky regex, indexOf) and hands
 * every other character to htmlparser2's own code: the same tokens and the same tree, in about 0.7x
 * the parse time. It overrides private methods of the pinned htmlparser2 10; dom.test.ts checks
 * the trees against htmlparser2's own tokenizer, and an htmlparser2 without these methods gets its
 * own tokenizer back.
 */
function runSkippingTokenizer(): typeof Tokenizer | undefined {
  const base = Tokenizer.prototype as unknown as TokenizerInternals;
  if (typeof base.stateText !== 'function' || typeof base.handleInAttributeValue !== 'function' || typeof base.fastForwardTo !== 'function') {
    return undefined;
  }
  class RunSkippingTokenizer extends Tokenizer {}
  const own = RunSkippingTokenizer.prototype as unknown as TokenizerInternals;
  /** Moves to the last character of the run starting at the current one; the tokenizer's loop steps past it. */
  const skipRun = (tokenizer: TokenizerInternals, run: RegExp): void => {
    run.lastIndex = tokenizer.index - tokenizer.offset;
    if (run.test(tokenizer.buffer)) tokenizer.index = run.lastIndex - 1 + tokenizer.offset;
  };
  own.stateText = function (this: TokenizerInternals, c: number): void {
    if (c === LT || c === AMP) base.stateText.call(this, c);
    else skipRun(this, TEXT_RUN_RE);
  };
  own.handleInAttributeValue = function (this: TokenizerInternals, c: number, quote: number): void {
    if (c === quote || c === AMP) base.handleInAttributeValue.call(this, c, quote);
    else skipRun(this, quote === DOUBLE_QUOTE ? DOUBLE_QUOTED_RUN_RE : SINGLE_QUOTED_RUN_RE);
  };
  own.fastForwardTo = function (this: TokenizerInternals, c: number): boolean {
    const at = this.buffer.indexOf(String.fromCharCode(c), this.index + 1 - this.offset);
    if (at !== -1) {
      this.index = at + this.offset;
      return true;
    }
    // Where htmlparser2's loop leaves it: on the last character, which the tokenizer's loop steps past.
    this.index = this.buffer.length + this.offset - 1;
    return false;
  };
  return RunSkippingTokenizer;
}

const PARSER_OPTIONS = { ...PARSE_OPTIONS, Tokenizer: runSkippingTokenizer() };

/** The parts of htmlparser2's Parser the name-lowering one reads and overrides (private in its types). */
interface ParserInternals {
  startIndex: number;
  endIndex: number;
  attribname: string;
  htmlMode: boolean;
  /** Open elements, innermost first. */
  stack: string[];
  foreignContext: boolean[];
  cbs: { onclosetag?(name: string, isImplied: boolean): void; onopentagname?(name: string): void; onopentag?(name: string, attribs: Record<string, string>, isImplied: boolean): void };
  getSlice(start: number, end: number): string;
  emitOpenTag(name: string): void;
  closeCurrentTag(isOpenImplied: boolean): void;
  isVoidElement(name: string): boolean;
  onopentagname(start: number, endIndex: number): void;
  onattribname(start: number, endIndex: number): void;
  onclosetag(start: number, endIndex: number): void;
}

/** htmlparser2 10's own sets (module-private there): closing one of these leaves a foreign (SVG, MathML) context. */
const FOREIGN_CONTEXT_ELEMENTS = new Set(['math', 'svg']);
const HTML_INTEGRATION_ELEMENTS = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

/**
 * `name.toLowerCase()` without the call when there is nothing to lower. Names are slices of the
 * page's text, two-byte on any page with Chinese in it, where toLowerCase costs several times what
 * it does on one-byte text; nearly every tag and attribute name is already lower-case ASCII.
 */
function lowerName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c >= 0x80) return name.toLowerCase();
  }
  return name;
}

/**
 * The attribute names portal pages use most, as the literals they equal. The parser uses every
 * attribute name twice as a property key (hasOwnProperty, then the store), and V8 looks a freshly
 * sliced key up in its string table each time; one lookup here hands over the interned string.
 */
const COMMON_ATTRIBUTE_NAMES: ReadonlyMap<string, string> = new Map(
  [
    'class', 'id', 'href', 'src', 'style', 'target', 'title', 'alt', 'type', 'name', 'content', 'width',
    'height', 'rel', 'border', 'align', 'value', 'charset', 'lang', 'http-equiv', 'property', 'onclick',
    'data-src', 'cellpadding', 'cellspacing', 'valign', 'color', 'size', 'face', 'colspan', 'rowspan',
    'bgcolor', 'action', 'method', 'for', 'role', 'language', 'frameborder', 'scrolling', 'itemprop',
  ].map((name) => [name, name]),
);

/**
 * htmlparser2's Parser with lowerName() for tag, closing-tag and attribute names (PARSE_OPTIONS
 * asks for all lowered) and common attribute names handed over interned: the same names, about 8%
 * less parse time, and another 7% from closing tags (0.68–0.70 → 0.63–0.65 ms a corpus page).
 * Like the tokenizer above, it overrides private methods of the pinned htmlparser2 10 (the same
 * dom.test.ts cases check it), and falls back to the stock Parser without them.
 */
function nameLoweringParser(): typeof Parser {
  const base = Parser.prototype as unknown as ParserInternals;
  const needed = ['getSlice', 'emitOpenTag', 'closeCurrentTag', 'isVoidElement', 'onopentagname', 'onattribname', 'onclosetag'] as const;
  if (needed.some((method) => typeof base[method] !== 'function')) return Parser;
  class NameLoweringParser extends Parser {}
  const own = NameLoweringParser.prototype as unknown as ParserInternals;
  own.onopentagname = function (this: ParserInternals, start: number, endIndex: number): void {
    this.endIndex = endIndex;
    this.emitOpenTag(lowerName(this.getSlice(start, endIndex)));
  };
  own.onattribname = function (this: ParserInternals, start: number, endIndex: number): void {
    this.startIndex = start;
    const name = lowerName(this.getSlice(start, endIndex));
    this.attribname = COMMON_ATTRIBUTE_NAMES.get(name) ?? name;
  };
  // htmlparser2 10.1's onclosetag line for line, with lowerName() for its toLowerCase(): a page
  // closes almost as many tags as it opens.
  own.onclosetag = function (this: ParserInternals, start: number, endIndex: number): void {
    this.endIndex = endIndex;
    const name = lowerName(this.getSlice(start, endIndex));
    if (this.htmlMode && (FOREIGN_CONTEXT_ELEMENTS.has(name) || HTML_INTEGRATION_ELEMENTS.has(name))) {
      this.foreignContext.shift();
    }
    if (!this.isVoidElement(name)) {
      const pos = this.stack.indexOf(name);
      if (pos !== -1) {
        for (let index = 0; index <= pos; index++) {
          const element = this.stack.shift()!;
          this.cbs.onclosetag?.(element, index !== pos);
        }
      } else if (this.htmlMode && name === 'p') {
        // A </p> with no <p> open: an empty paragraph, as browsers make.
        this.emitOpenTag('p');
        this.closeCurrentTag(true);
      }
    } else if (this.htmlMode && name === 'br') {
      // </br> is a <br> (not through emitOpenTag, which would close it implicitly).
      this.cbs.onopentagname?.('br');
      this.cbs.onopentag?.('br', {}, true);
      this.cbs.onclosetag?.('br', false);
    }
    this.startIndex = endIndex + 1;
  };
  return NameLoweringParser;
}

const HtmlParser = nameLoweringParser();

function parseWith(handler: DomHandler, html: string): Document {
  new HtmlParser(handler, PARSER_OPTIONS).end(html);
  return handler.root;
}

export function parseHtml(html: string): Document {
  try {
    return parseWith(new DepthGuardHandler(), html);
  } catch (err) {
    if (!(err instanceof TooDeep)) throw err;
  }
  return parseWith(new OrderingHandler(), capNesting(html));
}

/**
 * htmlparser2 keeps its open-element stack with Array#unshift, so parsing costs O(depth²): 50,000
 * nested `<div>`s take a second, 200,000 take 20 s (a hostile page, or a broken generator). No
 * reader-visible page nests anywhere near MAX_NESTING, so deeper tags are dropped (their text is
 * kept). Counting `<` first keeps the cost off ordinary pages: fewer tags than the cap cannot nest
 * deeper than it.
 */
export const MAX_NESTING = 2000;
/** A tag's start; its end is the next `>` (a regex `[^>]*?>` rescans to the page's end from every `<x` after the last `>`). */
const TAG_START_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/g;
const VOID_TAGS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

export function capNesting(html: string, maxDepth = MAX_NESTING): string {
  let tags = 0;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    if (++tags > maxDepth) break;
  }
  if (tags <= maxDepth) return html;
  let depth = 0;
  let excess = 0;
  let dropped = false;
  /** Where the last `<br>` left for a dropped block ends: a run of dropped tags leaves one. */
  let breakEnd = -1;
  /**
   * What a dropped tag leaves behind: a block still ends the line, as a `<br>` (void, so no
   * nesting), so that paragraphs and the headline / meta lines below the cap do not run together.
   */
  const drop = (name: string, offset: number, length: number): string => {
    dropped = true;
    const adjacent = offset === breakEnd;
    if (adjacent) breakEnd = offset + length;
    if (!BLOCK_TAGS.has(name) || adjacent) return '';
    breakEnd = offset + length;
    return '<br>';
  };
  const onTag = (tag: string, slash: string, rawName: string, selfClosing: string, offset: number): string => {
    const name = rawName.toLowerCase();
    if (VOID_TAGS.has(name) || selfClosing === '/') return tag;
    if (slash === '') {
      if (depth >= maxDepth) {
        excess++;
        return drop(name, offset, tag.length);
      }
      depth++;
      return tag;
    }
    if (excess > 0) {
      excess--;
      return drop(name, offset, tag.length);
    }
    if (depth > 0) depth--;
    return tag;
  };
  let out = '';
  let copied = 0;
  TAG_START_RE.lastIndex = 0;
  for (let m = TAG_START_RE.exec(html); m !== null; m = TAG_START_RE.exec(html)) {
    const nameEnd = TAG_START_RE.lastIndex;
    const close = html.indexOf('>', nameEnd);
    // No `>` after this start: none after any later one either.
    if (close === -1) break;
    const selfClosing = close > nameEnd && html.charCodeAt(close - 1) === 0x2f ? '/' : '';
    out += html.slice(copied, m.index) + onTag(html.slice(m.index, close + 1), m[1]!, m[2]!, selfClosing, m.index);
    copied = close + 1;
    TAG_START_RE.lastIndex = close + 1;
  }
  out += html.slice(copied);
  return dropped ? out : html;
}

/** Elements whose text never reaches a reader. */
export const INVISIBLE_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'select',
  'option',
  'textarea',
  'button',
  'input',
]);

/** Elements that start a new line when a browser renders them. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'thead', 'tfoot', 'tr', 'td', 'th', 'ul', 'caption', 'br',
]);

/** Whitespace incl. NBSP, ideographic space and zero-width characters, as pages use them for layout. */
export const SPACE_RE = /[\s\u00a0\u3000\u200b-\u200d\ufeff]+/g;

const SPACE = 1;
const PRIVATE_USE = 2;

/**
 * Per code unit: SPACE where SPACE_RE matches (built from SPACE_RE itself, so the two cannot
 * disagree), PRIVATE_USE in U+E000–F8FF. The per-character loops below run over every text node
 * and line of a page, where a table read is cheaper than a regex replace that allocates a string
 * only to be measured.
 */
const CHAR_KIND = (() => {
  const table = new Uint8Array(0x10000);
  const single = new RegExp(`^${SPACE_RE.source}$`);
  for (let code = 0; code < 0x10000; code++) if (single.test(String.fromCharCode(code))) table[code] = SPACE;
  table.fill(PRIVATE_USE, 0xe000, 0xf900);
  return table;
})();

/** Private-use code points: GBK pages' user-defined characters (icons, bullets) decode to these. */
const PRIVATE_USE_RE = /[\ue000-\uf8ff]/g;

/** `text.replace(SPACE_RE, '').length`, without building the string. */
export function visibleLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (CHAR_KIND[text.charCodeAt(i)] !== SPACE) count++;
  return count;
}

/**
 * `text.replace(SPACE_RE, ' ').trim()`: runs of whitespace become one space, none at either end.
 * Most lines need few or no changes, so clean stretches are sliced rather than rebuilt.
 */
export function collapseSpaces(text: string): string {
  return collapse(text, false) as string;
}

/**
 * `collapseSpaces(text.replace(/[\ue000-\uf8ff]/g, ''))`. Lines rarely hold private-use characters:
 * the pass that collapses a line finds there are none, where a regex replace first cost a call on
 * every line of the page.
 */
export function collapseSpacesWithoutPrivateUse(text: string): string {
  return collapse(text, true) ?? collapseSpaces(text.replace(PRIVATE_USE_RE, ''));
}

/** collapseSpaces(), or null when `stopAtPrivateUse` and the text holds a private-use character. */
function collapse(text: string, stopAtPrivateUse: boolean): string | null {
  const length = text.length;
  let start = 0;
  while (start < length && CHAR_KIND[text.charCodeAt(start)] === SPACE) start++;
  let end = length;
  while (end > start && CHAR_KIND[text.charCodeAt(end - 1)] === SPACE) end--;
  let out: string | null = null;
  let clean = start;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const kind = CHAR_KIND[code];
    if (kind !== SPACE) {
      // (Trimming stops at a private-use character, so every one lies in start..end.)
      if (kind === PRIVATE_USE && stopAtPrivateUse) return null;
      continue;
    }
    // A lone ASCII space between visible characters is already what the collapse would write.
    if (code === 0x20 && CHAR_KIND[text.charCodeAt(i + 1)] !== SPACE) continue;
    let runEnd = i + 1;
    while (CHAR_KIND[text.charCodeAt(runEnd)] === SPACE) runEnd++;
    out = `${out ?? ''}${text.slice(clean, i)} `;
    clean = runEnd;
    i = runEnd - 1;
  }
  if (out === null) return start === 0 && end === length ? text : text.slice(start, end);
  return out + text.slice(clean, end);
}

/**
 * An element's own text nodes, joined: a script's code, a `<title>`, an `<option>` (textOf()
 * leaves such elements out).
 */
export function ownText(el: Element): string {
  return el.children.map((c) => (isText(c) ? c.data : '')).join('');
}

/** Text of a node as one line, invisible elements skipped, whitespace collapsed. */
export function textOf(node: AnyNode): string {
  // Most elements asked for their text hold one text node (a link's, a heading's): read it
  // without the array and the join. What collectText() adds around it is blank and trimmed.
  if (isTag(node) && node.children.length === 1) {
    const only = node.children[0]!;
    if (isText(only) && !INVISIBLE_TAGS.has(node.name) && !isHidden(node)) return collapseSpaces(only.data);
  }
  const parts: string[] = [];
  collectText(node, parts, false);
  return collapseSpaces(parts.join(''));
}

/**
 * textOf(node) when its visible (non-space) characters are at most `maxVisible`, else null: the
 * walk stops as soon as the bound is passed. Callers asking each of many nested elements (every
 * `<b>` of 400 unclosed ones, 1,500 nested `span#hits`) for text they reject when long paid for the
 * whole page's text at every level.
 */
export function textWithin(node: AnyNode, maxVisible: number): string | null {
  const parts: string[] = [];
  const budget: TextBudget = { left: maxVisible };
  collectText(node, parts, false, budget);
  return budget.left < 0 ? null : collapseSpaces(parts.join(''));
}

/**
 * Text of a node as a browser lays it out: one line per block element and `<br>`,
 * blank lines dropped, each line's whitespace collapsed.
 */
export function linesOf(node: AnyNode): string[] {
  const parts: string[] = [];
  collectText(node, parts, true);
  return parts
    .join('')
    .split('\n')
    .map((line) => collapseSpaces(line))
    .filter((line) => line.length > 0);
}

/** Visible characters a text walk may still read (textWithin); below zero, it has stopped. */
interface TextBudget {
  left: number;
}

function collectText(node: AnyNode, out: string[], blocks: boolean, budget: TextBudget | null = null): void {
  if (budget !== null && budget.left < 0) return;
  if (isText(node)) {
    // Counted only as far as the bound: one text node may hold the whole page.
    if (budget !== null) budget.left -= visibleCount(node.data, budget.left + 1);
    out.push(node.data);
    return;
  }
  if (!isTag(node) && node.type !== 'root') return;
  if (isTag(node)) {
    if (INVISIBLE_TAGS.has(node.name)) return;
    if (isHidden(node)) return;
    if (node.name === 'br') {
      out.push(blocks ? '\n' : ' ');
      return;
    }
    if (node.name === 'img') return;
  }
  const block = isTag(node) && BLOCK_TAGS.has(node.name);
  if (block) out.push(blocks ? '\n' : ' ');
  for (const child of (node as Element).children) collectText(child, out, blocks, budget);
  if (block) out.push(blocks ? '\n' : ' ');
}

/** Non-space characters of `text`, counted up to `cap`. */
function visibleCount(text: string, cap: number): number {
  let count = 0;
  for (let i = 0; i < text.length && count < cap; i++) if (CHAR_KIND[text.charCodeAt(i)] !== SPACE) count++;
  return count;
}

/** Whether `node` is `ancestor` or inside it. */
export function contains(ancestor: AnyNode, node: AnyNode): boolean {
  for (let up: AnyNode | null = node; up !== null; up = up.parent) if (up === ancestor) return true;
  return false;
}

/** Inline `display:none` / `visibility:hidden` / the `hidden` attribute. */
export function isHidden(el: Element): boolean {
  if (el.attribs.hidden !== undefined) return true;
  const style = el.attribs.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/**
 * Hidden only until a script shows it: `visibility:hidden` without `display:none` (WeChat's
 * `div#js_content`, fade-in loaders). Such an element still takes its place on the page.
 */
export function isRevealedLater(el: Element): boolean {
  const style = el.attribs.style;
  return el.attribs.hidden === undefined && style !== undefined && !/display\s*:\s*none/i.test(style) && /visibility\s*:\s*hidden/i.test(style);
}

export function attr(el: Element, name: string): string | null {
  const value = el.attribs[name];
  return value === undefined ? null : value;
}

type CompiledSelector = ReturnType<typeof compileSelector<AnyNode, Element>>;

/**
 * Selectors compiled once per process, by their text: css-select compiles a string selector anew
 * on every call, and a site profile's dozen selectors run on every page of its site (on the
 * bench portal that compiling was a quarter of the page worker's css-select time). The compiler is
 * the one selectAll() uses on a string. Only selectors whose meaning does not depend on where they
 * are run are kept: css-select rewrites one that starts with a combinator (also after a comma) or
 * uses :scope around the very elements it is run on.
 */
const compiledSelectors = new Map<string, CompiledSelector | null>();
const COMPILED_SELECTORS_LIMIT = 1000;
/** A selector css-select reads relative to the elements it runs on. */
const RELATIVE_SELECTOR_RE = /(?:^|,)\s*[>+~]|:scope/i;

function contextFree(selector: string): CompiledSelector | null {
  let query = compiledSelectors.get(selector);
  if (query !== undefined) return query;
  query = RELATIVE_SELECTOR_RE.test(selector) ? null : compileSelector<AnyNode, Element>(selector);
  if (compiledSelectors.size >= COMPILED_SELECTORS_LIMIT) compiledSelectors.clear();
  compiledSelectors.set(selector, query);
  return query;
}

/**
 * A selector run on a document means the same wherever the document is; run on elements inside
 * one, css-select reads it relative to them (":scope sel") and must compile it for them.
 */
function isDocument(root: AnyNode | AnyNode[]): boolean {
  return !Array.isArray(root) && root.type === 'root';
}

export function select(selector: string, root: AnyNode | AnyNode[]): Element[] {
  const query = isDocument(root) ? contextFree(selector) : null;
  return selectAll(query ?? selector, root);
}

export function selectFirst(selector: string, root: AnyNode | AnyNode[]): Element | null {
  const query = isDocument(root) ? contextFree(selector) : null;
  return selectOne(query ?? selector, root);
}

/** Depth-first walk over elements; return false from `visit` to skip a subtree. */
export function walkElements(root: AnyNode, visit: (el: Element) => boolean | undefined): void {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isTag(node)) {
      if (visit(node) === false) continue;
    } else if (node.type !== 'root') {
      continue;
    }
    const children = (node as Element).children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** Resolve a possibly relative link against the page URL; null for javascript:, data: or junk. */
export function absoluteUrl(href: string | null | undefined, base: URL): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (trimmed === '' || /^(javascript|mailto|tel|data|about):/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href;
  } catch {
    return null;
  }
}
