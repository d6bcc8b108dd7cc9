import { describe, expect, it } from 'vitest';
import { hostKey, hrefInCharset, normalizeUrl, spellingKey } from '../../src/crawl/url.js';

describe('normalizeUrl', () => {
  it.each([
    ['HTTP://WWW.Example.COM/a', 'http://www.example.com/a'],
    ['http://example.com', 'http://example.com/'],
    ['http://example.com:80/x', 'http://example.com/x'],
    ['https://example.com:443/x', 'https://example.com/x'],
    ['http://example.com:8080/x', 'http://example.com:8080/x'],
    ['http://example.com/a/#top', 'http://example.com/a/'],
    ['http://example.com/a/b/../c/./d.html', 'http://example.com/a/c/d.html'],
    ['http://example.com/news/show-1.html?utm_source=wx&utm_medium=share', 'http://example.com/news/show-1.html'],
    ['http://example.com/a?id=3&spm=a2c4g.11186623&from=timeline', 'http://example.com/a?id=3'],
    ['http://example.com/a?b=2&a=1', 'http://example.com/a?b=2&a=1'],
    ['http://example.com/a?', 'http://example.com/a'],
    ['http://example.com/hydt/detail.jsp;jsessionid=18091717ABC?id=84&catid=2', 'http://example.com/hydt/detail.jsp?id=84&catid=2'],
    ['http://example.com/%7euser/%61bc', 'http://example.com/~user/abc'],
    ['http://example.com/a%2fb?q=%e4%b8%ad', 'http://example.com/a%2Fb?q=%E4%B8%AD'],
    ['http://example.com/新闻/1.html', 'http://example.com/%E6%96%B0%E9%97%BB/1.html'],
    ['http://user:pw@example.com/', 'http://example.com/'],
    ['http://example.com./a', 'http://example.com/a'],
    ['http://example.com/list.asp?sid=9f2c4e8a1b7d3f60a5e2&id=12', 'http://example.com/list.asp?id=12'],
    ['http://example.com/list.php?sid=3', 'http://example.com/list.php?sid=3'],
    ['http://example.com/a.php?id=5&PHPSESSID=abc123def456', 'http://example.com/a.php?id=5'],
    ['http://example.com/a.html?_t=1716180000000', 'http://example.com/a.html'],
    ['http://example.com/a.html?t=12', 'http://example.com/a.html?t=12'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it.each(['javascript:void(0)', 'mailto:a@b.cn', 'ftp://example.com/x', 'file:///etc/passwd', 'not a url', '', 'http://'])(
    'rejects %s',
    (input) => {
      expect(normalizeUrl(input)).toBeNull();
    },
  );

  it('resolves relative links against a base', () => {
    expect(normalizeUrl('../list_3_2.html', 'http://a.cn/industry/x/y.html')).toBe('http://a.cn/industry/list_3_2.html');
    expect(normalizeUrl('?page=2', 'http://a.cn/company/')).toBe('http://a.cn/company/?page=2');
  });

  it('keys politeness by host name', () => {
    expect(hostKey('http://127.0.0.1:8080/a')).toBe('127.0.0.1');
  });
});

describe('hrefInCharset', () => {
  it("percent-encodes a link's query in the page's charset, its path in UTF-8 (as a browser sends them)", () => {
    expect(hrefInCharset('list.asp?ClassName=行业新闻&page=2#top', 'gb18030')).toBe('list.asp?ClassName=%D0%D0%D2%B5%D0%C2%CE%C5&page=2#top');
    expect(hrefInCharset('/标签/list.asp?kw=新聞', 'big5')).toBe('/标签/list.asp?kw=%B7%73%BB%44');
    expect(normalizeUrl(hrefInCharset('/标签/?kw=新闻', 'gb18030'), 'http://a.cn/')).toBe('http://a.cn/%E6%A0%87%E7%AD%BE/?kw=%D0%C2%CE%C5');
  });

  it('leaves UTF-8 pages, ASCII links and unknown charsets alone', () => {
    expect(hrefInCharset('list.php?kw=新闻', 'utf-8')).toBe('list.php?kw=新闻');
    expect(hrefInCharset('list.php?kw=%D0%C2', 'gb18030')).toBe('list.php?kw=%D0%C2');
    expect(hrefInCharset('list.php?kw=新闻', 'x-unknown')).toBe('list.php?kw=新闻');
  });
});

describe('spellingKey', () => {
  it('gives the spellings of one IIS page one key: path and parameter names in any case', () => {
    const key = spellingKey('http://a.cn/ShowNews.asp?id=5');
    expect(spellingKey('http://a.cn/shownews.asp?ID=5')).toBe(key);
    expect(spellingKey('http://a.cn/SHOWNEWS.ASP?Id=5')).toBe(key);
    // Values keep their case: they may be keys the server matches exactly.
    expect(spellingKey('http://a.cn/ShowNews.asp?id=A5')).not.toBe(spellingKey('http://a.cn/ShowNews.asp?id=a5'));
  });

  it('drops a spelled-out first page, but not WordPress p=1 and not on other paths', () => {
    expect(spellingKey('http://a.cn/list.php?c=3&page=1')).toBe('http://a.cn/list.php?c=3');
    expect(spellingKey('http://a.cn/?p=1')).toBe('http://a.cn/?p=1');
    expect(spellingKey('http://a.cn/News/Show.html')).toBeNull();
  });
});
