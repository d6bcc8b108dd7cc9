import { describe, expect, it } from 'vitest';
import {
  type AnyNode,
  capNesting,
  collapseSpaces,
  isTag,
  linesOf,
  MAX_NESTING,
  parseHtml,
  SPACE_RE,
  visibleLength,
} from '../../src/extract/dom.js';

function maxDepth(node: AnyNode): number {
  let deepest = 0;
  const stack: [AnyNode, number][] = [[node, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (isTag(current) || current.type === 'root') {
      for (const child of (current as { children: AnyNode[] }).children) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

describe('capNesting', () => {
  it('returns an ordinary page unchanged (same string)', () => {
    const html = `<html><body>${'<div><p>段落。</p></div>'.repeat(50)}</body></html>`;
    expect(capNesting(html)).toBe(html);
  });

  it('leaves a page with many tags but shallow nesting unchanged', () => {
    const html = `<ul>${'<li><a href="/x">链接</a></li>'.repeat(3000)}</ul>`;
    expect(capNesting(html)).toBe(html);
  });

  it('drops tags nested deeper than the cap and keeps their text', () => {
    const n = 200_000;
    const html = `<html><body>${'<div>'.repeat(n)}深处的文字${'</div>'.repeat(n)}<p>后面的段落。</p></body></html>`;
    const doc = parseHtml(html);
    expect(maxDepth(doc)).toBeLessThanOrEqual(MAX_NESTING + 3);
    expect(linesOf(doc)).toEqual(['深处的文字', '后面的段落。']);
  });

  it('caps unclosed nesting too', () => {
    const html = `<body>${'<div>'.repeat(5000)}正文</body>`;
    const capped = capNesting(html, 100);
    expect(capped.match(/<div>/g)?.length).toBe(99);
    expect(capped).toContain('正文');
  });

  it('a block dropped below the cap still ends its line', () => {
    const html = `<body>${'<div>'.repeat(50)}<h1>标题</h1><p>来源：新华社</p><span>正</span><span>文</span></body>`;
    expect(linesOf(parseHtml(capNesting(html, 10)))).toEqual(['标题', '来源：新华社', '正文']);
  });

  it('does not count void or self-closing tags as nesting', () => {
    const html = `<div>${'<br><img src="a.png"/>'.repeat(3000)}</div>`;
    expect(capNesting(html, 10)).toBe(html);
  });
});

describe('collapseSpaces and visibleLength', () => {
  // The reference definitions the hand-written loops must agree with.
  const collapsedByRegex = (text: string) => text.replace(SPACE_RE, ' ').trim();
  const visibleByRegex = (text: string) => text.replace(SPACE_RE, '').length;
  const samples = [
    '',
    ' ',
    '\u3000\u3000',
    '正文',
    'a b',
    '  a  b  ',
    '\n\t来源：\u00a0新华社\r\n',
    'a\u200bb\u200c \u200dc',
    '\ufeff标题\ufeff',
    'x \u3000 y\u2028z\u2003',
    '\u00a0',
    'end ',
    ' start',
    'a\u0001b',
  ];
  for (const text of samples) {
    it(`agrees with SPACE_RE on ${JSON.stringify(text)}`, () => {
      expect(collapseSpaces(text)).toBe(collapsedByRegex(text));
      expect(visibleLength(text)).toBe(visibleByRegex(text));
    });
  }
});
