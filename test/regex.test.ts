import { describe, expect, it } from 'vitest';
import { execAll } from '../src/regex.js';

function viaMatchAll(re: RegExp, text: string): { index: number; text: string; groups: unknown }[] {
  return [...text.matchAll(re)].map((m) => ({ index: m.index ?? -1, text: m[0], groups: m.groups }));
}

function viaExecAll(re: RegExp, text: string): { index: number; text: string; groups: unknown }[] {
  return execAll(re, text).map((m) => ({ index: m.index, text: m[0], groups: m.groups }));
}

describe('execAll', () => {
  const cases: [RegExp, string][] = [
    [/(?<label>来源|作者)[:：]/g, '来源：新华社 作者:张三 来源：'],
    [/\d*/g, 'a12b3'],
    [/(?:)/gu, '𠀀a𠀁'],
    [/(?:)/g, '𠀀a'],
    [/[\p{Script=Han}]+/gu, 'abc 晋商会 x 𠀀𠀁 y'],
    [/x/g, ''],
  ];
  it.each(cases)('finds what matchAll finds: %s', (re, text) => {
    expect(viaExecAll(re, text)).toEqual(viaMatchAll(re, text));
  });

  it('leaves lastIndex at 0, whatever it was, and starts from the beginning', () => {
    const re = /a/g;
    re.lastIndex = 3;
    expect(execAll(re, 'aaaa')).toHaveLength(4);
    expect(re.lastIndex).toBe(0);
  });

  it('refuses a regex without the g flag, which would loop for ever', () => {
    expect(() => execAll(/a/, 'aaa')).toThrow(TypeError);
  });
});
