/**
 * The built-in profiles of the common Chinese portal CMSes (markup in ../shared/cms-templates.md),
 * and recognising which one generated a page: by `<meta name="generator">` or by markup only that
 * CMS emits — never by host, since every portal runs on its own domain.
 */
import { attr, type Document, walkElements } from '../dom.js';
import dedecms from './dedecms.json' with { type: 'json' };
import destoon from './destoon.json' with { type: 'json' };
import empirecms from './empirecms.json' with { type: 'json' };
import { loadProfile } from './load.js';
import phpcms from './phpcms.json' with { type: 'json' };
import type { SiteProfile } from './schema.js';

/** Validated once at module load: a broken built-in is a programmer error and fails every test. */
export const BUILTIN_PROFILES: readonly SiteProfile[] = [
  loadProfile(destoon, 'builtin destoon.json'),
  loadProfile(dedecms, 'builtin dedecms.json'),
  loadProfile(phpcms, 'builtin phpcms.json'),
  loadProfile(empirecms, 'builtin empirecms.json'),
];

/** The generator meta of a page, when it has one. Stops at `<body>`: the meta sits in the head. */
export function generatorOf(doc: Document): string | null {
  let generator: string | null = null;
  walkElements(doc, (el) => {
    if (generator !== null || el.name === 'body') return false;
    if (el.name === 'meta' && attr(el, 'name')?.toLowerCase() === 'generator') generator = attr(el, 'content');
    return undefined;
  });
  return generator;
}

function hostMatches(host: string, pattern: string): boolean {
  return pattern.startsWith('.') ? host === pattern.slice(1) || host.endsWith(pattern) : host === pattern;
}

/** Whether a profile claims the page: host, generator or markup; any one is enough. */
export function profileMatches(profile: SiteProfile, host: string, generator: string | null, html: string): boolean {
  const match = profile.match;
  if (match === undefined) return false;
  if (match.hosts?.some((pattern) => hostMatches(host, pattern))) return true;
  const lowerGenerator = generator?.toLowerCase() ?? null;
  if (lowerGenerator !== null && match.generator?.some((g) => lowerGenerator.includes(g.toLowerCase()))) return true;
  return match.markup?.some((needle) => html.includes(needle)) ?? false;
}

/**
 * Characters that are rare in HTML, rarest first (times per corpus page: ? 96, V 190, P 285,
 * D 334, E 511, j 1071, _ 1257): each fingerprint is looked for only where its rarest character
 * stands, with `indexOf` (which skips ahead natively), and checked there in full. Every hit costs
 * a step in JS, so fingerprints sharing a character share one scan ("Powered by …" all go by P).
 * One regex alternation of all fingerprints reads every character of the page in JS-visible
 * steps and cost twice as much (pages are 100–500 KB of two-byte text).
 */
const RARE_CHARS = '?VPDEj_';

interface Fingerprint {
  text: string;
  /** Position in `text` of the character it is searched by. */
  anchor: number;
  /** The code units just before and after the anchor (-1 at an end): most hits of the anchor fail on these, no string compare needed. */
  before: number;
  after: number;
  /** Position in the built-in list: between fingerprints starting at the same offset, the first wins. */
  order: number;
}

interface AnchorGroup {
  char: string;
  fingerprints: Fingerprint[];
  maxAnchor: number;
}

export function anchorGroups(needles: readonly string[]): AnchorGroup[] {
  const groups = new Map<string, AnchorGroup>();
  needles.forEach((text, order) => {
    let anchor = 0;
    for (const char of RARE_CHARS) {
      const at = text.indexOf(char);
      if (at >= 0) {
        anchor = at;
        break;
      }
    }
    const char = text[anchor] ?? '';
    if (char === '') return;
    let group = groups.get(char);
    if (group === undefined) {
      group = { char, fingerprints: [], maxAnchor: 0 };
      groups.set(char, group);
    }
    const before = anchor > 0 ? text.charCodeAt(anchor - 1) : -1;
    const after = anchor + 1 < text.length ? text.charCodeAt(anchor + 1) : -1;
    group.fingerprints.push({ text, anchor, before, after, order });
    group.maxAnchor = Math.max(group.maxAnchor, anchor);
  });
  return [...groups.values()];
}

/**
 * The fingerprint that starts first in `html` (between two starting at the same offset, the one
 * listed first), or null: what a regex alternation of the needles would match, found faster.
 */
export function firstFingerprint(html: string, groups: readonly AnchorGroup[]): string | null {
  let bestStart = -1;
  let best: Fingerprint | null = null;
  for (const group of groups) {
    const found = new Set<Fingerprint>();
    for (let at = html.indexOf(group.char); at !== -1; at = html.indexOf(group.char, at + 1)) {
      // Every later hit of this group would start after the best one found so far.
      if (found.size === group.fingerprints.length || (best !== null && at - group.maxAnchor > bestStart)) break;
      const before = at > 0 ? html.charCodeAt(at - 1) : -1;
      const after = at + 1 < html.length ? html.charCodeAt(at + 1) : -1;
      for (const fingerprint of group.fingerprints) {
        if ((fingerprint.before !== -1 && fingerprint.before !== before) || (fingerprint.after !== -1 && fingerprint.after !== after)) continue;
        const start = at - fingerprint.anchor;
        if (found.has(fingerprint) || start < 0 || !html.startsWith(fingerprint.text, start)) continue;
        found.add(fingerprint);
        if (best === null || start < bestStart || (start === bestStart && fingerprint.order < best.order)) {
          best = fingerprint;
          bestStart = start;
        }
      }
    }
  }
  return best?.text ?? null;
}

const BUILTIN_FINGERPRINTS = anchorGroups(BUILTIN_PROFILES.flatMap((profile) => profile.match?.markup ?? []));

/** The built-in profile whose fingerprint the page carries, or null for the generic extractor. */
export function recogniseProfile(doc: Document, html: string, host: string): SiteProfile | null {
  const generator = generatorOf(doc);
  const markup = firstFingerprint(html, BUILTIN_FINGERPRINTS);
  for (const profile of BUILTIN_PROFILES) {
    if (markup !== null && profile.match?.markup?.includes(markup)) return profile;
    if (profileMatches(profile, host, generator, '')) return profile;
  }
  return null;
}
