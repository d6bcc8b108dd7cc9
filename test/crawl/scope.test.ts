import { describe, expect, it } from 'vitest';
import { compilePattern, Scope, siteKey } from '../../src/crawl/scope.js';
import { UsageError } from '../../src/errors.js';

describe('siteKey', () => {
  it.each([
    ['http://www.example.com.cn/a', 'example.com.cn'],
    ['http://news.example.com.cn/a', 'example.com.cn'],
    ['http://www.taiyuan.gov.cn/', 'taiyuan.gov.cn'],
    ['http://www.datong.gov.cn/', 'datong.gov.cn'],
    ['http://127.0.0.1:8080/', '127.0.0.1:8080'],
    ['http://localhost:3000/x', 'localhost:3000'],
  ])('%s → %s', (url, key) => {
    expect(siteKey(new URL(url))).toBe(key);
  });
});

describe('Scope', () => {
  it('keeps to the seed registrable domain, public-suffix aware', () => {
    const scope = new Scope(['http://www.taiyuan.gov.cn/']);
    expect(scope.allows('http://news.taiyuan.gov.cn/a.html')).toBe(true);
    expect(scope.allows('http://www.datong.gov.cn/a.html')).toBe(false);
    expect(scope.allows('ftp://www.taiyuan.gov.cn/a')).toBe(false);
  });

  it('treats an IP seed as host and port', () => {
    const scope = new Scope(['http://127.0.0.1:8080/']);
    expect(scope.allows('http://127.0.0.1:8080/news/')).toBe(true);
    expect(scope.allows('http://127.0.0.1:9090/news/')).toBe(false);
  });

  it('applies --include and --exclude', () => {
    const scope = new Scope(['http://a.cn/'], { include: ['/news/'], exclude: ['show-9\\d\\.html'] });
    expect(scope.allows('http://a.cn/news/show-1.html')).toBe(true);
    expect(scope.allows('http://a.cn/news/show-91.html')).toBe(false);
    expect(scope.allows('http://a.cn/policy/1.html')).toBe(false);
  });

  it('bounds depth', () => {
    const scope = new Scope(['http://a.cn/'], { maxDepth: 2 });
    expect(scope.withinDepth(2)).toBe(true);
    expect(scope.withinDepth(3)).toBe(false);
    expect(new Scope(['http://a.cn/']).withinDepth(99)).toBe(true);
  });

  it('rejects a bad regular expression as a usage error', () => {
    expect(() => compilePattern('--include', '(')).toThrow(UsageError);
    expect(() => new Scope(['http://a.cn/'], { exclude: ['[a-'] })).toThrow(/--exclude/);
  });
});
