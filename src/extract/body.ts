/**
 * The BODY stage: find the element that holds the article, then read its text line by line,
 * leaving out furniture, and pick out its photos with their captions.
 *
 * 1. One pass over the tree counts, for every element, its visible characters, the characters
 *    inside links and the punctuation marks (Chinese ，。！？；：“”、 and ASCII), bottom-up: each
 *    text node is counted once, whatever the depth.
 * 2. Every block that holds text of its own (a `<p>`, a `<td>` of `<br>`-separated text, a `<div>`)
 *    scores 1 + punctuation + length/100 unless it is mostly links, and hands the score to itself,
 *    its parent, and with decay to three more ancestors (Readability's propagation, with GNE's
 *    Chinese punctuation density). An element's final score is that sum, plus its class/id weight
 *    and tag prior (never more than the text earned), times (1 − link density); halved for a card
 *    in a feed of look-alikes, raised for containers in the headline's neighbourhood. The best
 *    scorer is the article container; siblings that score close to it (a body split into sibling
 *    blocks) and a photo block right beside it join it. When it reads as no article, the
 *    runners-up get a turn. A site profile's body selector, when it finds enough text, goes first.
 * 3. A second walk over the container reads lines (one per block and `<br>`), skipping boilerplate
 *    blocks (class/id vocabulary, link-dense lists, metadata elements), then drops furniture lines
 *    (byline, ICP footer, share bar, page navigation) and the related list that trails the article.
 * 4. Each photo takes the caption line just under it (or over it, with caption wording); caption
 *    lines leave the body.
 */
import type { ArticleImage } from '../types.js';
import {
  BOILERPLATE_TAGS,
  classRole,
  isBoilerplateLine,
  isPageNavigation,
  isPlayerChrome,
  isTrailingListHeading,
} from './boilerplate.js';
import { DOCUMENT_EXTENSIONS, isBylineLine } from './cues.js';
import {
  type AnyNode,
  BLOCK_TAGS,
  collapseSpaces,
  contains,
  type Document,
  type Element,
  elementOrder,
  INVISIBLE_TAGS,
  isHidden,
  isRevealedLater,
  isTag,
  isText,
  select,
  textOf,
  visibleLength,
  walkElements,
} from './dom.js';
import {
  type AbovePlacement,
  type CaptionCandidate,
  type CaptionPlacement,
  hasCaptionClass,
  isCaptionAbove,
  isCaptionBelow,
  isCaptionContinuation,
  isMuted,
  meaningfulAlt,
  photoUrl,
} from './images.js';

/** Per-element counts, summed over the subtree (visible text only, whitespace not counted). */
interface NodeStats {
  chars: number;
  linkChars: number;
  punct: number;
  /** Text that sits directly in this block (through inline elements, not nested blocks). */
  ownChars: number;
  ownLinkChars: number;
  ownPunct: number;
  /** Score received from text blocks inside (step 2). */
  score: number;
  /** Received some score: a candidate container (step 2 lists each once, in the order reached). */
  touched: boolean;
  parent: NodeStats | null;
  el: Element;
  /** The block this element's direct text counts toward: itself when a block, else its parent's. */
  textBlock: NodeStats | null;
  /** Inside an `<a>`. */
  inLink: boolean;
}

export interface BodyInput {
  doc: Document;
  url: URL;
  title: string | null;
  /** The headline element: never part of the body; lines before it in the container are furniture. */
  titleElement: Element | null;
  /** Elements the metadata stage read (byline, summary): left out of the body. */
  consumed: readonly Element[];
  /** CSS selectors a site profile gives for the body container, in order of preference. */
  profileBody: readonly string[];
  /** CSS selectors of what a site profile removes from the body container. */
  profileRemove: readonly string[];
  /** CSS selectors of a site profile's photo blocks beside the body container (SiteProfile.photos). */
  profilePhotos: readonly string[];
  summary: string | null;
}

export interface BodyResult {
  body: string | null;
  images: ArticleImage[];
  /** The chosen container(s), for diagnostics and tests. */
  containers: Element[];
}

/** Text blocks shorter than this (non-space chars) do not vote for a container. */
const MIN_UNIT_CHARS = 10;
/** A text block whose link text exceeds this share is navigation, not article. */
const MAX_UNIT_LINK_SHARE = 0.5;
/** Score added or removed by an element's class/id words (Readability uses 25). */
const CLASS_WEIGHT = 25;
/** Siblings of the best container join it when they score at least this share of it. */
const SIBLING_SCORE_SHARE = 0.2;
/** Below this many characters the page has no article body. */
const MIN_BODY_CHARS = 20;
/** A body without any sentence mark must be at least this long to count (a poem, a list of items). */
const MIN_SENTENCELESS_BODY_CHARS = 200;
const SENTENCE_MARK_RE = /[。！？!?]|[a-z][.!?](?:\s|$)/;
/** A profile's body selector must yield at least this many characters to be trusted. */
const MIN_PROFILE_BODY_CHARS = 30;
/** Inside the container, a block whose link text exceeds this share is a link list. */
const MAX_BLOCK_LINK_SHARE = 0.55;
/** Text that a script reveals (visibility:hidden until shown) is read when there is this much of it. */
const MIN_REVEALED_CHARS = 200;
/** Lists and tables are link lists at a lower share. */
const MAX_LIST_LINK_SHARE = 0.4;
/** A block with class/id boilerplate words is kept only when it holds this share of the container. */
const BOILERPLATE_BLOCK_KEEP_SHARE = 0.5;
/** Nesting deeper than this is broken markup (unclosed inline tags); its text is read flat. */
const MAX_WALK_DEPTH = 1500;
/** Nodes looked at when asking whether a caption-class element holds paragraphs. */
const MAX_PARAGRAPH_SCAN_NODES = 200;
/** A block around a <video> with at most this much text, none of it a sentence, is the player's controls. */
const MAX_PLAYER_CHROME_CHARS = 300;
const VIDEO_TAGS = new Set(['video', 'embed', 'object']);
/** A class naming a video block: "video-resource", "video_card", "inline-video". */
const VIDEO_CLASS_RE = /(?:^|[\s_-])video(?:$|[\s_-])/i;

/** Text of a card in Latin script without a sentence: a headline and a duration. */
function isLatinCard(text: string): boolean {
  return !/[\u3040-\u9fff\uac00-\ud7af]/.test(text) && !PROSE_SENTENCE_RE.test(text);
}
/** Nodes looked at under one block for its <video>: a player's markup is small. */
const MAX_PLAYER_SCAN_NODES = 400;

/** Whether a <video> (or a plug-in player) sits inside the element, looking through at most `limit` nodes. */
function holdsVideo(el: Element, limit = MAX_PLAYER_SCAN_NODES): boolean {
  const stack: AnyNode[] = [...el.children];
  for (let seen = 0; stack.length > 0 && seen < limit; seen++) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (VIDEO_TAGS.has(node.name)) return true;
    for (const child of node.children) stack.push(child);
  }
  return false;
}

/** A code block's line-number gutter: a list whose items are 1, 2, 3, … and nothing else. */
function isLineNumberGutter(list: Element): boolean {
  let expected = 1;
  for (const child of list.children) {
    if (!isTag(child)) continue;
    if (child.name !== 'li' || textOf(child).trim() !== String(expected)) return false;
    expected++;
  }
  return expected > 2;
}

const LIST_TAGS = new Set(['ul', 'ol', 'dl', 'table', 'tbody', 'menu']);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BOLD_TAGS = new Set(['strong', 'b']);
/** Tag priors for containers (Readability's initializeNode). */
const TAG_PRIOR: Readonly<Record<string, number>> = {
  div: 5,
  article: 8,
  section: 3,
  td: 3,
  pre: 3,
  blockquote: 3,
  main: 5,
  form: -3,
  ol: -3,
  ul: -3,
  dl: -3,
  li: -3,
  th: -5,
  h1: -5,
  h2: -5,
  h3: -5,
  h4: -5,
  h5: -5,
  h6: -5,
};

const CENTRE_STYLE_RE = /text-align\s*:\s*center/i;
const SENTENCE_END_RE = /[。！？.!?]["”’」』)）]?$/;
/** A sentence's end in running text: Chinese marks, or a Latin word closed by . ! ? (not "U.S." alone). */
const PROSE_SENTENCE_RE = /[。！？]|[a-z][.!?]["”’)]?(?:\s|$)/;
const SUMMARY_LINE_RE = /^[[【]?\s*(?:核心提示|内容提要|内容摘要|文章摘要|摘要|导读|提要)\s*[:：】\]]/;

const SPACE_CLASS = 1;
const PUNCT_CLASS = 2;
/**
 * Character classes for the per-character loop over every text node of the page: one table read
 * instead of two comparisons chains. Whitespace as pages use it (incl. NBSP, ideographic space,
 * zero-width); punctuation that marks running prose (Chinese ，。！？；：“”、 and ASCII , . ! ? ;).
 */
const CHAR_CLASS = (() => {
  const table = new Uint8Array(0x10000);
  for (let code = 0; code <= 0x20; code++) table[code] = SPACE_CLASS;
  for (const code of [0xa0, 0x3000, 0x200b, 0x200c, 0x200d, 0xfeff]) table[code] = SPACE_CLASS;
  for (const ch of '，。！？；：“”、,.!?;') table[ch.charCodeAt(0)] = PUNCT_CLASS;
  return table;
})();

function isSpaceCode(code: number): boolean {
  return CHAR_CLASS[code] === SPACE_CLASS;
}

/**
 * Counts of every element, and of the own text of every block, in one pre-order walk that adds an
 * element's totals to its parent's as it leaves the element. The walk keeps no stack or frame
 * object per node: this runs over every node of the page and allocation is most of its cost.
 */
class PageStats {
  /** Records by elementOrder(): parseHtml numbers every element, so no Map has to hash them. */
  readonly #byOrder: (NodeStats | undefined)[] = [];
  /** Records of elements without a number (a tree not made by parseHtml). */
  readonly #byElement = new Map<Element, NodeStats>();
  /** Blocks holding text of their own, in document order. */
  readonly blocks: Element[] = [];
  /** elementOrder() of every visible <img>, in document order. */
  readonly imageOrders: number[] = [];

  constructor(doc: Document) {
    /** The record of the element whose children the walk is in; null at the document's top level. */
    let parent: NodeStats | null = null;
    // Pre-order by child/sibling/parent pointers: no per-node stack pushes, no recursion.
    let node: AnyNode | null = doc.children[0] ?? null;
    while (node !== null) {
      if (isText(node)) {
        if (parent !== null) this.#countText(node.data, parent);
      } else if (isTag(node)) {
        const name = node.name;
        // Text a script reveals counts (its blocks are weighed again inside the container).
        const visible =
          !INVISIBLE_TAGS.has(name) &&
          !((node.attribs.style !== undefined || node.attribs.hidden !== undefined) && isHidden(node) && !isRevealedLater(node));
        if (visible) {
          const record: NodeStats = {
            chars: 0,
            linkChars: 0,
            punct: 0,
            ownChars: 0,
            ownLinkChars: 0,
            ownPunct: 0,
            score: 0,
            touched: false,
            parent,
            el: node,
            textBlock: null,
            inLink: name === 'a' || (parent?.inLink ?? false),
          };
          record.textBlock = BLOCK_TAGS.has(name) && name !== 'br' ? record : (parent?.textBlock ?? null);
          const order = elementOrder(node);
          if (order >= 0) this.#byOrder[order] = record;
          else this.#byElement.set(node, record);
          if (name === 'img') this.imageOrders.push(order);
          const first = node.children[0];
          if (first !== undefined) {
            parent = record;
            node = first;
            continue;
          }
        }
      }
      // Next sibling; at the end of a child list, climb out (every element walked into has a record,
      // and its totals are final once the walk leaves it).
      while (node !== null && node.next === null) {
        const up: AnyNode | null = node.parent;
        node = up === null || up === doc ? null : up;
        if (node !== null && parent !== null) {
          const done: NodeStats = parent;
          parent = done.parent;
          if (parent !== null) {
            parent.chars += done.chars;
            parent.linkChars += done.linkChars;
            parent.punct += done.punct;
          }
        }
      }
      if (node !== null) node = node.next;
    }
  }

  /** Adds one text node's visible characters to its element and to the block it belongs to. */
  #countText(data: string, parent: NodeStats): void {
    let chars = 0;
    let punct = 0;
    for (let i = 0; i < data.length; i++) {
      const kind = CHAR_CLASS[data.charCodeAt(i)];
      if (kind === SPACE_CLASS) continue;
      chars++;
      if (kind === PUNCT_CLASS) punct++;
    }
    if (chars === 0) return;
    parent.chars += chars;
    parent.punct += punct;
    const inLink = parent.inLink;
    if (inLink) parent.linkChars += chars;
    const block = parent.textBlock;
    if (block !== null) {
      if (block.ownChars === 0) this.blocks.push(block.el);
      block.ownChars += chars;
      block.ownPunct += punct;
      if (inLink) block.ownLinkChars += chars;
    }
  }

  get(el: Element): NodeStats | undefined {
    const order = elementOrder(el);
    return order >= 0 ? this.#byOrder[order] : this.#byElement.get(el);
  }

  ownChars(el: Element): number {
    return this.get(el)?.ownChars ?? 0;
  }
}

function linkDensity(s: NodeStats): number {
  return s.chars === 0 ? 0 : s.linkChars / s.chars;
}

/** A short winner is read as text once to ask whether it is a disclaimer, footer or byline (GNE's classic miss). */
const MAX_CHECKED_UNIT_CHARS = 160;

/** Longest cell text read as a value of a data table rather than as a block of its own. */
const MAX_DATA_CELL_CHARS = 20;
const MIN_DATA_TABLE_ROWS = 3;
const MIN_DATA_TABLE_COLUMNS = 2;
/** A row read as one line (see LineReader.#dataRowCells): its cells this short, its table this many rows. */
const MAX_ROW_CELL_CHARS = 100;
const MAX_ROW_CHARS = 400;
const MIN_ROW_TABLE_ROWS = 2;
/** What a data table's cell never holds. */
const NOT_IN_DATA_CELL: ReadonlySet<string> = new Set([
  'table', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'video', 'iframe', 'object', 'embed', 'form',
  'input', 'select', 'textarea', 'button',
]);

/**
 * Rows of a row group (table, tbody, thead), counted once: every short cell and every row of a table
 * asks, and counting per cell made a 10,000-row table cost 10,000 × 30,000 steps. The tree is never changed
 * after the parse, so the count stays right.
 */
const rowCounts = new WeakMap<AnyNode, number>();

function rowCount(group: AnyNode | null): number {
  if (group === null || !('children' in group)) return 0;
  let rows = rowCounts.get(group);
  if (rows === undefined) {
    rows = 0;
    for (const c of group.children) if (isTag(c) && c.name === 'tr') rows++;
    rowCounts.set(group, rows);
  }
  return rows;
}

/** A cell of a grid: its row has several cells and its table several rows. */
function isDataCell(cell: Element): boolean {
  const row = cell.parent;
  if (row === null || !isTag(row) || row.name !== 'tr') return false;
  let cells = 0;
  for (const c of row.children) if (isTag(c) && (c.name === 'td' || c.name === 'th') && ++cells >= MIN_DATA_TABLE_COLUMNS) break;
  if (cells < MIN_DATA_TABLE_COLUMNS) return false;
  return rowCount(row.parent) >= MIN_DATA_TABLE_ROWS;
}

function isFurnitureText(text: string): boolean {
  return isBoilerplateLine(text) || isBylineLine(text);
}

/** An article container is one of a kind; a teaser card is one of a row of look-alikes. */
const MIN_REPEATED_CARDS = 4;
const REPEATED_CARD_FACTOR = 0.5;

function kindKey(el: Element): string | null {
  // The first class word only: feeds add state classes ("is-ad", "Mt(0):fc") to some cards.
  const first = el.attribs.class?.trim().split(/\s+/)[0];
  return first === undefined || first === '' ? null : `${el.name}.${first}`;
}

/** Whether the element or one of its two nearest ancestors has look-alike siblings: a feed of teasers. */
function isRepeatedCard(el: Element, cache: Map<AnyNode, Map<string, number>>): boolean {
  if (el.name === 'p') return false;
  let node: Element = el;
  for (let level = 0; level < 3; level++) {
    const key = kindKey(node);
    const parent = node.parent;
    if (parent === null) return false;
    if (key !== null) {
      let kinds = cache.get(parent);
      if (kinds === undefined) {
        kinds = new Map();
        for (const child of (parent as Element).children) {
          if (!isTag(child)) continue;
          const k = kindKey(child);
          if (k !== null) kinds.set(k, (kinds.get(k) ?? 0) + 1);
        }
        cache.set(parent, kinds);
      }
      if ((kinds.get(key) ?? 0) >= MIN_REPEATED_CARDS) return true;
    }
    if (!isTag(parent)) return false;
    node = parent;
  }
  return false;
}

/** Upper bound of what class weight (×2), tag prior and the headline neighbourhood (×1.6) do to a raw score. */
const MAX_SCORE_BOOST = 6;

/** Step 2: score containers. Returns elements with a final score, best first. */
function scoreContainers(stats: PageStats): Array<{ el: Element; score: number }> {
  // Records, not a Set of elements: a Set would hash every candidate element of the page.
  const touched: NodeStats[] = [];
  for (const block of stats.blocks) {
    const own = stats.get(block)!;
    if (own.ownChars < MIN_UNIT_CHARS || own.ownLinkChars / own.ownChars > MAX_UNIT_LINK_SHARE) continue;
    // Only short blocks with some punctuation can be a disclaimer or footer sentence worth vetoing.
    const unit = 1 + own.ownPunct + Math.min(own.ownChars / 100, 3);
    let node: Element | null = block;
    for (let level = -1; level < 4 && node !== null; level++) {
      const s = stats.get(node);
      if (s === undefined) break;
      const divider = level <= 0 ? 1 : level === 1 ? 2 : level * 3;
      s.score += unit / divider;
      if (!s.touched) {
        s.touched = true;
        touched.push(s);
      }
      const parent: AnyNode | null = node.parent;
      node = parent !== null && isTag(parent) ? parent : null;
    }
  }
  let maxRaw = 0;
  for (const s of touched) maxRaw = Math.max(maxRaw, s.score);
  // Class, tag and neighbourhood factors multiply a raw score by at most about 5: candidates far
  // below the best raw score cannot win, and skipping them keeps the ranking cheap on big pages.
  const floor = maxRaw / MAX_SCORE_BOOST;
  const scored: Array<{ el: Element; score: number }> = [];
  const siblingKinds = new Map<AnyNode, Map<string, number>>();
  for (const s of touched) {
    const el = s.el;
    // <html>, <body> and links never hold the article; <p> units still vote for their parents.
    if (el.name === 'html' || el.name === 'body' || el.name === 'a') continue;
    if (s.score < floor) continue;
    let score = finalScore(el, s);
    if (score > 0 && isRepeatedCard(el, siblingKinds)) score *= REPEATED_CARD_FACTOR;
    scored.push({ el, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored;
}

function finalScore(el: Element, s: NodeStats): number {
  const role = classRole(el.attribs.class, el.attribs.id);
  // Class and tag only adjust what the text earned: a bonus never exceeds the element's own score,
  // or an empty "articleName" header would beat a one-paragraph article.
  const weight = role === 'content' ? Math.min(CLASS_WEIGHT, s.score) : role === 'boilerplate' ? -CLASS_WEIGHT : 0;
  const prior = BOILERPLATE_TAGS.has(el.name) ? -CLASS_WEIGHT : (TAG_PRIOR[el.name] ?? 0);
  const tagPrior = prior > 0 ? Math.min(prior, s.score) : prior;
  return (s.score + weight + tagPrior) * (1 - linkDensity(s));
}

/** How far up from the headline the article's container and the headline still share a parent. */
const TITLE_NEIGHBOURHOOD_LEVELS = 4;
/** How deep under that shared ancestor the container may sit (wrapper divs of modern templates). */
const CONTAINER_DEPTH_UNDER_TITLE_ANCESTOR = 12;
/** Score factor of containers in the headline's neighbourhood: a stream of teasers elsewhere can outscore a short article. */
const NEAR_TITLE_FACTOR = 1.6;

/** Re-ranks so that containers that sit with the headline win over look-alike blocks elsewhere. */
function favourNearTitle(ranked: Array<{ el: Element; score: number }>, titleElement: Element | null): void {
  if (titleElement === null || ranked.length < 2) return;
  const levelOf = new Map<Element, number>();
  let node: Element | null = titleElement;
  for (let level = 0; level <= TITLE_NEIGHBOURHOOD_LEVELS && node !== null; level++) {
    levelOf.set(node, level);
    const parent: AnyNode | null = node.parent;
    node = parent !== null && isTag(parent) && parent.name !== 'body' && parent.name !== 'html' ? parent : null;
  }
  // Each serious candidate's nearest ancestor shared with the headline. Only the closest ones get
  // the bonus: a page wrapper shared by the headline and a teaser feed below proves nothing.
  const floor = (ranked[0]?.score ?? 0) * SIBLING_SCORE_SHARE;
  const shared: Array<{ candidate: { el: Element; score: number }; level: number }> = [];
  let closest = Number.POSITIVE_INFINITY;
  for (const candidate of ranked) {
    if (candidate.score <= 0 || candidate.score < floor) continue;
    let up: Element | null = candidate.el;
    for (let depth = 0; depth <= CONTAINER_DEPTH_UNDER_TITLE_ANCESTOR && up !== null; depth++) {
      const level = levelOf.get(up);
      if (level !== undefined) {
        shared.push({ candidate, level });
        closest = Math.min(closest, level);
        break;
      }
      const parent: AnyNode | null = up.parent;
      up = parent !== null && isTag(parent) ? parent : null;
    }
  }
  for (const { candidate, level } of shared) if (level === closest) candidate.score *= NEAR_TITLE_FACTOR;
  ranked.sort((a, b) => b.score - a.score);
}

/** Siblings that belong with the best container: a body split over sibling blocks. */
function withSiblings(top: Element, topScore: number, stats: PageStats, base: URL): Element[] {
  const parent = top.parent;
  if (parent === null || !isTag(parent)) return [top];
  const tags = parent.children.filter(isTag);
  const at = tags.indexOf(top);
  const leadPhotos = new Set<Element>();
  for (const neighbour of [tags[at - 1], tags[at + 1]]) {
    if (neighbour !== undefined && isPhotoBlock(neighbour, stats, base)) leadPhotos.add(neighbour);
  }
  const threshold = Math.max(10, topScore * SIBLING_SCORE_SHARE);
  const out: Element[] = [];
  for (const sibling of parent.children) {
    if (!isTag(sibling)) continue;
    if (sibling === top) {
      out.push(top);
      continue;
    }
    if (leadPhotos.has(sibling)) {
      out.push(sibling);
      continue;
    }
    const s = stats.get(sibling);
    if (s === undefined || s.chars === 0) continue;
    if (classRole(sibling.attribs.class, sibling.attribs.id) === 'boilerplate' || BOILERPLATE_TAGS.has(sibling.name)) continue;
    let bonus = 0;
    if (sibling.attribs.class && sibling.attribs.class === top.attribs.class) bonus = topScore * 0.2;
    const density = linkDensity(s);
    if (s.score > 0 && finalScore(sibling, s) + bonus >= threshold && density < 0.3) {
      out.push(sibling);
    } else if (sibling.name === 'p') {
      const own = s.ownChars;
      if ((own > 80 && density < 0.25) || (own > 0 && density === 0 && s.ownPunct > 0 && own <= 80)) out.push(sibling);
    }
  }
  return out;
}

/** A block right before or after the article text holding a photo and at most a caption's worth of text. */
const MAX_PHOTO_BLOCK_CHARS = 200;
/** How many nodes to look through for the photo of a neighbouring block. */
const MAX_PHOTO_BLOCK_NODES = 60;

/** `<img>`, and AMP/MIP pages' `<amp-img>`/`<mip-img>` (not the low-resolution `fallback` nested in one). */
function isPhotoTag(el: Element): boolean {
  return el.name === 'img' || ((el.name === 'amp-img' || el.name === 'mip-img') && el.attribs.fallback === undefined);
}

function isPhotoBlock(el: Element, stats: PageStats, base: URL): boolean {
  const s = stats.get(el);
  if (s === undefined || s.chars > MAX_PHOTO_BLOCK_CHARS || linkDensity(s) >= 0.5) return false;
  if (BOILERPLATE_TAGS.has(el.name) || classRole(el.attribs.class, el.attribs.id) === 'boilerplate') return false;
  if (linkedThumbnails(el) >= 2) return false;
  const stack: AnyNode[] = [el];
  for (let seen = 0; stack.length > 0 && seen < MAX_PHOTO_BLOCK_NODES; seen++) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (isPhotoTag(node)) return photoUrl(node, base) !== null;
    if (node.name === 'a' && node.children.length === 0) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return false;
}

const IMAGE_FILE_RE = /\.(?:jpe?g|png|gif|webp|bmp)(?:[?#]|$)/i;

/**
 * Photos that link to other pages (not to the picture itself): the thumbnails of a card list
 * ("大家做的这道菜", related stories), never the article's lead photo.
 */
function linkedThumbnails(block: Element): number {
  let count = 0;
  walkElements(block, (node) => {
    if (node.name !== 'a') return undefined;
    const href = node.attribs.href ?? '';
    if (href === '' || href.startsWith('#') || /^javascript:/i.test(href) || IMAGE_FILE_RE.test(href)) return false;
    walkElements(node, (inner) => {
      if (isPhotoTag(inner)) count++;
      return undefined;
    });
    return false;
  });
  return count;
}

/** A notice's attachments ("附件：1.申报指南.docx"), linked files that are part of its text. */
const DOCUMENT_LINK_RE = new RegExp(`\\.(?:${DOCUMENT_EXTENSIONS})(?:[?#]|$)`, 'i');
const MAX_DOCUMENT_LINKS = 12;

/** What an attachment line shows: the 附件 label, or the file's own name. */
const ATTACHMENT_TEXT_RE = new RegExp(`^\\s*(?:相关)?附\\s*件|\\.(?:${DOCUMENT_EXTENSIONS})\\s*$`, 'i');

/**
 * Whether a block is a notice's attachment line: every link leads to a document file, and the
 * block says so (附件, or the file names as link text). A "download the report" button is not.
 */
function isAttachmentLine(block: Element): boolean {
  // "2.申报表" takes its answer from the block before it, which may take its own from the one before:
  // followed as a loop (a recursion of 10,000 numbered links overflowed the stack, and without
  // the memo each block re-walked the whole chain: quadratic).
  const chain: Element[] = [];
  let current: Element = block;
  let result: boolean;
  for (;;) {
    const known = attachmentVerdicts.get(current);
    if (known !== undefined) {
      result = known;
      break;
    }
    chain.push(current);
    const own = ownAttachmentVerdict(current);
    if (own !== 'ask-previous') {
      result = own === 'yes';
      break;
    }
    const previous = previousBlock(current);
    if (previous === null) {
      result = false;
      break;
    }
    if (ATTACHMENT_LABEL_RE.test(textOf(previous))) {
      result = true;
      break;
    }
    current = previous;
  }
  for (const el of chain) attachmentVerdicts.set(el, result);
  return result;
}

/** Answers of isAttachmentLine per block (the tree is never changed after the parse). */
const attachmentVerdicts = new WeakMap<Element, boolean>();

/** What a block says about itself: an attachment line, none, or one only if the block before it is. */
function ownAttachmentVerdict(block: Element): 'yes' | 'no' | 'ask-previous' {
  // Links first, and cheaply: most link-dense blocks are link lists, and their first link says so.
  const links: Element[] = [];
  let documents = true;
  walkElements(block, (el) => {
    if (!documents || links.length > MAX_DOCUMENT_LINKS) return false;
    if (el.name !== 'a') return undefined;
    links.push(el);
    if (!DOCUMENT_LINK_RE.test(el.attribs.href ?? '') && !DOCUMENT_LINK_RE.test(el.attribs.oldsrc ?? '')) documents = false;
    return false;
  });
  if (!documents || links.length === 0 || links.length > MAX_DOCUMENT_LINKS) return 'no';
  const text = textOf(block);
  if (ATTACHMENT_TEXT_RE.test(text) || links.some((a) => ATTACHMENT_TEXT_RE.test(textOf(a)))) return 'yes';
  // "附件：1.申报指南" <p> "2.申报表", or "附件：" alone <p> "1.申报指南": a numbered document link under
  // the attachment label or an attachment line continues it.
  return NUMBERED_ITEM_RE.test(text) ? 'ask-previous' : 'no';
}

/** The attachment label on a line of its own: "附件：", "相关附件". */
const ATTACHMENT_LABEL_RE = /^\s*(?:相关)?附\s*件\s*[:：]?\s*$/;

/** "2.", "2、", "（2）" at a line's start. */
const NUMBERED_ITEM_RE = /^\s*(?:\d{1,2}\s*[.．、]|[（(]\d{1,2}[)）])/;

/** The element sibling before a block that shows any text, skipping empty ones (<p>&nbsp;</p>). */
function previousBlock(block: Element): Element | null {
  let node = block.prev;
  while (node !== null) {
    if (isTag(node) && textOf(node).trim() !== '') return node;
    node = node.prev;
  }
  return null;
}

/** One line of the container as read, or a photo. */
type Item =
  | ({ kind: 'text'; block: Element; drop: boolean } & CaptionCandidate)
  | { kind: 'img'; el: Element; src: string; block: Element };

interface WalkState {
  /** Inside <pre>: its line breaks are the text's lines (code, verse), not layout whitespace. */
  pre: boolean;
  centred: boolean;
  captionMarkup: boolean;
  muted: boolean;
  heading: boolean;
  bold: boolean;
}

class LineReader {
  readonly items: Item[] = [];
  #parts: string[] = [];
  #boldChars = 0;
  #chars = 0;
  #lineState: WalkState | null = null;
  #lineBlock: Element | null = null;
  #skip: Set<Element>;
  #stats: PageStats;
  #containerChars: number;
  #titleElement: Element | null;
  #url: URL;
  #seenSrc = new Set<string>();
  /** A <video> or plug-in player sits in a container read: only then are blocks asked whether they hold one. */
  #video = false;

  constructor(skip: Set<Element>, stats: PageStats, containerChars: number, titleElement: Element | null, url: URL) {
    this.#skip = skip;
    this.#stats = stats;
    this.#containerChars = containerChars;
    this.#titleElement = titleElement;
    this.#url = url;
  }

  read(root: Element): void {
    this.#video ||= holdsVideo(root, Number.POSITIVE_INFINITY);
    const state: WalkState = { pre: root.name === 'pre', centred: isCentred(root), captionMarkup: false, muted: false, heading: false, bold: false };
    this.#walk(root, state, root, 0);
    this.#flush();
  }

  #walk(node: AnyNode, state: WalkState, block: Element, depth: number): void {
    if (isText(node)) {
      const text = node.data;
      if (text.length === 0) return;
      if (this.#lineState === null) {
        let hasVisible = false;
        for (let i = 0; i < text.length; i++) {
          if (!isSpaceCode(text.charCodeAt(i))) {
            hasVisible = true;
            break;
          }
        }
        if (!hasVisible) return;
        this.#lineState = state;
        this.#lineBlock = block;
      }
      if (state.pre && text.includes('\n')) {
        this.#readPreformatted(text, state, block);
        return;
      }
      this.#parts.push(text);
      const visible = visibleLength(text);
      this.#chars += visible;
      if (state.bold) this.#boldChars += visible;
      return;
    }
    if (!isTag(node)) return;
    const el = node;
    if (el === this.#titleElement) {
      this.#flush();
      this.#onTitle();
      return;
    }
    if (INVISIBLE_TAGS.has(el.name) || this.#skip.has(el)) return;
    if (el.name === 'br') {
      this.#flush();
      return;
    }
    if (isPhotoTag(el)) {
      // A picture inside <pre> is a code block's copy or expand button, never a photo.
      if (state.pre) return;
      this.#flush();
      const src = photoUrl(el, this.#url);
      if (src !== null && !this.#seenSrc.has(src)) {
        this.#seenSrc.add(src);
        this.items.push({ kind: 'img', el, src, block });
      }
      return;
    }
    if (depth > 0 && this.#isFurniture(el)) {
      this.#flush();
      return;
    }
    if (el.name === 'tr') {
      const cells = this.#dataRowCells(el);
      if (cells !== null) {
        this.#flush();
        this.#pushRow(cells, state, el);
        return;
      }
    }
    const isBlock = BLOCK_TAGS.has(el.name);
    const centred = state.centred || (isBlock && isCentred(el));
    const captionMarkup =
      state.captionMarkup ||
      (hasCaptionClass(el) && (this.#stats.get(el)?.chars ?? 0) <= MAX_CAPTION_MARKUP_CHARS && !this.#holdsParagraphs(el));
    const muted = state.muted || isMuted(el);
    const heading = state.heading || HEADING_TAGS.has(el.name);
    const bold = state.bold || BOLD_TAGS.has(el.name) || heading;
    const pre = state.pre || el.name === 'pre';
    const next: WalkState =
      pre !== state.pre || centred !== state.centred || captionMarkup !== state.captionMarkup || muted !== state.muted || heading !== state.heading || bold !== state.bold
        ? { pre, centred, captionMarkup, muted, heading, bold }
        : state;
    if (isBlock) this.#flush();
    const childBlock = isBlock ? el : block;
    if (depth >= MAX_WALK_DEPTH) {
      this.#readFlat(el, state, childBlockOf(el, block));
      return;
    }
    for (const child of el.children) this.#walk(child, next, childBlock, depth + 1);
    if (isBlock) this.#flush();
  }

  /**
   * Broken markup nested deeper than a reader would notice (thousands of unclosed tags): its text
   * is read without recursion, block boundaries still ending lines.
   */
  #readFlat(root: Element, state: WalkState, block: Element): void {
    const stack: AnyNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (isText(node)) {
        this.#walk(node, state, block, 0);
        continue;
      }
      if (!isTag(node) || INVISIBLE_TAGS.has(node.name) || this.#skip.has(node)) continue;
      if (BLOCK_TAGS.has(node.name)) this.#flush();
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
    this.#flush();
  }

  /**
   * The cells' texts of a data table's row (a price table, a list of figures), or null when the
   * row is layout: one line a row, cells apart by a tab as a browser copies them, where reading
   * every cell as a block left "螺纹钢", "HRB400", "3720" on lines of their own. A data row has
   * two or more short cells of plain text: no photo (a photo table's caption cell), list, nested
   * table or heading, and nothing the metadata stage consumed (a meta line set in a row).
   */
  #dataRowCells(tr: Element): string[] | null {
    // Layout rows (a whole page in table cells) are turned down on their counted length, unread.
    const chars = this.#stats.get(tr)?.chars ?? 0;
    if (chars === 0 || chars > MAX_ROW_CHARS) return null;
    const cells: string[] = [];
    let total = 0;
    let filled = 0;
    for (const cell of tr.children) {
      if (!isTag(cell)) continue;
      if (cell.name !== 'td' && cell.name !== 'th') return null;
      let plain = true;
      walkElements(cell, (inner) => {
        if (!plain) return false;
        if (NOT_IN_DATA_CELL.has(inner.name) || isPhotoTag(inner) || this.#skip.has(inner) || inner === this.#titleElement) plain = false;
        return plain ? undefined : false;
      });
      if (!plain || this.#skip.has(cell) || cell === this.#titleElement) return null;
      const text = collapseSpaces(textOf(cell));
      if (text.length > MAX_ROW_CELL_CHARS) return null;
      total += text.length;
      if (text.length > 0) filled++;
      cells.push(text);
    }
    if (filled < MIN_DATA_TABLE_COLUMNS || total > MAX_ROW_CHARS) return null;
    // (Counted once per table: counting per row made a 10,000-row table quadratic.)
    return rowCount(tr.parent) >= MIN_ROW_TABLE_ROWS ? cells : null;
  }

  #pushRow(cells: string[], state: WalkState, tr: Element): void {
    const text = cells.join('\t').replace(/^\t+|\t+$/g, '');
    this.items.push({
      kind: 'text',
      text,
      block: tr,
      drop: false,
      centred: state.centred,
      captionMarkup: state.captionMarkup,
      muted: state.muted,
      heading: state.heading,
      bold: state.bold,
    });
  }

  /** A text node of a <pre>: one line per line break, blank lines dropped. */
  #readPreformatted(text: string, state: WalkState, block: Element): void {
    const rows = text.split('\n');
    for (let i = 0; i < rows.length; i++) {
      if (i > 0) this.#flush();
      const row = rows[i]!;
      if (visibleLength(row) === 0) continue;
      if (this.#lineState === null) {
        this.#lineState = state;
        this.#lineBlock = block;
      }
      this.#parts.push(row);
      this.#chars += visibleLength(row);
      if (state.bold) this.#boldChars += visibleLength(row);
    }
  }

  /**
   * Whether an element holds two or more paragraphs of prose: a site naming its article section in
   * its picture scheme ("pic-content", "pic-base") holds the story, not a caption, however short it is.
   */
  #holdsParagraphs(el: Element): boolean {
    let paragraphs = 0;
    let seen = 0;
    const stack: AnyNode[] = [...el.children];
    while (stack.length > 0 && seen++ < MAX_PARAGRAPH_SCAN_NODES) {
      const node = stack.pop()!;
      if (!isTag(node)) continue;
      const s = this.#stats.get(node);
      if (s === undefined || s.chars === 0) continue;
      if (BLOCK_TAGS.has(node.name) && s.ownChars >= MIN_UNIT_CHARS && s.ownPunct >= 2 && ++paragraphs >= 2) return true;
      for (const child of node.children) stack.push(child);
    }
    return false;
  }

  /** Blocks inside the container that are not article: by tag, class/id, links, or metadata. */
  #isFurniture(el: Element): boolean {
    if (el.attribs.style !== undefined || el.attribs.hidden !== undefined) {
      // Hidden text inside the article is furniture, unless a script reveals it and it is the
      // article's text itself (WeChat: div#js_content, styled visibility:hidden until shown).
      if (isHidden(el) && !(isRevealedLater(el) && (this.#stats.get(el)?.chars ?? 0) >= MIN_REVEALED_CHARS)) return true;
    }
    if (el.name === 'a' && isBadgedAd(el)) return true;
    if (el.name === 'span' && isCountBadge(el)) return true;
    if (el.name === 'a' || el.name === 'span' || el.name === 'font' || el.name === 'strong' || el.name === 'b') return false;
    const s = this.#stats.get(el);
    if (s === undefined) return true;
    if (BOILERPLATE_TAGS.has(el.name) && s.chars < this.#containerChars * BOILERPLATE_BLOCK_KEEP_SHARE) return true;
    if (isPlayerChrome(el.attribs.class, el.attribs.id)) return true;
    // A video card set in an English text (thumbnail, headline, "02:31"): no sentence of the story.
    // Chinese pages name their video players and the story's own video this way; those stay.
    if (s.chars > 0 && s.chars <= MAX_PLAYER_CHROME_CHARS && VIDEO_CLASS_RE.test(el.attribs.class ?? '') && isLatinCard(textOf(el))) return true;
    if (this.#video && s.chars > 0 && s.chars <= MAX_PLAYER_CHROME_CHARS && holdsVideo(el) && !/[。！？]/.test(textOf(el))) return true;
    if ((el.name === 'ul' || el.name === 'ol') && isLineNumberGutter(el)) return true;
    if (s.chars > 0 && s.chars <= MAX_COMPANY_CARD_CHARS && isCompanyCard(el)) return true;
    const role = classRole(el.attribs.class, el.attribs.id);
    if (role === 'boilerplate' && s.chars < this.#containerChars * BOILERPLATE_BLOCK_KEEP_SHARE) return true;
    if (s.chars === 0) return false;
    // A linked cell of a data table ("准一级冶金焦" linking to its price history): the table was
    // weighed as a whole on the way in.
    if ((el.name === 'td' || el.name === 'th') && s.chars <= MAX_DATA_CELL_CHARS && isDataCell(el)) return false;
    const density = linkDensity(s);
    const limit = LIST_TAGS.has(el.name) ? MAX_LIST_LINK_SHARE : MAX_BLOCK_LINK_SHARE;
    return density > limit && s.chars >= 4 && !isAttachmentLine(el);
  }

  /** The headline: what came before it in the container is breadcrumb and channel name. */
  #onTitle(): void {
    let chars = 0;
    for (const item of this.items) if (item.kind === 'text') chars += item.text.length;
    if (chars < 200) this.items.length = 0;
  }

  #flush(): void {
    if (this.#lineState === null) return;
    const text = collapseSpaces(this.#parts.join(''));
    const state = this.#lineState;
    if (text.length > 0) {
      this.items.push({
        kind: 'text',
        text,
        block: this.#lineBlock!,
        drop: false,
        centred: state.centred,
        captionMarkup: state.captionMarkup,
        muted: state.muted,
        heading: state.heading,
        bold: this.#chars > 0 && this.#boldChars >= this.#chars * 0.9,
      });
    }
    this.#parts = [];
    this.#chars = 0;
    this.#boldChars = 0;
    this.#lineState = null;
    this.#lineBlock = null;
  }
}

function isCentred(el: Element): boolean {
  if (el.name === 'center') return true;
  const align = el.attribs.align;
  if (align !== undefined && align.toLowerCase() === 'center') return true;
  const style = el.attribs.style;
  return style !== undefined && CENTRE_STYLE_RE.test(style);
}

function compact(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** Whether a line says `key` (already compacted); the length test spares most NFKC passes. */
function sameText(line: string, key: string): boolean {
  if (line.length < key.length || line.length > key.length * 2 + 10) return false;
  return compact(line) === key;
}

/**
 * The issuer that signs a notice ("山西省商务厅", "某某县人民政府办公室"): the date line under it
 * is the notice's own (落款), not a timestamp to drop.
 */
const SIGNATORY_RE =
  /^[\u4e00-\u9fff（）()\s]{2,30}(?:厅|局|委员会|委|办公室|政府|中心|协会|商会|联合会|公司|集团|院|部|小组|领导小组|所|处|联社|银行)$/;
const SIGNING_DATE_RE = /^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$/;

/** Step 3: furniture lines out, trailing related list cut. Marks items as dropped. */
function dropFurnitureLines(items: Item[], title: string | null, summary: string | null): void {
  const titleKey = title === null ? null : compact(title);
  const summaryKey = summary === null ? null : compact(summary);
  let previous: string | null = null;
  for (const item of items) {
    if (item.kind !== 'text') continue;
    const line = item.text;
    const signed = previous !== null && SIGNING_DATE_RE.test(line) && SIGNATORY_RE.test(previous);
    if (
      !signed &&
      (isBylineLine(line) ||
        isBoilerplateLine(line) ||
        SUMMARY_LINE_RE.test(line) ||
        (titleKey !== null && sameText(line, titleKey)) ||
        (summaryKey !== null && summaryKey.length >= 20 && sameText(line, summaryKey)))
    ) {
      item.drop = true;
    }
    if (!item.drop) previous = line;
  }
  dropMediaContacts(items);
  cutTrailingList(items);
}

/**
 * A B2B portal's supplier card set inside the article ("主营产品：… 联系电话：… [立即询价] [进入店铺]"):
 * a short block of a company's contact fields and shop buttons, no sentence. Two cues at least.
 */
const MAX_COMPANY_CARD_CHARS = 400;
const COMPANY_CARD_CUES: readonly RegExp[] = [
  /主营(?:产品|业务|项目)?\s*[:：]/,
  /(?:联系电话|联系人|联系方式|所在地区|所在地|公司地址|经营模式)\s*[:：]/,
  /进入店铺|进入商铺|立即询价|在线询价|马上询价|在线咨询|查看联系方式|进入展厅|企业主页|进入官网/,
  /VIP第?\d+年|诚信通|\d+年老店/,
];
function isCompanyCard(el: Element): boolean {
  if (el.name !== 'div' && el.name !== 'table' && el.name !== 'dl' && el.name !== 'section') return false;
  const text = textOf(el);
  if (/[。！？]/.test(text)) return false;
  let cues = 0;
  for (const cue of COMPANY_CARD_CUES) if (cue.test(text) && ++cues >= 2) return true;
  return false;
}

/** A press release's "媒体联系人：" heading; its name/phone/e-mail lines follow it. */
const MEDIA_CONTACT_RE = /^(?:媒体联系人?|媒体联络人?|媒体垂询|媒体查询|媒体咨询|新闻联系人|Media\s+Contacts?)\s*[:：]?/i;
/** A contact line is short and is no sentence: "王晓雨", "电话：+86-351-7788123", "邮箱：media@…". */
const MAX_CONTACT_LINE_CHARS = 48;

/**
 * "媒体联系人：王晓雨 电话：… 邮箱：…" under a press release (美通社, 商业新闻稿): the issuer's contact
 * for journalists, not the release's text. The heading and the short lines after it go; a
 * sentence or a long line ends the block. (A notice's "联系人：刘建军" is its text and stays.)
 */
function dropMediaContacts(items: Item[]): void {
  let inBlock = false;
  for (const item of items) {
    if (item.kind !== 'text' || item.drop) continue;
    const line = item.text.trim();
    if (MEDIA_CONTACT_RE.test(line) && line.length <= MAX_CONTACT_LINE_CHARS * 2) {
      inBlock = true;
      item.drop = true;
      continue;
    }
    if (!inBlock) continue;
    if (line.length > MAX_CONTACT_LINE_CHARS || SENTENCE_END_RE.test(line)) {
      inBlock = false;
      continue;
    }
    item.drop = true;
  }
}

/** A pull-quote needs this much text to be told from a short line that happens to recur. */
const MIN_PULL_QUOTE_CHARS = 12;
const QUOTE_DEPTH = 3;
/** More quoted lines than this are quoted replies, not an article's pull-quotes. */
const MAX_PULL_QUOTE_LINES = 100;

function inQuote(block: Element): boolean {
  let el: Element | null = block;
  for (let depth = 0; el !== null && depth < QUOTE_DEPTH; depth++) {
    if (el.name === 'blockquote') return true;
    el = el.parent !== null && isTag(el.parent) ? el.parent : null;
  }
  return false;
}

/**
 * A pull-quote: a blockquote that repeats a sentence of the text word for word, set large
 * beside it. The text has it once already.
 */
function dropRepeatedQuotes(items: Item[]): void {
  const quotes = items.filter((item): item is Extract<Item, { kind: 'text' }> => item.kind === 'text' && !item.drop && inQuote(item.block));
  // Each quote is searched for in the whole text: a forum thread of thousands of quoted replies has
  // no pull-quotes, and searching them all cost quotes × text.
  if (quotes.length === 0 || quotes.length > MAX_PULL_QUOTE_LINES) return;
  const quoted = new Set<Item>(quotes);
  // The rest of the text, compacted once: each quote is looked for in it.
  const rest = items
    .filter((item): item is Extract<Item, { kind: 'text' }> => item.kind === 'text' && !item.drop && !quoted.has(item))
    .map((item) => compact(item.text))
    .join('\n');
  for (const quote of quotes) {
    const key = compact(quote.text);
    if (key.length >= MIN_PULL_QUOTE_CHARS && rest.includes(key)) quote.drop = true;
  }
}

/**
 * "相关阅读" and the like end the article: what follows is other articles' titles. The heading
 * and everything after it go, unless real prose (a long sentence) follows, in which case only the
 * heading goes.
 */
function cutTrailingList(items: Item[]): void {
  let proseBefore = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind !== 'text' || item.drop) continue;
    if (isTrailingListHeading(item.text) && proseBefore > 0) {
      item.drop = true;
      const rest = items.slice(i + 1);
      let textAfter = 0;
      let proseLinesAfter = 0;
      for (const r of rest) {
        if (r.kind !== 'text' || r.drop) continue;
        textAfter++;
        if (r.text.length >= 60 && PROSE_SENTENCE_RE.test(r.text)) proseLinesAfter++;
      }
      // Real prose after the heading: more than a stray long title among the listed items.
      let proseAfter = proseLinesAfter >= Math.max(2, textAfter * 0.3);
      // "延伸阅读" over a second story: its own headline (short, set apart, no full stop) then prose.
      const first = rest.find((r): r is Extract<Item, { kind: 'text' }> => r.kind === 'text' && !r.drop);
      if (proseAfter && first !== undefined && first.text.length <= 40 && !/[。！？；]/.test(first.text) &&
        (first.bold || first.centred || first.heading)) proseAfter = false;
      if (!proseAfter) {
        for (const r of rest) if (r.kind === 'text') r.drop = true;
        // Photos after the heading are the related list's thumbnails.
        items.length = i + 1;
        return;
      }
      // Prose goes on after a list set inside the story ("Most Read from …"): a later heading may still end it.
      continue;
    }
    if (item.text.length >= 20) proseBefore++;
  }
}

function placement(img: Extract<Item, { kind: 'img' }>, line: Extract<Item, { kind: 'text' }>, stats: PageStats): CaptionPlacement {
  return {
    sameBlock: line.block === img.block && stats.ownChars(img.block) <= MAX_CAPTION_BLOCK_CHARS,
    ownParagraph: stats.ownChars(line.block) <= MAX_CAPTION_BLOCK_CHARS, photoOnlyBlock: stats.ownChars(img.block) === 0 };
}

function placementAbove(
  img: Extract<Item, { kind: 'img' }>,
  line: Extract<Item, { kind: 'text' }>,
  before: Item | undefined,
  stats: PageStats,
): AbovePlacement {
  return {
    photoOnlyBlock: stats.ownChars(img.block) === 0 && line.block !== img.block && stats.ownChars(line.block) <= MAX_CAPTION_BLOCK_CHARS,
    inCells: inPhotoCells(img.block, line.block, stats),
    afterCentredText: before !== undefined && before.kind === 'text' && !before.drop && before.centred,
  };
}

/**
 * A photo in a small table cell (or figure) with the line in a cell of its own, or in the same figure.
 * A layout table holding the whole article is no photo table: its cell holds far more than a caption.
 */
function inPhotoCells(imgBlock: Element, lineBlock: Element, stats: PageStats): boolean {
  const photoCell = cellOf(imgBlock);
  const lineCell = cellOf(lineBlock);
  if (photoCell === null || lineCell === null) return false;
  if ((stats.get(photoCell)?.chars ?? Number.POSITIVE_INFINITY) > MAX_CAPTION_BLOCK_CHARS) return false;
  return photoCell !== lineCell || photoCell.name === 'figure';
}

const CELL_TAGS = new Set(['td', 'th', 'figure', 'figcaption', 'caption']);
/** How far up from a line's block a table cell or figure may be (`<td><p><img></p></td>`). */
const MAX_CELL_DEPTH = 2;

function cellOf(block: Element): Element | null {
  let el: Element | null = block;
  for (let depth = 0; el !== null && depth <= MAX_CELL_DEPTH; depth++) {
    if (CELL_TAGS.has(el.name)) return el;
    el = el.parent !== null && isTag(el.parent) ? el.parent : null;
  }
  return null;
}

/**
 * An element with a caption class ("pic-content") holding more text than this is a page section
 * named in the site's own scheme, not a caption: its lines are not captions by markup.
 */
const MAX_CAPTION_MARKUP_CHARS = 400;

/** A class naming a counter: "review-count", "commentCount", "like_num". */
const COUNT_CLASS_RE = /(?:^|[^a-z])(?:count|num)(?:[^a-z]|$)|[a-z](?:Count|Num)(?:[^a-z]|$)/;

/** A paragraph's comment or like counter set inside its text ("…刀柄上。<span class="review-count">20</span>"). */
function isCountBadge(span: Element): boolean {
  const className = span.attribs.class;
  return className !== undefined && COUNT_CLASS_RE.test(className) && /^\s*\d+\s*$/.test(textOf(span));
}

/** The badge an in-text advertisement opens with: `<a><i>广告</i><span>…</span></a>`. */
const AD_BADGE_RE = /^\s*(?:广告|推广|赞助|AD)\s*$/i;

/** A link that opens with an advertisement's badge in an element of its own. */
function isBadgedAd(link: Element): boolean {
  for (const child of link.children) {
    if (isText(child)) {
      if (child.data.trim().length > 0) return false;
      continue;
    }
    return isTag(child) && AD_BADGE_RE.test(textOf(child));
  }
  return false;
}

/** A photo's block with more own text than this is the article container, not a photo paragraph. */
const MAX_CAPTION_BLOCK_CHARS = 200;

/** How far up from a block its list item may be (`<li><p class="text">…</p></li>`). */
const MAX_LIST_ITEM_DEPTH = 3;

function listItemOf(block: Element): Element | null {
  let el: Element | null = block;
  for (let depth = 0; el !== null && depth <= MAX_LIST_ITEM_DEPTH; depth++) {
    if (el.name === 'li') return el;
    el = el.parent !== null && isTag(el.parent) ? el.parent : null;
  }
  return null;
}

/**
 * A photo and a line in two different items of a list (a recipe's numbered steps, a gallery of
 * cards) belong to their own items: the next step's text is no caption of this step's photo.
 */
function sameListItem(photoBlock: Element, lineBlock: Element): boolean {
  const photoItem = listItemOf(photoBlock);
  const lineItem = listItemOf(lineBlock);
  return photoItem === null || lineItem === null || photoItem === lineItem;
}

/** Step 4: captions. Returns the images in order; caption lines are marked dropped. */
/** How much of a caption's start a second caption line must share to be its copy. */
const CAPTION_COPY_PREFIX_CHARS = 40;

function repeatsCaption(line: string, caption: string): boolean {
  const n = Math.min(CAPTION_COPY_PREFIX_CHARS, caption.length);
  return line.length >= n && line.slice(0, n) === caption.slice(0, n);
}

function attachCaptions(items: Item[], title: string | null, stats: PageStats): ArticleImage[] {
  const images: ArticleImage[] = [];
  const live = items.filter((item) => item.kind === 'img' || !item.drop);
  for (let i = 0; i < live.length; i++) {
    const item = live[i]!;
    if (item.kind !== 'img') continue;
    let caption: string | null = null;
    const below = live[i + 1];
    const above = live[i - 1];
    if (
      below !== undefined &&
      below.kind === 'text' &&
      !below.drop &&
      sameListItem(item.block, below.block) &&
      isCaptionBelow(below, placement(item, below, stats))
    ) {
      caption = below.text;
      below.drop = true;
      const more = live[i + 2];
      if (more !== undefined && more.kind === 'text' && !more.drop && isCaptionContinuation(more)) {
        // A gallery prints the caption twice (its short and its full form): the copy adds nothing.
        if (!repeatsCaption(more.text, caption)) caption = `${caption} ${more.text}`;
        more.drop = true;
      }
    } else if (
      above !== undefined &&
      above.kind === 'text' &&
      !above.drop &&
      sameListItem(item.block, above.block) &&
      isCaptionAbove(above, placementAbove(item, above, live[i - 2], stats))
    ) {
      caption = above.text;
      above.drop = true;
    }
    images.push({ src: item.src, caption, alt: meaningfulAlt(item.el, title) });
  }
  return images;
}

/**
 * A sentence the metadata stage read a label from ("日期:1月21日，凱爾特人在主場…大勝湖人。") is still
 * body text: meta lines and bylines have no full stop, and the summary block is known by its text.
 */
function isProseReadAsMeta(el: Element, summary: string | null): boolean {
  const text = textOf(el);
  if (!/[。！？]/.test(text) || isBylineLine(text)) return false;
  if (summary !== null && compact(text).includes(compact(summary).slice(0, 30))) return false;
  return true;
}

/**
 * A profile's selectors were validated when it was loaded; one that still fails on a page
 * (css-select's runtime errors) counts as matching nothing.
 */
function selectSafely(css: string, root: AnyNode | AnyNode[]): Element[] {
  try {
    return select(css, root);
  } catch {
    return [];
  }
}

/** What the walk leaves out: metadata elements, and what the profile removes, looked up inside the containers only. */
function collectSkips(input: BodyInput, containers: Element[]): Set<Element> {
  const skip = new Set<Element>();
  for (const el of input.consumed) if (!isProseReadAsMeta(el, input.summary)) skip.add(el);
  for (const css of input.profileRemove) for (const el of selectSafely(css, containers)) skip.add(el);
  return skip;
}

/** When the best container reads as no article (all captions, all furniture), the runners-up get a turn. */
const MAX_CONTAINER_TRIES = 3;

/**
 * Container choices in order of preference: a profile's, when it holds enough text, else the best
 * generic scorers (each with the siblings that join it), skipping a winner that is only a disclaimer
 * or footer line and candidates nested in one already offered (an ancestor may hold what its child lacked).
 */
function* containerChoices(input: BodyInput, stats: PageStats): Generator<Element[]> {
  profile: for (const css of input.profileBody) {
    for (const el of selectSafely(css, input.doc)) {
      const s = stats.get(el);
      if (s !== undefined && s.chars - s.linkChars >= MIN_PROFILE_BODY_CHARS) {
        yield [el];
        break profile;
      }
    }
  }
  const ranked = scoreContainers(stats);
  favourNearTitle(ranked, input.titleElement);
  const offered: Element[] = [];
  let tries = 0;
  for (const { el, score } of ranked) {
    if (score <= 0 || tries >= MAX_CONTAINER_TRIES) return;
    const chars = stats.get(el)?.chars ?? 0;
    if (chars <= MAX_CHECKED_UNIT_CHARS && isFurnitureText(textOf(el))) continue;
    if (offered.some((done) => contains(done, el))) continue;
    offered.push(el);
    tries++;
    yield withSiblings(el, score, stats, input.url);
  }
}

/** How far up from the container, and how many blocks back at each level, a lead photo is looked for. */
const LEAD_PHOTO_LEVELS = 4;
const LEAD_PHOTO_SIBLINGS = 6;

/** The largest photo block around `img` that stays inside `within` and does not hold the headline. */
function photoBlockOf(img: Element, within: Element, title: Element, stats: PageStats, base: URL): Element | null {
  let best: Element | null = null;
  let el: Element | null = img.parent !== null && isTag(img.parent) ? img.parent : null;
  while (el !== null && el !== within && !contains(el, title)) {
    if (isPhotoBlock(el, stats, base)) best = el;
    else if (best !== null) break;
    el = el.parent !== null && isTag(el.parent) ? el.parent : null;
  }
  return best;
}

/**
 * Photo blocks between the headline and the container: a news site's lead picture sits in the
 * article's header, a sibling of the byline rather than of the text. Only blocks after the
 * headline count.
 */
function leadPhotoBlocks(container: Element, title: Element | null, stats: PageStats, base: URL): Element[] {
  if (title === null || contains(container, title)) return [];
  const titleOrder = elementOrder(title);
  if (titleOrder < 0) return [];
  const found: Element[] = [];
  const sorted = (): Element[] => found.sort((a, b) => elementOrder(a) - elementOrder(b));
  let node: Element = container;
  for (let level = 0; level < LEAD_PHOTO_LEVELS; level++) {
    const parent = node.parent;
    if (parent === null || !isTag(parent) || parent.name === 'body') break;
    const tags = parent.children.filter(isTag);
    for (let i = tags.indexOf(node) - 1, seen = 0; i >= 0 && seen < LEAD_PHOTO_SIBLINGS; i--, seen++) {
      const sibling = tags[i]!;
      if (BOILERPLATE_TAGS.has(sibling.name) || classRole(sibling.attribs.class, sibling.attribs.id) === 'boilerplate') continue;
      if (contains(sibling, title)) {
        // The header holding the headline: its photos after the headline.
        for (const img of select('img', sibling)) {
          if (elementOrder(img) < titleOrder) continue;
          const block = photoBlockOf(img, sibling, title, stats, base);
          if (block !== null && !found.some((f) => contains(f, block) || contains(block, f))) found.push(block);
        }
        return sorted();
      }
      if (elementOrder(sibling) < titleOrder) return sorted();
      if (isPhotoBlock(sibling, stats, base)) found.push(sibling);
    }
    node = parent;
  }
  return sorted();
}

/** The lead photos and their captions; their text never joins the body. */
function leadImages(containers: Element[], input: BodyInput, stats: PageStats): ArticleImage[] {
  const first = containers[0];
  if (first === undefined || input.titleElement === null) return [];
  // Most pages have no picture between the headline and the text: nothing to look for then.
  const from = elementOrder(input.titleElement);
  const to = elementOrder(first);
  if (!stats.imageOrders.some((order) => order > from && order < to)) return [];
  const blocks = leadPhotoBlocks(first, input.titleElement, stats, input.url).filter(holdsCaptionMarkup);
  if (blocks.length === 0) return [];
  // A lead photo is set as a figure: it comes with its caption in caption markup. Icons beside a
  // header's counters and dates have none.
  return photosOf(blocks, input, stats).filter((img) => img.caption !== null && img.caption.length > 0);
}

/** The photos, with their captions, of blocks outside the containers read; their text is not the body's. */
function photosOf(blocks: Element[], input: BodyInput, stats: PageStats): ArticleImage[] {
  const reader = new LineReader(new Set(input.consumed), stats, 0, input.titleElement, input.url);
  for (const block of blocks) reader.read(block);
  return attachCaptions(reader.items, input.title, stats);
}

/** Whether a block holds caption markup: a <figcaption> or an element with a caption class. */
function holdsCaptionMarkup(block: Element): boolean {
  let found = false;
  walkElements(block, (el) => {
    if (hasCaptionClass(el) && el.name !== 'img') found = true;
    return found ? false : undefined;
  });
  return found || hasCaptionClass(block);
}

function readContainers(containers: Element[], input: BodyInput, stats: PageStats): BodyResult {
  const skip = collectSkips(input, containers);
  let containerChars = 0;
  for (const el of containers) containerChars += stats.get(el)?.chars ?? 0;
  const reader = new LineReader(skip, stats, containerChars, input.titleElement, input.url);
  for (const el of containers) reader.read(el);
  const items = reader.items;
  dropFurnitureLines(items, input.title, input.summary);
  dropRepeatedQuotes(items);
  const images = attachCaptions(items, input.title, stats);
  const lead = leadImages(containers, input, stats).filter((img) => !images.some((other) => other.src === img.src));
  images.unshift(...lead);
  const lines: string[] = [];
  for (const item of items) if (item.kind === 'text' && !item.drop && !isPageNavigation(item.text)) lines.push(item.text);
  trimTrailingShortLines(lines);
  const body = lines.join('\n');
  const bodyChars = visibleLength(body);
  // A slogan or a menu is no article: a body says at least one sentence, or is long.
  const isArticle = bodyChars >= MIN_BODY_CHARS && (bodyChars >= MIN_SENTENCELESS_BODY_CHARS || SENTENCE_MARK_RE.test(body));
  return { body: isArticle ? body : null, images, containers };
}

export function extractBody(input: BodyInput): BodyResult {
  const stats = new PageStats(input.doc);
  let first: BodyResult | null = null;
  for (const containers of containerChoices(input, stats)) {
    const result = readContainers(containers, input, stats);
    if (result.body !== null) return withProfilePhotos(result, input, stats);
    first ??= result;
  }
  return first ?? { body: null, images: [], containers: [] };
}

/**
 * The photos of the profile's photo blocks that lie outside the containers read, with their
 * captions, in page order around the body's own: a DedeCMS picture set shows its strip
 * (div.picbox: each photo over its caption) above the text container.
 */
function withProfilePhotos(result: BodyResult, input: BodyInput, stats: PageStats): BodyResult {
  if (input.profilePhotos.length === 0) return result;
  const blocks: Element[] = [];
  for (const css of input.profilePhotos) {
    for (const el of selectSafely(css, input.doc)) {
      if (!result.containers.some((c) => contains(c, el) || contains(el, c)) && !blocks.some((b) => contains(b, el))) blocks.push(el);
    }
  }
  if (blocks.length === 0) return result;
  const seen = new Set(result.images.map((image) => image.src));
  const before: ArticleImage[] = [];
  const after: ArticleImage[] = [];
  const firstContainer = result.containers[0];
  for (const block of blocks) {
    const photos = photosOf([block], input, stats).filter((image) => !seen.has(image.src));
    for (const photo of photos) seen.add(photo.src);
    const precedes = firstContainer !== undefined && elementOrder(block) < elementOrder(firstContainer);
    (precedes ? before : after).push(...photos);
  }
  return { ...result, images: [...before, ...result.images, ...after] };
}

function childBlockOf(el: Element, block: Element): Element {
  return BLOCK_TAGS.has(el.name) ? el : block;
}

/** Sentence-less scraps at the very end ("分享：", a lone channel name) are furniture. */
function trimTrailingShortLines(lines: string[]): void {
  while (lines.length > 1) {
    const last = lines[lines.length - 1]!;
    if (last.length <= 4 && !SENTENCE_END_RE.test(last)) lines.pop();
    else break;
  }
}

