import fs from 'node:fs';
import path from 'node:path';
import { selectAll as cssSelectAll, selectOne as cssSelectOne } from 'css-select';
import { DomHandler } from 'domhandler';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/decode/index.js';
import {
  type AnyNode,
  capNesting,
  collapseSpaces,
  collapseSpacesWithoutPrivateUse,
  type Element,
  elementOrder,
  isTag,
  linesOf,
  MAX_NESTING,
  parseHtml,
  SPACE_RE,
  select,
  selectFirst,
  textOf,
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

describe('parseHtml: the run-skipping tokenizer and name-lowering parser build the tree htmlparser2 builds', () => {
  /** Everything a stage can read of a node: type, name, attributes in order, text, children. */
  const shape = (node: AnyNode): unknown => {
    const element = node as { name?: string; attribs?: Record<string, string>; data?: string; children?: AnyNode[] };
    return [
      node.type,
      element.name,
      element.attribs === undefined ? null : Object.entries(element.attribs),
      element.data,
      element.children?.map(shape),
    ];
  };
  const stock = (html: string): AnyNode => {
    const handler = new DomHandler();
    new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }).end(html);
    return handler.root;
  };
  const cases: [string, string][] = [
    ['entities in text and attributes', '<p title="a &amp; b &quot;c&quot;" data-x=\'&lt;q&gt;\'>甲&nbsp;乙 &copy 丙&#x4e01;&#19969; &unknown; & 戊</p>'],
    ['a lone < in text and a broken tag', '<div>1 < 2 <3 a<b c</ d> <!x> e</div><p>f</p'],
    ['quotes of the other kind and unquoted values', `<a href='/x?a=1&b="2"' class="it's" id=plain&amp;x>链接</a>`],
    ['script and style holding tags and near-misses', '<script>if (a<b) x="</scr" + "ipt>"; // <\\/script>\n</script ><style>a>b{}</style><p>正文</p>'],
    ['comments, CDATA, declarations', '<!-- a -- b --><!--->--><![CDATA[x<y]]><!DOCTYPE html><?php echo 1 ?><p>后</p>'],
    ['title and textarea read entities', '<title>标题 &amp; 副题 </title><textarea>a &lt; b <p></textarea>'],
    ['unterminated text, attribute and comment', '<p class="open>text &amp'],
    ['unterminated comment', 'before<!-- never closed &amp; <p>'],
    ['text at the very end', '<p>a</p>tail text &amp; more'],
    ['names: case, odd characters, NBSP and form feed', '<DIV Class=A data-x_y:z="1"><p\u00a0id=a>x</p ><a/b><br/ ><span\fid=s\rtitle=t>y</SPAN\t></Div>'],
    ['a name cut off at the end', '<div id="x">text</div><img sr'],
    ['names outside ASCII', '<DÏV ÄTTR=1 data-Ö="x">甲</DÏV><p İD=a>乙</p>'],
    ['a closing tag cut off at the end', '<div id="x">text</di'],
    ['closing tags: </br>, a stray </p>, SVG and MathML, upper case', '<DIV><svg><title>t</title><desc>d</DESC></SVG></br></p><math><mi>x</mi></math><P>y</P></Img></dIv>'],
  ];
  for (const [name, html] of cases) {
    it(name, () => expect(shape(parseHtml(html))).toEqual(shape(stock(html))));
  }

  it('every fixture page', () => {
    const dir = path.resolve(import.meta.dirname, '../../fixtures/pages');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.html'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const html = decodeHtml(fs.readFileSync(path.join(dir, name))).text;
      const tree = parseHtml(html);
      expect(shape(tree), name).toEqual(shape(stock(html)));
      expect(brokenLinks(tree), name).toEqual([]);
    }
  });

  /** Where parent / prev / next disagree with the children arrays (walks read them, not the arrays). */
  const brokenLinks = (root: AnyNode): string[] => {
    const broken: string[] = [];
    const visit = (node: AnyNode, path: string): void => {
      const children = (node as { children?: AnyNode[] }).children ?? [];
      children.forEach((child, i) => {
        const at = `${path}/${i}`;
        if (child.parent !== node) broken.push(`${at}: parent`);
        if (child.prev !== (children[i - 1] ?? null)) broken.push(`${at}: prev`);
        if (child.next !== (children[i + 1] ?? null)) broken.push(`${at}: next`);
        visit(child, at);
      });
    };
    visit(root, '');
    return broken;
  };
  for (const [name, html] of cases) {
    it(`${name}: parent and sibling links`, () => expect(brokenLinks(parseHtml(html))).toEqual([]));
  }
});

describe('elementOrder', () => {
  /** Elements in document (pre-)order, by walking the tree. */
  function elementsOf(root: AnyNode): Element[] {
    const out: Element[] = [];
    const visit = (node: AnyNode): void => {
      if (isTag(node) || node.type === 'script' || node.type === 'style') out.push(node as Element);
      for (const child of (node as { children?: AnyNode[] }).children ?? []) visit(child);
    };
    visit(root);
    return out;
  }

  it('numbers every element 0, 1, 2, … in document order, scripts and styles included', () => {
    const doc = parseHtml('<html><head><style>p{}</style><script>x()</script></head><body><div><p>一<b>二</b></p><img src="a.jpg"><p>三</p></div></body></html>');
    const elements = elementsOf(doc);
    expect(elements.map((el) => el.name)).toEqual(['html', 'head', 'style', 'script', 'body', 'div', 'p', 'b', 'img', 'p']);
    expect(elements.map(elementOrder)).toEqual(elements.map((_, i) => i));
  });

  it('numbers the capped tree of a page nested too deep, and knows no number for a tree it did not parse', () => {
    const deep = parseHtml(`<body>${'<div>'.repeat(MAX_NESTING + 50)}深处</body>`);
    const elements = elementsOf(deep);
    expect(elements.map(elementOrder)).toEqual(elements.map((_, i) => i));
    const handler = new DomHandler();
    new Parser(handler).end('<p>外来的树</p>');
    expect(elementOrder(handler.root.children[0] as Element)).toBe(-1);
  });
});

describe('collapseSpacesWithoutPrivateUse', () => {
  const cases = ['', '\ue000', ' \ue001 ', 'a\ue000b', 'a \ue000 b', '\uf8ff 来源：新华社 \ue000', '  正文\u3000\u3000第二句  ', 'x\ue123\u00a0\u00a0y\uf8ff'];
  for (const text of cases) {
    it(`is collapseSpaces of the text without private-use characters: ${JSON.stringify(text)}`, () => {
      expect(collapseSpacesWithoutPrivateUse(text)).toBe(collapseSpaces(text.replace(/[\ue000-\uf8ff]/g, '')));
    });
  }
});

describe('select and selectFirst (selectors compiled once per process)', () => {
  const html =
    '<div id="a" class="box"><p class="x">one</p><div class="box"><p class="x">two</p></div></div><p class="x">three</p>';
  const texts = (els: Element[]) => els.map((el) => textOf(el));

  it('give the same answers on the first call and on later ones, on any document', () => {
    for (let i = 0; i < 3; i++) {
      const doc = parseHtml(html);
      expect(texts(select('p.x', doc))).toEqual(['one', 'two', 'three']);
      expect(texts(select('div.box p.x', doc))).toEqual(['one', 'two']);
      expect(textOf(selectFirst('#a p', doc)!)).toBe('one');
      expect(selectFirst('span', doc)).toBeNull();
    }
  });

  it('read a selector relative to the elements it is run on', () => {
    const doc = parseHtml(html);
    const outer = selectFirst('#a', doc)!;
    const inner = select('div.box', outer);
    expect(texts(select('p.x', inner))).toEqual(['two']);
    // Run on the outer box and then on the inner one: a compiled ":scope > p" must not be reused.
    expect(texts(select('> p.x', [outer]))).toEqual(['one']);
    expect(texts(select('> p.x', inner))).toEqual(['two']);
  });

  it('answer on a document exactly as css-select does uncompiled, relative selectors included', () => {
    const selectors = ['p.x', 'div.box > p', '#a p.x', '> p.x', ':scope > div', '+ p', 'div ~ p', 'p:first-child', 'p, div', 'div, > p'];
    for (let i = 0; i < 2; i++) {
      for (const css of selectors) {
        const doc = parseHtml(html);
        expect(select(css, doc), css).toEqual(cssSelectAll(css, doc));
        expect(selectFirst(css, doc), css).toBe(cssSelectOne(css, doc));
      }
    }
  });

  it('keep rejecting a bad selector', () => {
    const doc = parseHtml(html);
    expect(() => select('p[', doc)).toThrow();
    expect(() => select('p[', doc)).toThrow();
  });
});
