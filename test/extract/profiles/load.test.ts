import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../../src/errors.js';
import { loadProfile } from '../../../src/extract/index.js';

const ORIGIN = 'profiles/my-site.json';

function errorOf(json: unknown): ProfileError {
  try {
    loadProfile(json, ORIGIN);
  } catch (err) {
    if (err instanceof ProfileError) return err;
    throw err;
  }
  throw new Error('expected a ProfileError');
}

describe('loadProfile', () => {
  it('accepts a complete profile and returns its data', () => {
    const json = {
      name: 'example-portal',
      match: { hosts: ['www.example.com', '.example.net'], generator: ['MyCMS'], markup: ['/js/counter.js'] },
      urls: { article: ['/news/\\d+\\.html$'], list: ['/news/list_\\d+\\.html$'] },
      fields: { title: ['h1.title'], views: [['span#hits', 'data-count']], body: ['div#content'] },
      remove: ['div.share', 'div.related'],
      photos: ['div.picbox'],
      timeZone: 'Asia/Hong_Kong',
    };
    expect(loadProfile(json, ORIGIN)).toEqual({ ...json, match: { ...json.match, hosts: ['www.example.com', '.example.net'] } });
  });

  it.each([
    ['not an object', [], 'the profile must be an object, got an array'],
    ['no name', { fields: {} }, '"name" must be a short identifier'],
    ['an unknown top-level key', { name: 'x', selectors: {} }, '"selectors" is not a known key'],
    ['an unknown match key', { name: 'x', match: { host: ['a.com'] } }, '"match.host" is not a known key'],
    ['a host with a scheme', { name: 'x', match: { hosts: ['http://a.com'] } }, '"match.hosts[0]" must be a host name'],
    ['an unknown field', { name: 'x', fields: { titel: ['h1'] } }, '"fields.titel" is not a known key'],
    ['a field that is not a list', { name: 'x', fields: { title: 'h1' } }, '"fields.title" must be an array of selectors'],
    ['a broken CSS selector', { name: 'x', fields: { body: ['div[class='] } }, '"fields.body[0]" is not a valid CSS selector'],
    ['a bad selector/attribute pair', { name: 'x', fields: { views: [['span#hits']] } }, '"fields.views[0]" must be "selector" or ["selector", "attribute"]'],
    ['a broken URL pattern', { name: 'x', urls: { article: ['(unclosed'] } }, '"urls.article[0]" is not a valid regular expression'],
    ['a broken remove selector', { name: 'x', remove: ['>>>'] }, '"remove[0]" is not a valid CSS selector'],
    ['photos that are not a list', { name: 'x', photos: 'div.picbox' }, '"photos" must be an array of strings'],
    ['an unknown time zone', { name: 'x', timeZone: 'Mars/Olympus' }, '"timeZone" must be an IANA time zone'],
  ])('rejects %s with a one-line error naming the file and the key', (_, json, message) => {
    const err = errorOf(json);
    expect(err.message).toContain(ORIGIN);
    expect(err.message).toContain(message);
    expect(err.message).not.toContain('\n');
    expect(err.exitCode).toBe(2);
  });
});
