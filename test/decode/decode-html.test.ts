import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { contentTypeCharset, decodeHtml, PRESCAN_BYTES } from '../../src/decode/index.js';
import { prescanMetaCharset } from '../../src/decode/prescan.js';

const SIMPLIFIED = '山西省开发区2022年第一次“三个一批”活动举行，林武出席并讲话。发布时间：2022-02-27 来源：山西日报';
const TRADITIONAL = '臺灣經濟部今日發佈統計資料，一般民眾是在網路上看到這則新聞的。中華民國';

const gbk = (s: string) => iconv.encode(s, 'gbk');
const gb18030 = (s: string) => iconv.encode(s, 'gb18030');
const big5 = (s: string) => iconv.encode(s, 'big5');
const utf8 = (s: string) => Buffer.from(s, 'utf8');

function page(head: string, body: string): string {
  return `<!DOCTYPE html><html><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`;
}

/** Builds bytes from parts: strings are ASCII markup, buffers are encoded text. */
function bytesOf(...parts: (string | Uint8Array)[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));
}

function gbkPage(meta: string, text = SIMPLIFIED): Buffer {
  return bytesOf(`<html><head>${meta}</head><body><p>`, gbk(text), '</p></body></html>');
}

describe('decodeHtml: order of evidence', () => {
  const cases: {
    name: string;
    bytes: Uint8Array;
    contentType?: string | null;
    charset: string;
    contains: string;
    warning?: RegExp;
  }[] = [
    {
      name: 'UTF-8 BOM beats a header and a meta that say GBK',
      bytes: bytesOf(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(page('<meta charset="gbk">', SIMPLIFIED))),
      contentType: 'text/html; charset=gbk',
      charset: 'utf-8',
      contains: SIMPLIFIED,
    },
    {
      name: 'UTF-16LE BOM',
      bytes: bytesOf(new Uint8Array([0xff, 0xfe]), Buffer.from(page('', SIMPLIFIED), 'utf16le')),
      contentType: 'text/html; charset=utf-8',
      charset: 'utf-16le',
      contains: SIMPLIFIED,
    },
    {
      name: 'UTF-16BE BOM',
      bytes: bytesOf(new Uint8Array([0xfe, 0xff]), Buffer.from(page('', SIMPLIFIED), 'utf16le').swap16()),
      charset: 'utf-16be',
      contains: SIMPLIFIED,
    },
    {
      name: 'HTTP charset beats meta when both fit the bytes',
      bytes: gbkPage('<meta charset="big5">'),
      contentType: 'text/html; charset=GBK',
      charset: 'gb18030',
      contains: SIMPLIFIED,
    },
    {
      name: 'meta charset when the header has none',
      bytes: gbkPage('<meta charset="gb2312">'),
      contentType: 'text/html',
      charset: 'gb18030',
      contains: SIMPLIFIED,
    },
    {
      name: 'meta http-equiv Content-Type',
      bytes: gbkPage('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB2312">'),
      charset: 'gb18030',
      contains: SIMPLIFIED,
    },
    {
      name: 'meta http-equiv with single quotes, spacing and an unquoted charset',
      bytes: gbkPage("<meta http-equiv='content-type' content='text/html;charset = gbk '/>"),
      charset: 'gb18030',
      contains: SIMPLIFIED,
    },
    {
      name: 'meta charset unquoted',
      bytes: gbkPage('<meta charset=gbk>'),
      charset: 'gb18030',
      contains: SIMPLIFIED,
    },
    {
      name: 'meta content charset without http-equiv is not a declaration (sniffed instead)',
      bytes: gbkPage('<meta name="description" content="charset=big5">'),
      charset: 'gb18030',
      contains: SIMPLIFIED,
    },
    {
      name: 'meta inside a comment is ignored',
      bytes: bytesOf('<html><head><!-- <meta charset="big5"> -->', '<meta charset="gbk"></head><p>', gbk(SIMPLIFIED)),
      charset: 'gb18030',
      contains: SIMPLIFIED,
    },
    {
      name: 'utf-16 in meta means utf-8',
      bytes: utf8(page('<meta charset="utf-16">', SIMPLIFIED)),
      charset: 'utf-8',
      contains: SIMPLIFIED,
    },
    {
      name: 'unknown meta label is skipped for a later meta',
      bytes: gbkPage('<meta charset="klingon"><meta charset="gbk">'),
      charset: 'gb18030',
      contains: SIMPLIFIED,
    },
    {
      name: 'meta after the prescan window is ignored (bytes sniffed)',
      bytes: bytesOf(`<html><head><!--${'x'.repeat(PRESCAN_BYTES)}-->`, '<meta charset="big5"></head><p>', gbk(SIMPLIFIED)),
      charset: 'gb18030',
      contains: SIMPLIFIED,
    },
    {
      name: 'no declaration, valid UTF-8',
      bytes: utf8(page('', SIMPLIFIED)),
      charset: 'utf-8',
      contains: SIMPLIFIED,
    },
    {
      name: 'no declaration, GBK bytes sniffed as GB18030',
      bytes: gbkPage(''),
      charset: 'gb18030',
      contains: SIMPLIFIED,
    },
    {
      name: 'no declaration, Big5 bytes sniffed as Big5',
      bytes: bytesOf('<html><body><p>', big5(TRADITIONAL), '</p></body></html>'),
      charset: 'big5',
      contains: TRADITIONAL,
    },
    {
      name: 'no declaration, Latin-1 bytes fall back to windows-1252',
      bytes: bytesOf('<p>', Buffer.from('Le café était fermé, déjà. Après-midi à Zürich: 5 €.', 'latin1'), '</p>'),
      charset: 'windows-1252',
      contains: 'Le café était fermé, déjà.',
    },
    {
      name: 'GB18030 four-byte characters',
      bytes: bytesOf('<meta charset="gb18030"><p>', gb18030('𠀀 and € and 〇')),
      charset: 'gb18030',
      contains: '𠀀 and € and 〇',
    },
    {
      name: 'pure ASCII under a legacy label keeps the label',
      bytes: utf8(page('<meta charset="gb2312">', 'hello world')),
      charset: 'gb18030',
      contains: 'hello world',
    },
    {
      name: 'meta gb2312 with UTF-8 bytes: decoded as UTF-8 with a warning',
      bytes: utf8(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', SIMPLIFIED)),
      charset: 'utf-8',
      contains: SIMPLIFIED,
      warning: /^declared charset gb2312 does not match the bytes; decoded as utf-8$/,
    },
    {
      name: 'header gbk with UTF-8 bytes: decoded as UTF-8 with a warning',
      bytes: utf8(page('', SIMPLIFIED)),
      contentType: 'text/html; charset=gbk',
      charset: 'utf-8',
      contains: SIMPLIFIED,
      warning: /declared charset gbk does not match the bytes; decoded as utf-8/,
    },
    {
      name: 'header utf-8 with GBK bytes and a gbk meta: the meta is right',
      bytes: gbkPage('<meta charset="gbk">'),
      contentType: 'text/html; charset=utf-8',
      charset: 'gb18030',
      contains: SIMPLIFIED,
      warning: /declared charset utf-8 does not match the bytes; decoded as gb18030/,
    },
    {
      name: 'header utf-8 with GBK bytes and no meta: sniffed GB18030',
      bytes: gbkPage(''),
      contentType: 'text/html; charset="UTF-8"',
      charset: 'gb18030',
      contains: SIMPLIFIED,
      warning: /declared charset utf-8 does not match the bytes; decoded as gb18030/,
    },
    {
      name: 'header big5 with GBK bytes: GB18030',
      bytes: gbkPage(''),
      contentType: 'text/html; charset=big5',
      charset: 'gb18030',
      contains: SIMPLIFIED,
      warning: /declared charset big5 does not match the bytes; decoded as gb18030/,
    },
    {
      name: 'meta utf-8 with Big5 bytes: Big5',
      bytes: bytesOf('<meta charset="utf-8"><p>', big5(TRADITIONAL)),
      charset: 'big5',
      contains: TRADITIONAL,
      warning: /declared charset utf-8 does not match the bytes; decoded as big5/,
    },
    {
      name: 'header iso-8859-1 (Tomcat default) with GBK bytes and a gbk meta: the meta is right',
      bytes: gbkPage('<meta charset="gbk">'),
      contentType: 'text/html;charset=ISO-8859-1',
      charset: 'gb18030',
      contains: SIMPLIFIED,
      warning: /declared charset iso-8859-1 does not match the bytes; decoded as gb18030/,
    },
    {
      name: 'header iso-8859-1 with GBK bytes holding one cut character',
      bytes: bytesOf('<p>', gbk(SIMPLIFIED.repeat(4)), '<a>', gbk('疯狂').subarray(0, 3), '...</a>'),
      contentType: 'text/html; charset=iso-8859-1',
      charset: 'gb18030',
      contains: `${SIMPLIFIED}<a>疯...`,
      warning: /declared charset iso-8859-1 does not match the bytes; decoded as gb18030/,
    },
    {
      name: 'header iso-8859-1 with Big5 bytes and no meta: sniffed Big5',
      bytes: bytesOf('<p>', big5(TRADITIONAL), '</p>'),
      contentType: 'text/html; charset=iso-8859-1',
      charset: 'big5',
      contains: TRADITIONAL,
      warning: /declared charset iso-8859-1 does not match the bytes; decoded as big5/,
    },
    {
      name: 'header iso-8859-1 with real Latin-1 bytes stays windows-1252',
      bytes: bytesOf('<p>', Buffer.from('Député européen élu à Zürich, réélu; côté français - déjà vu. '.repeat(4), 'latin1'), '</p>'),
      contentType: 'text/html; charset=iso-8859-1',
      charset: 'windows-1252',
      contains: 'Député européen élu à Zürich',
    },
    {
      name: 'unknown header label is ignored, meta used',
      bytes: gbkPage('<meta charset="gbk">'),
      contentType: 'text/html; charset=x-nonsense',
      charset: 'gb18030',
      contains: SIMPLIFIED,
      warning: /unknown charset x-nonsense in Content-Type; ignored/,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const result = decodeHtml(c.bytes, c.contentType);
      expect(result.charset).toBe(c.charset);
      expect(result.text).toContain(c.contains);
      expect(result.text).not.toContain('\uFFFD');
      if (c.warning) expect(result.warnings).toEqual(expect.arrayContaining([expect.stringMatching(c.warning)]));
      else expect(result.warnings).toEqual([]);
    });
  }
});

describe('decodeHtml: GBK aliases decode as GB18030', () => {
  // 镕 and 堃 are GBK-only (not GB2312): portals labelled gb2312 use them all the time.
  const text = `${SIMPLIFIED} 朱镕基 王堃`;
  // cp936 … x-euc-cn are Microsoft/IANA names, not WHATWG labels, that Chinese CMSes write; "GB2312;" keeps the separator it was copied with.
  for (const label of ['gb2312', 'GBK', 'x-gbk', 'gb_2312-80', 'csgb2312', 'chinese', 'gb18030', 'GB_2312', 'iso-ir-58', 'cp936', 'windows-936', 'x-euc-cn', 'GB2312;']) {
    it(`meta ${label}`, () => {
      const result = decodeHtml(gbkPage(`<meta charset="${label}">`, text));
      expect(result).toEqual({ text: expect.stringContaining(text), charset: 'gb18030', warnings: [] });
    });
    it(`header ${label}`, () => {
      const result = decodeHtml(gbkPage('', text), `text/html; charset=${label}`);
      expect(result).toEqual({ text: expect.stringContaining(text), charset: 'gb18030', warnings: [] });
    });
  }
  it('keeps the GB18030-2005 (private-use) mapping of the 18 characters GB18030-2022 remapped', () => {
    // FE59 and A6D9: U+E81E and U+E78D in 2005 (iconv-lite), U+9FB4 and U+FE10 in 2022 (ICU).
    const bytes = bytesOf('<meta charset="gbk"><p>', gbk(SIMPLIFIED), Buffer.from('fe59a6d9', 'hex'), '</p>');
    expect(decodeHtml(bytes).text).toContain(`${SIMPLIFIED}\ue81e\ue78d</p>`);
  });
  for (const label of ['big5', 'Big5-HKSCS', 'cn-big5', 'csbig5', 'x-x-big5']) {
    it(`Big5 alias ${label}`, () => {
      const bytes = bytesOf(`<meta charset="${label}"><p>`, big5(TRADITIONAL));
      expect(decodeHtml(bytes)).toEqual({ text: expect.stringContaining(TRADITIONAL), charset: 'big5', warnings: [] });
    });
  }
});

describe('decodeHtml: edge cases', () => {
  it('empty input', () => {
    expect(decodeHtml(new Uint8Array(0))).toEqual({ text: '', charset: 'utf-8', warnings: [] });
    expect(decodeHtml(new Uint8Array(0), 'text/html; charset=gbk')).toEqual({ text: '', charset: 'gb18030', warnings: [] });
  });

  it('a BOM alone', () => {
    expect(decodeHtml(new Uint8Array([0xef, 0xbb, 0xbf]))).toEqual({ text: '', charset: 'utf-8', warnings: [] });
  });

  it('a UTF-8 page cut mid-character stays UTF-8 (one bad sequence is not a mismatch)', () => {
    const full = utf8(page('<meta charset="utf-8">', SIMPLIFIED.repeat(3)));
    const cut = full.subarray(0, full.lastIndexOf(utf8('林武')) + 1);
    const result = decodeHtml(cut, 'text/html; charset=utf-8');
    expect(result.charset).toBe('utf-8');
    expect(result.text).toContain(SIMPLIFIED);
    expect(result.text).not.toContain('\uFFFD');
    expect(result.warnings).toEqual(['dropped 1 undecodable byte sequence (utf-8)']);
  });

  it('an undeclared UTF-8 page cut mid-character stays UTF-8', () => {
    const full = utf8(page('', SIMPLIFIED.repeat(3)));
    const cut = full.subarray(0, full.lastIndexOf(utf8('林武')) + 1);
    const result = decodeHtml(cut);
    expect(result.charset).toBe('utf-8');
    expect(result.text).toContain(SIMPLIFIED);
  });

  it('an undeclared UTF-8 page with stray bytes stays UTF-8', () => {
    const result = decodeHtml(bytesOf(utf8(SIMPLIFIED), new Uint8Array([0xff, 0x20, 0xc0, 0x20, 0x81]), utf8(SIMPLIFIED)));
    expect(result.charset).toBe('utf-8');
    // FF, C0 and 81 cannot start a UTF-8 sequence here: each is one dropped U+FFFD.
    expect(result.text).toBe(`${SIMPLIFIED}  ${SIMPLIFIED}`);
    expect(result.warnings).toEqual(['dropped 3 undecodable byte sequences (utf-8)']);
  });

  it('a UTF-8 page with a small GBK include stays UTF-8 (the include is lost, not the page)', () => {
    const bytes = bytesOf('<meta charset="utf-8"><p>', utf8(SIMPLIFIED.repeat(5)), '</p><div>', gbk('广告'), '</div>');
    const result = decodeHtml(bytes);
    expect(result.charset).toBe('utf-8');
    expect(result.text).toContain(SIMPLIFIED.repeat(5));
  });

  it('a GB18030 four-byte character under a cp936 label decodes without a warning', () => {
    const text = `${SIMPLIFIED} 𠮷`;
    expect(decodeHtml(bytesOf('<html><head><meta charset="cp936"></head><body><p>', gb18030(text), '</p></body></html>'))).toEqual({
      text: expect.stringContaining(text),
      charset: 'gb18030',
      warnings: [],
    });
  });

  it('a GBK page with a paragraph pasted in as UTF-8 reads both right, with a warning', () => {
    const pasted = '本报讯（记者 张三）全省开发区今年第一次项目集中签约活动在太原举行，共签约项目三百余个。';
    const result = decodeHtml(bytesOf('<html><head><meta charset="gbk"></head><body><p>', gbk(SIMPLIFIED), '</p><p>', utf8(pasted), '</p></body></html>'));
    expect(result.charset).toBe('gb18030');
    expect(result.text).toContain(SIMPLIFIED);
    expect(result.text).toContain(pasted);
    expect(result.warnings.join(' ')).toMatch(/UTF-8 run/);
  });

  it('an English windows-1252 page of curly apostrophes is not read as Big5', () => {
    const english = Array.from({ length: 12 }, () => 'It\u2019s the market\u2019s turn, and the bank\u2019s view isn\u2019t new.').join(' ');
    const bytes = bytesOf('<html><head><title>t</title></head><body><p>', iconv.encode(english, 'windows-1252'), '</p></body></html>');
    for (const contentType of [null, 'text/html; charset=iso-8859-1']) {
      const result = decodeHtml(bytes, contentType);
      expect(result.charset).toBe('windows-1252');
      expect(result.text).toContain(english);
    }
  });

  it('a GBK character cut by a "..." truncation is dropped with a warning', () => {
    const bytes = bytesOf('<meta charset="gbk"><p>', gbk('疯狂').subarray(0, 3), '...</p><p>', gbk(SIMPLIFIED));
    const result = decodeHtml(bytes);
    expect(result.charset).toBe('gb18030');
    expect(result.text).toContain('疯...');
    expect(result.text).toContain(SIMPLIFIED);
    expect(result.warnings).toEqual(['dropped 1 undecodable byte sequence (gb18030)']);
  });

  it('a U+FFFD written in valid UTF-8 is kept', () => {
    const result = decodeHtml(utf8('<p>a \uFFFD b 中文</p>'));
    expect(result.text).toBe('<p>a \uFFFD b 中文</p>');
    expect(result.warnings).toEqual([]);
  });

  it('accepts a plain Uint8Array view into a larger buffer', () => {
    const whole = bytesOf('XXXX', gbkPage('<meta charset="gbk">'));
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 4, whole.byteLength - 4);
    expect(decodeHtml(view).text).toContain(SIMPLIFIED);
  });
});

describe('contentTypeCharset', () => {
  const cases: [string | null, string | null][] = [
    ['text/html; charset=GBK', 'gbk'],
    ['text/html;charset="gb2312"', 'gb2312'],
    ["text/html; charset='utf-8'", 'utf-8'],
    ['text/html; Charset = big5 ; foo=bar', 'big5'],
    ['text/html', null],
    ['text/html; charset=', null],
    [null, null],
  ];
  for (const [header, label] of cases) {
    it(`${header} -> ${label}`, () => expect(contentTypeCharset(header)).toBe(label));
  }
});

describe('prescanMetaCharset', () => {
  const cases: [string, string | null][] = [
    ['<meta charset="GBK">', 'gbk'],
    ['<meta charset = " utf-8 " >', 'utf-8'],
    ['<meta/charset=big5>', 'big5'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', 'gb2312'],
    ['<meta content="text/html; charset=gb2312" http-equiv="Content-Type">', 'gb2312'],
    ['<meta content="text/html; charset=gb2312">', null],
    ['<meta http-equiv="refresh" content="0; charset=gbk">', null],
    ['<!-- <meta charset="gbk"> --><meta charset="utf-8">', 'utf-8'],
    ['<script src="x.js" data-x=\'<meta charset="gbk">\'></script><meta charset="utf-8">', 'utf-8'],
    ['<metadata charset="gbk">', null],
    ['<meta name="keywords" content="charset=gbk">', null],
    ['<meta http-equiv="Content-Type" content="text/html; charset=\'gbk\'">', 'gbk'],
    ['', null],
  ];
  for (const [html, label] of cases) {
    it(JSON.stringify(html), () => expect(prescanMetaCharset(Buffer.from(html, 'latin1'))).toBe(label));
  }
});

describe('decodeHtml: valid UTF-8 reads exactly as TextDecoder reads it', () => {
  // Valid UTF-8 takes a faster route than TextDecoder; the text must not differ by one code unit.
  const reference = new TextDecoder('utf-8');
  const cases: [string, Uint8Array][] = [
    ['ASCII only', utf8(page('<meta charset="utf-8">', 'plain text'))],
    ['CJK with a declared charset', utf8(page('<meta charset="utf-8">', SIMPLIFIED))],
    ['CJK undeclared', utf8(page('', TRADITIONAL))],
    ['astral characters, noncharacters and U+FEFF inside', utf8(page('', `𠀀😀\uFFFF\uFDD0a\uFEFFb${SIMPLIFIED}`))],
    ['a U+FFFD written by the page', utf8(page('<meta charset="utf-8">', `a\uFFFDb${SIMPLIFIED}`))],
    ['UTF-8 under a gb2312 label', utf8(page('<meta charset="gb2312">', SIMPLIFIED))],
  ];
  for (const [name, bytes] of cases) {
    it(name, () => expect(decodeHtml(bytes).text).toBe(reference.decode(bytes)));
  }

  it('after a BOM, the rest as TextDecoder reads it (a doubled BOM included)', () => {
    const bytes = bytesOf('\xEF\xBB\xBF\xEF\xBB\xBF', utf8(page('', SIMPLIFIED)));
    expect(decodeHtml(bytes).text).toBe(reference.decode(bytes.subarray(3)));
  });
});
