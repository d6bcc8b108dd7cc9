import { describe, expect, it } from 'vitest';
import { bodyTokens, compact, tokenF1 } from '../../src/eval/tokens.js';

describe('compact', () => {
  it('applies NFKC and removes every kind of whitespace', () => {
    expect(compact(' 山西\u3000日报\n ')).toBe('山西日报');
    expect(compact('ＡＢＣ　１２３')).toBe('ABC123');
    expect(compact('a\u00a0b\tc')).toBe('abc');
  });
});

describe('bodyTokens', () => {
  it('splits Han runs into overlapping character bigrams', () => {
    expect(bodyTokens('山西日报')).toEqual(['山西', '西日', '日报']);
  });

  it('keeps a Han run of one character as a unigram', () => {
    expect(bodyTokens('共5个')).toEqual(['共', '5', '个']);
  });

  it('breaks Han runs at punctuation', () => {
    expect(bodyTokens('项目，开工。')).toEqual(['项目', '开工']);
  });

  it('takes whole lower-cased words outside CJK runs', () => {
    expect(bodyTokens('Hello, World 2022!')).toEqual(['hello', 'world', '2022']);
  });

  it('normalises full-width letters and digits with NFKC', () => {
    expect(bodyTokens('ＡＢＣ２０２２')).toEqual(['abc2022']);
  });

  it('treats kana and Hangul like Han', () => {
    expect(bodyTokens('ニュース')).toEqual(['ニュ', 'ュー', 'ース']);
    expect(bodyTokens('한국어')).toEqual(['한국', '국어']);
  });

  it('splits a CJK run from an adjacent Latin word', () => {
    expect(bodyTokens('5G芯片')).toEqual(['5g', '芯片']);
  });
});

describe('tokenF1', () => {
  it('scores identical text 1; a space splits a CJK run into two', () => {
    expect(tokenF1('山西日报 记者', '山西日报记者。').f1).toBeLessThan(1); // the space splits a run
    expect(tokenF1('山西日报记者', '山西日报记者').f1).toBe(1);
  });

  it('computes precision and recall on the multiset intersection', () => {
    // got: 山西 西日 日报 | expected: 山西 西日 日报 报记 记者
    const f = tokenF1('山西日报', '山西日报记者');
    expect(f.precision).toBe(1);
    expect(f.recall).toBeCloseTo(3 / 5);
    expect(f.f1).toBeCloseTo((2 * 1 * 0.6) / 1.6);
    expect(f.missing.sort()).toEqual(['报记', '记者']);
  });

  it('counts repeated tokens only as often as both sides have them', () => {
    const f = tokenF1('a a a', 'a');
    expect(f.precision).toBeCloseTo(1 / 3);
    expect(f.recall).toBe(1);
    expect(f.extra).toEqual(['a']);
  });

  it('scores 0 for an empty extraction and 1 for two empty texts', () => {
    expect(tokenF1('', '正文').f1).toBe(0);
    expect(tokenF1('', '').f1).toBe(1);
  });
});
