/**
 * The CPU-heavy half of handling a page: decode, parse once for links, extract, classify.
 * Pure (bytes in, data out), so the crawl can run it on worker threads while the main thread
 * does the network and the database.
 */
import { type Document, isText, walkElements } from '../extract/dom.js';
import { extractWithDocument } from '../extract/index.js';
import type { SiteProfile } from '../extract/profiles/schema.js';
import type { PageKind } from '../store/types.js';
import type { Article } from '../types.js';
import { classifyPage, UrlClassifier } from './classify.js';
import { discoverLinks, type FoundLink } from './links.js';

export interface AnalyzeInput {
  body: Uint8Array;
  url: string;
  contentType: string | null;
  fetchedAt: Date;
  now: Date;
  /** --timezone; else the site profile's zone, else Asia/Shanghai (extract decides). */
  timeZone?: string | undefined;
  profile: SiteProfile | null;
}

export interface AnalyzeResult {
  article: Article;
  links: FoundLink[];
  kind: PageKind;
}

const classifiers = new WeakMap<SiteProfile, UrlClassifier>();
const genericClassifier = new UrlClassifier(null);

function classifierFor(profile: SiteProfile | null): UrlClassifier {
  if (!profile) return genericClassifier;
  let c = classifiers.get(profile);
  if (!c) {
    c = new UrlClassifier(profile);
    classifiers.set(profile, c);
  }
  return c;
}

/** The page's `<title>` text ("headline_栏目_站点"), read from the head only. */
function titleTagOf(doc: Document): string | null {
  let found: string | null = null;
  walkElements(doc, (el) => {
    if (found !== null || el.name === 'body') return false;
    if (el.name !== 'title') return undefined;
    found = el.children.map((c) => (isText(c) ? c.data : '')).join('');
    return false;
  });
  return found;
}

export function analyzePage(input: AnalyzeInput): AnalyzeResult {
  // One decode and one parse serve both extraction and link discovery.
  const { article, doc } = extractWithDocument(input.body, {
    url: input.url,
    contentType: input.contentType,
    profile: input.profile,
    now: input.now,
    timeZone: input.timeZone,
    fetchedAt: input.fetchedAt,
  });
  const links = discoverLinks(doc, input.url);
  const kind = classifyPage({ url: input.url, article, links, titleTag: titleTagOf(doc) }, classifierFor(input.profile));
  return { article, links, kind };
}
