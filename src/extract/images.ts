/**
 * The article's own photos: which `<img>` is a photo (not an icon, spacer, logo or share button),
 * where its real URL is (lazy-loading attributes), and which line next to it is its caption.
 * The body stage walks the container once and asks these questions per image and per line.
 */
import { execAll } from '../regex.js';
import type { ArticleImage } from '../types.js';
import { type AnyNode, absoluteUrl, type Element, isTag } from './dom.js';

/** Lazy-loading attributes, most specific first; `src` is often a grey placeholder meanwhile. */
const LAZY_SRC_ATTRIBUTES = [
  'data-original',
  'data-src',
  'data-lazy-src',
  'data-lazyload',
  'data-lazy',
  'data-url',
  'data-actualsrc',
  'original',
  'file',
  'data-echo',
] as const;
/** Any other data-* attribute holding an image URL (each lazy-loading script names its own). */
const IMAGE_URL_RE = /^(?=\S*$)(?:https?:)?\/\/?[^\s"'<>]+\.(?:jpe?g|png|gif|webp|bmp)(?:[?#][^\s]*)?$/i;

/** File names of placeholders and page furniture (checked on the URL path, not the host). */
const NOT_A_PHOTO_RE =
  /(?:^|[/_\-.])(?:logo|icon|icons|ico|favicon|share|sharing|btn|button|qrcode|qr|erweima|ewm|avatars?|emoji|emotion|smiley|arrow|bullet|spacer|blank|loading|loader|lazy|placeholder|pixel|transparent|1x1|grey|gray|weixin|wechat|weibo|nopic)(?:[/_\-.\d]|$)/i;
/** Generic words that name page furniture only as a whole file name (line.gif, dot_2.png, bg.jpg), not inside a photo's name (hj_line.jpg). */
const FURNITURE_STEM_RE = /\/(?:print|close|dot|line|bg)[_-]?\d*\.[a-z]{3,4}$/i;

/** Photos smaller than this (declared width or height, px) are icons or decorations. */
const MIN_PHOTO_SIDE_PX = 60;

const DIMENSION_RE = /^\s*(\d+(?:\.\d+)?)(?:\s*px)?\s*$/i;
const STYLE_DIMENSION_RE = /(?:^|;)\s*(width|height)\s*:\s*(\d+(?:\.\d+)?)px/gi;

function declaredSide(el: Element, name: 'width' | 'height'): number | null {
  const value = el.attribs[name];
  if (value !== undefined) {
    const m = DIMENSION_RE.exec(value);
    if (m !== null) return Number(m[1]);
  }
  const style = el.attribs.style;
  if (style !== undefined) {
    for (const m of execAll(STYLE_DIMENSION_RE, style)) if (m[1]!.toLowerCase() === name) return Number(m[2]);
  }
  return null;
}

function isPlaceholderSrc(src: string | undefined): boolean {
  if (src === undefined || src.trim() === '') return true;
  if (/^\s*data:/i.test(src)) return true;
  return /(?:^|[/_\-.])(?:blank|spacer|loading|loader|lazy|placeholder|pixel|transparent|grey|gray|1x1)(?:[/_\-.\d]|$)/i.test(src);
}

/**
 * A `.gif` in `src` while a lazy-loading attribute names another picture: the gif is the loader's
 * stand-in (Yahoo's spaceball.gif, sites' own 1×1 files under any name), the attribute the photo.
 */
/** A lazy attribute holding a picture's address (not a JSON of sizes, as MSN writes into data-src). */
const LAZY_PHOTO_URL_RE = /^(?:(?:https?:)?\/\/|\/|\.{0,2}\/?[\w-]+\/)[^\s{}"'<>]*$/i;

function isGifBesideLazyPhoto(img: Element, src: string | undefined): boolean {
  if (src === undefined || !/\.gif(?:[?#]|$)/i.test(src)) return false;
  return LAZY_SRC_ATTRIBUTES.some((name) => {
    const value = img.attribs[name];
    return (
      value !== undefined &&
      LAZY_PHOTO_URL_RE.test(value.trim()) &&
      !isPlaceholderSrc(value) &&
      value.trim() !== src.trim() &&
      !/\.gif(?:[?#]|$)/i.test(value)
    );
  });
}

/** Boxes of the writer's or account's avatar (百家号 div.author-icon beside 山西日报 +关注). */
const PERSON_BOX_RE = /(?:^|[\s_-])(?:avatar|author|headimg|head-img|portrait|follow|user-?info|account|expert|doctor|profile)(?:$|[\s_-]|icon|img|pic)/i;
const PERSON_BOX_DEPTH = 3;

/** Whether the image sits in the box of the writer's or account's avatar. */
function inPersonBox(img: Element): boolean {
  let el: Element | null = img;
  for (let depth = 0; el !== null && depth <= PERSON_BOX_DEPTH; depth++) {
    const marks = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
    if (marks.length > 1 && PERSON_BOX_RE.test(marks)) return true;
    const parent: AnyNode | null = el.parent;
    el = parent !== null && isTag(parent) ? parent : null;
  }
  return false;
}

/** The absolute URL of a photo, or null when the element is no photo of the article. */
export function photoUrl(img: Element, base: URL): string | null {
  let raw: string | undefined = img.attribs.src;
  if (isPlaceholderSrc(raw) || isGifBesideLazyPhoto(img, raw)) {
    raw = undefined;
    for (const name of LAZY_SRC_ATTRIBUTES) {
      const candidate = img.attribs[name];
      if (!isPlaceholderSrc(candidate)) {
        raw = candidate;
        break;
      }
    }
  }
  if (raw === undefined) {
    for (const [name, value] of Object.entries(img.attribs)) {
      if (name.startsWith('data-') && IMAGE_URL_RE.test(value.trim()) && !isPlaceholderSrc(value)) {
        raw = value;
        break;
      }
    }
  }
  if (raw === undefined) return null;
  const url = absoluteUrl(raw, base);
  if (url === null) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  if (NOT_A_PHOTO_RE.test(path) || FURNITURE_STEM_RE.test(path) || inPersonBox(img)) return null;
  const width = declaredSide(img, 'width');
  const height = declaredSide(img, 'height');
  if ((width !== null && width < MIN_PHOTO_SIDE_PX) || (height !== null && height < MIN_PHOTO_SIDE_PX)) return null;
  return url;
}

/** An alt/title that says something: not empty, not a file name, not the headline, not "图片". */
export function meaningfulAlt(img: Element, title: string | null): string | null {
  const raw = (img.attribs.alt ?? img.attribs.title ?? '').replace(/\s+/g, ' ').trim();
  if (raw.length < 2) return null;
  if (/\.(?:jpe?g|png|gif|webp|bmp)$/i.test(raw) || /^[\w\-.]+$/.test(raw) && /\d{4,}/.test(raw)) return null;
  if (/^(?:图片?|image|img|photo|pic|picture|untitled|null|undefined|默认标题.*|[\d_\-.]+)$/i.test(raw)) return null;
  if (title !== null && normaliseForCompare(raw) === normaliseForCompare(title)) return null;
  return raw;
}

function normaliseForCompare(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * Caption wording Chinese papers use: photographer credit "…摄" / "（XX 摄）", "图为…", "（图/…）",
 * "图：…", "资料图", "图片来源…", "▲ …". Any of these makes a short line next to a photo its caption.
 */
const CAPTION_WORDING_RE =
  /[\s\u3000]图\s*[)）]?\s*$|^\s*[[【(（]?\s*(?:图片说明|图注|图说)|^\s*(?:图|Figure|Fig\.?)\s*\d+\s*[.．:：、\s]|摄\s*[)）]?\s*$|摄影\s*[:：]|[（(]\s*(?:图|摄影|供图|图片)\s*[/／:：|]|^\s*[（(]?\s*图为|^\s*图\s*\d*\s*[:：]|^\s*图\s*\d+\s|资料图|图片来源|图片由.{1,30}提供|供图\s*[)）]?\s*$|^\s*[▲△↑]|^\s*图[（(][一二三四五六七八九十\d]+[)）]/;

/** Class/id words of caption elements ("pic-text", "img_desc", "caption", "note"). */
const CAPTION_CLASS_RE = /(?:^|[^a-z])(?:pic|picture|photo|img|image|note|desc|descr|description|tu|explain|title_pic)(?:[^a-z]|$)/i;
/** Unambiguous caption class fragments, matched anywhere ("thumbcaption", "picDesc", "imgtxt"). */
const CAPTION_CLASS_FRAGMENT_RE = /caption|imgtext|pictext|imgtxt|pictxt|img_?desc|pic_?desc|photo_?desc|img_?note|pic_?note|photo_?text|tuzhu|img_?title|pic_?title|picintro|imgintro/i;

/** Numbered sub-headings ("一、…", "（二）…", "3. …") are not captions even when centred. */
const HEADING_NUMBER_RE = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[、.．]\D)/;

const MAX_CAPTION_CHARS = 150;
/** Latin script takes about two and a half times the characters of Han for the same caption. */
const MAX_LATIN_CAPTION_CHARS = 360;
const HAN_RE = /[\u3400-\u9fff]/;

/** The longest a caption may be: Han captions are short; a caption without Han may be longer. */
function captionLimit(text: string): number {
  return text.length <= MAX_CAPTION_CHARS || HAN_RE.test(text) ? MAX_CAPTION_CHARS : MAX_LATIN_CAPTION_CHARS;
}
/** A line only centred, without caption wording, must be shorter than this to count. */
const MAX_CENTRED_CAPTION_CHARS = 70;

export function hasCaptionClass(el: Element): boolean {
  if (el.name === 'figcaption') return true;
  const names = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  return names.length > 1 && (CAPTION_CLASS_RE.test(names) || CAPTION_CLASS_FRAGMENT_RE.test(names));
}

export interface CaptionCandidate {
  text: string;
  /** Inside figcaption or an element with a caption class. */
  captionMarkup: boolean;
  /** The line is centred (align=center, text-align:center, <center>). */
  centred: boolean;
  /** The line is set in grey or a small font, as portals set photo captions. */
  muted: boolean;
  /** The whole line is bold: a sub-heading more likely than a caption. */
  bold: boolean;
  /** The line is a heading element (h1–h6). */
  heading: boolean;
}

/** Where a line stands relative to the photo it may caption. */
export interface CaptionPlacement {
  /** The line shares the photo's block (`<p><img><br>caption</p>`). */
  sameBlock: boolean;
  /** The photo's block holds nothing but photos (`<p><img></p><p>caption</p>`). */
  photoOnlyBlock: boolean;
  /** The line is a paragraph of its own, not a `<br>` run of a text container. */
  ownParagraph: boolean;
}

/** A line sharing the photo's block is its caption up to this length. */
const MAX_SAME_BLOCK_CAPTION_CHARS = 100;
/** A plain line (no markup, no wording) right under a photo-only block: only a short label ("小温。"). */
const MAX_PLAIN_CAPTION_CHARS = 25;

const MUTED_COLOUR_RE =
  /(?:^|[;\s"])color\s*:\s*(?:#(?:[7-9a-c]){3}\b|#(?:[7-9a-c][0-9a-f]){3}\b|gr[ae]y\b|rgb\(\s*1[1-9]\d\s*,\s*1[1-9]\d\s*,\s*1[1-9]\d\s*\))/i;
const SMALL_FONT_RE = /font-size\s*:\s*(?:(?:[89]|1[01])(?:\.\d+)?px|[5-9](?:\.\d+)?pt|x-small|small|smaller)\b/i;

/** Grey or small type, from an inline style or a `<font color|size>`. */
export function isMuted(el: Element): boolean {
  const style = el.attribs.style;
  if (style !== undefined && (MUTED_COLOUR_RE.test(style) || SMALL_FONT_RE.test(style))) return true;
  if (el.name === 'font') {
    const colour = el.attribs.color;
    if (colour !== undefined && MUTED_COLOUR_RE.test(`color:${colour}`)) return true;
    const size = el.attribs.size;
    if (size !== undefined && /^\s*(?:1|2|-[12])\s*$/.test(size)) return true;
  }
  return false;
}

function isHeadingLike(line: CaptionCandidate): boolean {
  return line.heading || HEADING_NUMBER_RE.test(line.text);
}

/** Whether a line just under a photo is its caption. */
export function isCaptionBelow(line: CaptionCandidate, place: CaptionPlacement): boolean {
  const length = line.text.length;
  if (length > captionLimit(line.text) || line.heading) return false;
  if (line.captionMarkup || CAPTION_WORDING_RE.test(line.text)) return !INTRODUCES_RE.test(line.text) || line.captionMarkup;
  if (isHeadingLike(line) || INTRODUCES_RE.test(line.text)) return false;
  if (place.sameBlock && length <= MAX_SAME_BLOCK_CAPTION_CHARS) return true;
  if ((line.centred || line.muted) && length <= MAX_CENTRED_CAPTION_CHARS && !line.bold) return true;
  return place.photoOnlyBlock && place.ownParagraph && length <= MAX_PLAIN_CAPTION_CHARS && !line.bold;
}

/** A second caption line (an English and a Chinese caption, a credit line) joins only with markup or wording. */
export function isCaptionContinuation(line: CaptionCandidate): boolean {
  if (line.text.length > captionLimit(line.text) || line.heading || INTRODUCES_RE.test(line.text)) return false;
  if (line.captionMarkup || CAPTION_WORDING_RE.test(line.text)) return true;
  return line.muted && !line.bold && line.text.length <= MAX_CENTRED_CAPTION_CHARS;
}

/** A line ending with a colon introduces what follows ("可以看出以下特点："): prose, not a caption. */
const INTRODUCES_RE = /[:：]\s*$/;

/** Where a line stands over the photo it may caption. */
export interface AbovePlacement {
  /** The photo's block holds nothing but photos and the line is a short paragraph of its own. */
  photoOnlyBlock: boolean;
  /** Photo and line both sit in table cells or a <figure> (a photo table, a figure with its title on top). */
  inCells: boolean;
  /** The text line before this one is centred too: the text is set centred, centring tells nothing. */
  afterCentredText: boolean;
}

/** A label of one sentence with its full stop ("沁水县一处煤层气集输站。"); sub-headings carry no full stop. */
const ONE_SENTENCE_LABEL_RE = /^[^。！？!?；;]+[。．]$/;

/**
 * Whether a line just over a photo is its caption. Caption markup or wording is enough; otherwise a
 * centred sub-heading is the likelier reading, so a plain line counts only in a photo table's cell,
 * or as a centred one-sentence label (full stop, not bold) right over a photo-only block.
 */
export function isCaptionAbove(line: CaptionCandidate, place: AbovePlacement): boolean {
  const length = line.text.length;
  if (length > captionLimit(line.text) || line.heading) return false;
  if (CAPTION_WORDING_RE.test(line.text)) return true;
  // Over a photo, a long paragraph of several sentences is the story leading to it even inside
  // caption-named markup ("pic-content" wrapping a whole short article).
  if (line.captionMarkup) return length <= MAX_CENTRED_CAPTION_CHARS || sentenceCount(line.text) <= 1;
  if (isHeadingLike(line) || INTRODUCES_RE.test(line.text) || line.bold || length > MAX_CENTRED_CAPTION_CHARS) return false;
  if (place.inCells) return true;
  return (
    (line.centred || line.muted) && place.photoOnlyBlock && !place.afterCentredText && ONE_SENTENCE_LABEL_RE.test(line.text.trim())
  );
}

/** Sentences in a line: its full stops, question and exclamation marks, a run of them counting once. */
function sentenceCount(text: string): number {
  const inner = text.trim().replace(SENTENCE_STOPS_AT_END_RE, '');
  return inner.split(SENTENCE_STOPS_RE).length;
}
const SENTENCE_STOPS_RE = /[。！？!?]+/;
const SENTENCE_STOPS_AT_END_RE = /[。！？!?]+["”’」』)）]?$/;

export function toArticleImage(src: string, caption: string | null, alt: string | null): ArticleImage {
  return { src, caption, alt };
}
