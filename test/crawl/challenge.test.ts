import { describe, expect, it } from 'vitest';
import { isChallengePage } from '../../src/crawl/challenge.js';

const bytes = (html: string) => Buffer.from(html);

describe('isChallengePage', () => {
  it('recognises a script that sets a cookie and reloads, with nothing to read', () => {
    expect(isChallengePage(bytes('<html><body><script>document.cookie="_wafid=8f2a;path=/";location.reload();</script></body></html>'))).toBe(true);
    expect(
      isChallengePage(bytes('<html><head><title>安全验证</title></head><body><p>请稍候…</p><script>document.cookie = "t=1"; window.location.href = location.href;</script></body></html>')),
    ).toBe(true);
  });

  it('leaves real pages alone: one with text, one without the reload, one too big for a challenge', () => {
    const prose = '<p>全省开发区2022年第一次项目集中签约一批、开工一批、投产一批，持续发力抓项目，奋楫当先促转型。</p>'.repeat(3);
    expect(isChallengePage(bytes(`<html><body>${prose}<script>document.cookie="lang=zh";location.reload();</script></body></html>`))).toBe(false);
    expect(isChallengePage(bytes('<html><body><script>document.cookie="_wafid=8f2a";</script></body></html>'))).toBe(false);
    expect(isChallengePage(bytes(`<html><body><script>document.cookie="a=1";location.reload();</script>${' '.repeat(20_000)}</body></html>`))).toBe(false);
    expect(isChallengePage(new Uint8Array(0))).toBe(false);
  });
});
