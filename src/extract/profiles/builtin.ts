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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every built-in markup fingerprint in one alternation: one pass over the page instead of one
 * `includes` per needle (pages are 100–500 KB of two-byte text; this is 2–3x faster).
 */
const BUILTIN_MARKUP_RE = new RegExp(
  BUILTIN_PROFILES.flatMap((profile) => profile.match?.markup ?? []).map(escapeRegExp).join('|'),
);

/** The built-in profile whose fingerprint the page carries, or null for the generic extractor. */
export function recogniseProfile(doc: Document, html: string, host: string): SiteProfile | null {
  const generator = generatorOf(doc);
  const markup = BUILTIN_MARKUP_RE.exec(html)?.[0] ?? null;
  for (const profile of BUILTIN_PROFILES) {
    if (markup !== null && profile.match?.markup?.includes(markup)) return profile;
    if (profileMatches(profile, host, generator, '')) return profile;
  }
  return null;
}
