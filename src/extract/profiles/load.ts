/**
 * Validating a site profile's data (a user's `--profile file.json` or a built-in one). Reading the
 * file is the CLI's job; this checks the parsed JSON and says, in one line, which key is wrong.
 */
import { compile } from 'css-select';
import { ProfileError } from '../../errors.js';
import type { ProfileField, ProfileSelector, SiteProfile } from './schema.js';

const TOP_LEVEL_KEYS = new Set(['name', 'match', 'urls', 'fields', 'remove', 'photos', 'timeZone']);
const MATCH_KEYS = new Set(['hosts', 'generator', 'markup']);
const URL_KEYS = new Set(['article', 'list']);
export const PROFILE_FIELDS: readonly ProfileField[] = [
  'title',
  'publishedAt',
  'source',
  'author',
  'editor',
  'views',
  'summary',
  'body',
  'meta',
];
const PROFILE_FIELD_SET: ReadonlySet<string> = new Set(PROFILE_FIELDS);
const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}" (string)`;
  return `${String(value)} (${typeof value})`.replace(/^\[object Object\] \(object\)$/, 'an object');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Validator {
  readonly #origin: string;
  constructor(origin: string) {
    this.#origin = origin;
  }

  fail(key: string, message: string): never {
    const subject = key === '' ? 'the profile' : `"${key}"`;
    throw new ProfileError(`profile ${this.#origin}: ${subject} ${message}`);
  }

  object(value: unknown, key: string, allowed: ReadonlySet<string>): Record<string, unknown> {
    if (!isPlainObject(value)) this.fail(key, `must be an object, got ${describe(value)}`);
    for (const k of Object.keys(value)) {
      if (!allowed.has(k)) this.fail(key === '' ? k : `${key}.${k}`, `is not a known key (expected one of ${[...allowed].join(', ')})`);
    }
    return value;
  }

  strings(value: unknown, key: string, check?: (item: string, key: string) => void): string[] {
    if (!Array.isArray(value)) this.fail(key, `must be an array of strings, got ${describe(value)}`);
    return value.map((item, i) => {
      const itemKey = `${key}[${i}]`;
      if (typeof item !== 'string' || item.trim() === '') this.fail(itemKey, `must be a non-empty string, got ${describe(item)}`);
      check?.(item, itemKey);
      return item;
    });
  }

  selector = (css: string, key: string): void => {
    try {
      compile(css);
    } catch (err) {
      this.fail(key, `is not a valid CSS selector: ${css} (${err instanceof Error ? err.message : String(err)})`);
    }
  };

  regex = (source: string, key: string): void => {
    try {
      new RegExp(source);
    } catch (err) {
      this.fail(key, `is not a valid regular expression: ${source} (${err instanceof Error ? err.message : String(err)})`);
    }
  };
}

/** Validates parsed JSON as a site profile. Throws ProfileError naming `origin` and the bad key. */
export function loadProfile(json: unknown, origin: string): SiteProfile {
  const v: Validator = new Validator(origin);
  const top = v.object(json, '', TOP_LEVEL_KEYS);
  const name = top.name;
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    v.fail('name', `must be a short identifier (letters, digits, . _ -), got ${describe(name)}`);
  }
  const profile: SiteProfile = { name };

  if (top.match !== undefined) {
    const match = v.object(top.match, 'match', MATCH_KEYS);
    profile.match = {};
    if (match.hosts !== undefined) {
      profile.match.hosts = v.strings(match.hosts, 'match.hosts', (host, key) => {
        if (!/^\.?[a-z0-9-]+(?:\.[a-z0-9-]+)*$/i.test(host)) v.fail(key, `must be a host name like "www.example.com" or ".example.com", got ${describe(host)}`);
      }).map((host) => host.toLowerCase());
    }
    if (match.generator !== undefined) profile.match.generator = v.strings(match.generator, 'match.generator');
    if (match.markup !== undefined) profile.match.markup = v.strings(match.markup, 'match.markup');
  }

  if (top.urls !== undefined) {
    const urls = v.object(top.urls, 'urls', URL_KEYS);
    profile.urls = {};
    if (urls.article !== undefined) profile.urls.article = v.strings(urls.article, 'urls.article', v.regex);
    if (urls.list !== undefined) profile.urls.list = v.strings(urls.list, 'urls.list', v.regex);
  }

  if (top.fields !== undefined) {
    const fields = v.object(top.fields, 'fields', PROFILE_FIELD_SET);
    profile.fields = {};
    for (const [field, value] of Object.entries(fields)) {
      const key = `fields.${field}`;
      if (!Array.isArray(value)) v.fail(key, `must be an array of selectors, got ${describe(value)}`);
      const selectors: ProfileSelector[] = value.map((item, i): ProfileSelector => {
        const itemKey = `${key}[${i}]`;
        if (typeof item === 'string') {
          if (item.trim() === '') v.fail(itemKey, 'must be a non-empty CSS selector');
          v.selector(item, itemKey);
          return item;
        }
        if (Array.isArray(item) && item.length === 2 && typeof item[0] === 'string' && typeof item[1] === 'string' && item[1] !== '') {
          v.selector(item[0], itemKey);
          return [item[0], item[1]];
        }
        return v.fail(itemKey, `must be "selector" or ["selector", "attribute"], got ${describe(item)}`);
      });
      profile.fields[field as ProfileField] = selectors;
    }
  }

  if (top.remove !== undefined) profile.remove = v.strings(top.remove, 'remove', v.selector);
  if (top.photos !== undefined) profile.photos = v.strings(top.photos, 'photos', v.selector);

  if (top.timeZone !== undefined) {
    const zone = top.timeZone;
    if (typeof zone !== 'string' || !isValidZone(zone)) v.fail('timeZone', `must be an IANA time zone like "Asia/Shanghai", got ${describe(zone)}`);
    profile.timeZone = zone;
  }
  return profile;
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
