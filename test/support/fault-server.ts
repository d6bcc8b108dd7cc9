/**
 * Test sites served on 127.0.0.1 (port 0) by the tests themselves: a small Chinese business-news
 * portal in DESTOON markup, a hostile variant whose pages misbehave in every way a real server
 * does, and robots.txt variants. Every request is recorded (path, time) so tests can assert what
 * the crawler fetched, how often and when.
 */
import { createReadStream, createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';

export interface RecordedRequest {
  method: string;
  /** Path with query string, as requested. */
  path: string;
  /** Milliseconds since the server started. */
  at: number;
  headers: http.IncomingHttpHeaders;
}

export interface TestSite {
  /** Origin, e.g. "http://127.0.0.1:40123" (no trailing slash). */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** Requests whose path (without query) equals or starts with the given prefix. */
  requestsTo(prefix: string): RecordedRequest[];
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Article markup (DESTOON 7.0 show.htm, see ../shared/cms-templates.md §1)

export interface ArticleSpec {
  id: number;
  title: string;
  date: string;
  source: string;
  views: number;
  summary: string;
  paragraphs: string[];
}

const SENTENCES = [
  '全省开发区2022年第一次项目集中签约一批、开工一批、投产一批活动在各地同步举行。',
  '省委书记在主会场出席活动并讲话，强调要聚焦打造开发区建设升级版。',
  '各开发区要聚焦工业增加值增长目标，积极有为、奋楫争先，努力打造全省经济高质量发展的主阵地。',
  '商会会长表示，将组织会员企业深入对接，推动更多优质项目落地见效。',
  '据统计，本次活动共签约项目一百二十个，总投资超过八百亿元，涉及新材料、新能源和现代服务业。',
  '与会企业家纷纷表示，营商环境持续优化，对在本地长期发展充满信心。',
  '下一步，有关部门将建立项目推进台账，实行清单化管理、节点化推进。',
  '活动现场，多家金融机构与重点企业签订战略合作协议，为项目建设提供资金保障。',
  '专家认为，民营经济是推动高质量发展的重要力量，应进一步激发市场主体活力。',
  '本届博览会吸引了来自三十多个国家和地区的一千余家企业参展，展览面积达十万平方米。',
];

const TITLE_TOPICS = [
  '山西省开发区“三个一批”活动举行',
  '晋商年会在太原开幕',
  '省工商联召开民营企业座谈会',
  '河南省晋商会举行换届大会',
  '中国电科微电子装备产业基地奠基',
  '全省招商引资推进会召开',
  '商会组织会员企业赴长三角考察',
  '数字经济产业园项目集中开工',
];

/** A deterministic article for an id: varied title and text so each page is a distinct article. */
export function articleSpec(id: number): ArticleSpec {
  const topic = TITLE_TOPICS[id % TITLE_TOPICS.length]!;
  const paragraphs: string[] = [];
  for (let p = 0; p < 5; p++) {
    let text = '';
    for (let s = 0; s < 3; s++) text += SENTENCES[(id * 7 + p * 3 + s) % SENTENCES.length]!;
    paragraphs.push(`（第${id}号稿件第${p + 1}段）${text}`);
  }
  const day = String((id % 28) + 1).padStart(2, '0');
  return {
    id,
    title: `${topic} 第${id}期`,
    date: `2022-02-${day} 10:05`,
    source: id % 2 === 0 ? '山西日报' : '中国晋商网',
    views: 1000 + id * 37,
    summary: `${SENTENCES[id % SENTENCES.length]!}`,
    paragraphs,
  };
}

function header(charset: string): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html;charset=${charset}"/>
<meta name="generator" content="DESTOON B2B - www.destoon.com"/>
<link rel="stylesheet" type="text/css" href="/skin/default/style.css"/>
<script type="text/javascript" src="/file/script/config.js"></script>
`;
}

const TOP_BAR = `<div class="head_search_kw f_l"><a href="" onclick="Dsearch_top();return false;"><strong>推广</strong></a>
<a href="" onclick="Dsearch_adv();return false;"><strong>热搜：</strong></a>
<span id="destoon_word"><a href="/search.php?kw=1">郝金玉</a>&nbsp; <a href="/search.php?kw=2">振兴小镇</a>&nbsp; <a href="/search.php?kw=3">戎子酒庄</a>&nbsp; <a href="/search.php?kw=4">河南省晋商会</a>&nbsp; </span></div>
<div class="slogan">中国晋商俱乐部致力于建设服务创新型商业化晋商生态</div>`;

const FOOTER = `<div class="foot_page">
<a href="/">网站首页</a> &nbsp;|&nbsp; <a href="/about/">关于我们</a> &nbsp;|&nbsp; <a href="/sitemap/">网站地图</a> &nbsp;|&nbsp; <a href="/about/contact.html">联系方式</a>
 &nbsp;|&nbsp; <a href="http://www.miibeian.gov.cn" target="_blank">京ICP备13017153号</a>
</div>
<div class="foot"><div id="copyright">版权所有 中国晋商网</div></div>`;

/** A DESTOON article page (UTF-8 or GBK text; encode it yourself). */
export function articleHtml(spec: ArticleSpec, charset = 'UTF-8'): string {
  const body = spec.paragraphs.map((p) => `<p>${p}</p>`).join('\n');
  return `${header(charset)}<title>${spec.title}_资讯_中国晋商网</title>
</head>
<body>
${TOP_BAR}
<div class="m">
<div class="nav"><a href="/">首页</a> <i>&gt;</i> <a href="/news/list-1.html">资讯</a> <i>&gt;</i> <a href="/news/list-1.html">商会动态</a></div>
</div>
<div class="m m3">
<div class="m3l">
<h1 class="title" id="title">${spec.title}</h1>
<div class="info"><span class="f_r"><img src="/skin/default/image/zoomin.gif" width="16" height="16" title="放大字体" onclick="fontZoom('+', 'article');"/></span>
发布时间：${spec.date}&nbsp;&nbsp;&nbsp;&nbsp;来源：${spec.source}&nbsp;&nbsp;&nbsp;&nbsp;浏览：<span id="hits">${spec.views}</span>&nbsp;&nbsp;&nbsp;&nbsp;</div>
<div class="introduce">核心提示：${spec.summary}</div>
<div id="content"><div class="content" id="article">
${body}
</div></div>
<div class="head-txt"><span><a href="/news/list-1.html">更多<i>&gt;</i></a></span><strong>同类资讯</strong></div>
<div class="related"><table width="100%"><tr><td class="lh20"><a href="/news/list-1.html" title="资讯列表">资讯列表</a></td></tr></table></div>
</div>
<div class="m3r">
<div class="head-sub"><strong>点击排行</strong></div>
<div class="list-rank"><ul><li><a href="/news/list-1.html">晋商资讯排行</a></li></ul></div>
</div>
</div>
${FOOTER}
</body>
</html>`;
}

/** A DESTOON list page linking to the given hrefs (titles are the link texts). */
export function listHtml(title: string, links: { href: string; text: string }[], charset = 'UTF-8'): string {
  const items = links
    .map((l) => `<li><span class="f_r">2022-02-27</span><a href="${l.href}" target="_blank" title="${l.text}">${l.text}</a></li>`)
    .join('\n');
  return `${header(charset)}<title>${title}_中国晋商网</title>
</head>
<body>
${TOP_BAR}
<div class="m"><div class="nav"><a href="/">首页</a> <i>&gt;</i> <a href="/news/list-1.html">资讯</a></div></div>
<div class="m"><div class="catlist"><ul>
${items}
</ul></div></div>
${FOOTER}
</body>
</html>`;
}

// ---------------------------------------------------------------------------------------------
// Server plumbing

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hits: number) => void;

async function serve(route: (pathname: string, search: string) => Handler | undefined): Promise<TestSite> {
  const started = Date.now();
  const requests: RecordedRequest[] = [];
  const hitCounts = new Map<string, number>();
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = url.pathname + url.search;
    requests.push({ method: req.method ?? 'GET', path: key, at: Date.now() - started, headers: req.headers });
    const hits = (hitCounts.get(key) ?? 0) + 1;
    hitCounts.set(key, hits);
    // A client that gives up must not leave a write throwing in the server.
    res.on('error', () => {});
    const handler = route(url.pathname, url.search) ?? FOOTER_PAGES.get(url.pathname);
    if (!handler) {
      send(res, 404, 'text/html; charset=utf-8', '<html><body><h1>404 Not Found</h1></body></html>');
      return;
    }
    handler(req, res, hits);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    requestsTo(prefix: string) {
      return requests.filter((r) => r.path.split('?')[0]!.startsWith(prefix) || r.path.startsWith(prefix));
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: http.OutgoingHttpHeaders = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': bytes.length, ...extra });
  res.end(bytes);
}

const html = (body: string | Buffer, status = 200, extra: http.OutgoingHttpHeaders = {}): Handler => (_req, res) =>
  send(res, status, 'text/html; charset=utf-8', body, extra);

const redirect = (location: string, status = 302): Handler => (_req, res) => {
  res.writeHead(status, { Location: location, 'Content-Length': 0 });
  res.end();
};

/** The pages every footer links to exist on every test site, so a clean crawl ends with exit 0. */
const FOOTER_PAGES = new Map<string, Handler>(
  [
    ['/about/', '关于我们'],
    ['/sitemap/', '网站地图'],
    ['/about/contact.html', '联系方式'],
  ].map(([p, title]) => [p!, html(`<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`)]),
);

const ROBOTS_ALLOW = 'User-agent: *\nDisallow: /private/\n';

// ---------------------------------------------------------------------------------------------
// Bombs, generated once and cached in os.tmpdir()

const GIB = 1024 * 1024 * 1024;

function zeros(total: number): Readable {
  const chunk = Buffer.alloc(1024 * 1024);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) {
        this.push(null);
        return;
      }
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

async function cachedBomb(name: string, make: () => NodeJS.ReadWriteStream): Promise<string> {
  const file = path.join(os.tmpdir(), name);
  if (existsSync(file) && statSync(file).size > 0) return file;
  const partial = `${file}.${process.pid}.partial`;
  await pipeline(zeros(GIB), make(), createWriteStream(partial));
  renameSync(partial, file);
  return file;
}

/** 1 GiB of zeros, gzip level 9 (about 1 MB on the wire). */
export function gzipBombFile(): Promise<string> {
  return cachedBomb('newsharvest-test-bomb-1g.gz', () => zlib.createGzip({ level: 9 }));
}

/** 1 GiB of zeros, brotli (a couple of KB on the wire). */
export function brotliBombFile(): Promise<string> {
  return cachedBomb('newsharvest-test-bomb-1g.br', () =>
    zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }),
  );
}

const streamFile = (file: string, encoding: string): Handler => (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': encoding, 'Content-Length': statSync(file).size });
  const stream = createReadStream(file);
  res.on('close', () => stream.destroy());
  stream.pipe(res);
};

/** Streams `total` bytes of filler HTML without ever holding more than one chunk. */
const huge = (total: number, declareLength: boolean): Handler => (_req, res) => {
  const chunk = Buffer.from('<p>填充内容填充内容填充内容</p>\n'.repeat(2048));
  const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'text/html; charset=utf-8' };
  if (declareLength) headers['Content-Length'] = total;
  res.writeHead(200, headers);
  let sent = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const pump = (): void => {
    while (!closed && sent < total) {
      const piece = sent + chunk.length <= total ? chunk : chunk.subarray(0, total - sent);
      sent += piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end();
  };
  pump();
};

/** Pseudo-random bytes from a fixed seed (mulberry32), so runs are reproducible. */
export function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The hostile site

/** What each path of the hostile site does, and what a careful crawler should end up with. */
export const HOSTILE = {
  good: [101, 102, 103, 104].map((id) => `/news/show-${id}.html`),
  /** 503 on the first two requests, then the article. */
  unavailableTwice: '/news/show-201.html',
  /** 429 with Retry-After: 1 on the first request, then the article. */
  tooManyRequests: '/news/show-202.html',
  /** GBK bytes sent with `Content-Type: text/html; charset=utf-8` (the page's meta says gb2312). */
  gbkLabelledUtf8: '/news/show-203.html',
  neverHeaders: '/news/show-301.html',
  stallMidBody: '/news/show-302.html',
  connectionReset: '/news/show-303.html',
  shortContentLength: '/news/show-304.html',
  notFound: '/news/show-305.html',
  gone: '/news/show-306.html',
  redirectLoop: '/news/show-307.html',
  /** Eight redirects before reaching /news/show-399.html, which must never be reached. */
  redirectChain: '/news/show-308.html',
  chainEnd: '/news/show-399.html',
  redirectToFile: '/news/show-309.html',
  redirectToFtp: '/news/show-310.html',
  gzipBomb: '/news/show-311.html',
  brotliBomb: '/news/show-312.html',
  huge: '/news/show-313.html',
  hugeDeclared: '/news/show-314.html',
  binary: '/news/show-315.html',
  deepNesting: '/news/show-316.html',
  /** Disallowed by robots.txt. */
  disallowed: '/private/show-900.html',
  pageTrap: '/news/list.php',
  calendarTrap: '/calendar/',
} as const;

/** Ids of the articles a patient, careful client can get from the hostile site. */
export const HOSTILE_GOOD_IDS = [101, 102, 103, 104, 201, 202, 203];

export const HUGE_BYTES = 300 * 1024 * 1024;
export const DEEP_NESTING = 200_000;

export async function startHostileSite(): Promise<TestSite> {
  const gzipBomb = await gzipBombFile();
  const brotliBomb = await brotliBombFile();
  const binary = seededBytes(256 * 1024, 20261127);
  const deep = Buffer.from(
    `<!DOCTYPE html><html><head><title>deep</title></head><body>${'<div>'.repeat(DEEP_NESTING)}x${'</div>'.repeat(DEEP_NESTING)}</body></html>`,
  );
  const gbk = iconv.encode(articleHtml(articleSpec(203), 'gb2312'), 'gbk');

  const everything = [
    ...HOSTILE.good,
    HOSTILE.unavailableTwice,
    HOSTILE.tooManyRequests,
    HOSTILE.gbkLabelledUtf8,
    HOSTILE.neverHeaders,
    HOSTILE.stallMidBody,
    HOSTILE.connectionReset,
    HOSTILE.shortContentLength,
    HOSTILE.notFound,
    HOSTILE.gone,
    HOSTILE.redirectLoop,
    HOSTILE.redirectChain,
    HOSTILE.redirectToFile,
    HOSTILE.redirectToFtp,
    HOSTILE.gzipBomb,
    HOSTILE.brotliBomb,
    HOSTILE.huge,
    HOSTILE.hugeDeclared,
    HOSTILE.binary,
    HOSTILE.deepNesting,
    HOSTILE.disallowed,
    `${HOSTILE.pageTrap}?page=2`,
    `${HOSTILE.calendarTrap}2026-11-27.html`,
    'file:///etc/passwd',
    'ftp://127.0.0.1/pub/show-1.html',
    'javascript:window.open(\'/news/show-101.html\')',
    'mailto:editor@example.com',
    'data:text/html,<h1>x</h1>',
  ].map((href, i) => ({ href, text: `${articleSpec(i).title}（${i}）` }));

  const list = listHtml('商会动态', everything);
  const home = listHtml('首页', [
    { href: '/news/list-1.html', text: '商会动态' },
    { href: HOSTILE.good[0]!, text: articleSpec(101).title },
  ]);

  return serve((pathname, search) => {
    if (pathname === '/robots.txt') return (_req, res) => send(res, 200, 'text/plain', ROBOTS_ALLOW);
    if (pathname === '/') return html(home);
    if (pathname === '/news/list-1.html') return html(list);
    const show = /^\/(?:news|private)\/show-(\d+)\.html$/.exec(pathname);
    const id = show ? Number(show[1]) : -1;
    switch (pathname) {
      case HOSTILE.unavailableTwice:
        return (req, res, hits) =>
          hits <= 2 ? send(res, 503, 'text/html', '<h1>503 Service Unavailable</h1>') : html(articleHtml(articleSpec(id)))(req, res, hits);
      case HOSTILE.tooManyRequests:
        return (req, res, hits) =>
          hits <= 1
            ? send(res, 429, 'text/html', '<h1>429 Too Many Requests</h1>', { 'Retry-After': '1' })
            : html(articleHtml(articleSpec(id)))(req, res, hits);
      case HOSTILE.gbkLabelledUtf8:
        return html(gbk);
      case HOSTILE.neverHeaders:
        return () => {};
      case HOSTILE.stallMidBody:
        return (_req, res) => {
          const page = Buffer.from(articleHtml(articleSpec(id)));
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': page.length });
          res.write(page.subarray(0, 2000));
        };
      case HOSTILE.connectionReset:
        return (req) => req.socket.resetAndDestroy();
      case HOSTILE.shortContentLength:
        return (_req, res) => {
          const page = Buffer.from(articleHtml(articleSpec(id)));
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': page.length + 50_000 });
          res.write(page, () => res.socket?.end());
        };
      case HOSTILE.notFound:
        return html('<h1>404 Not Found</h1>', 404);
      case HOSTILE.gone:
        return html('<h1>410 Gone</h1>', 410);
      case HOSTILE.redirectLoop:
        return redirect('/r/loop-b');
      case HOSTILE.redirectChain:
        return redirect('/r/chain-1');
      case HOSTILE.chainEnd:
        return html(articleHtml(articleSpec(id)));
      case HOSTILE.redirectToFile:
        return redirect('file:///etc/passwd');
      case HOSTILE.redirectToFtp:
        return redirect('ftp://127.0.0.1/pub/show-1.html');
      case HOSTILE.gzipBomb:
        return streamFile(gzipBomb, 'gzip');
      case HOSTILE.brotliBomb:
        return streamFile(brotliBomb, 'br');
      case HOSTILE.huge:
        return huge(HUGE_BYTES, false);
      case HOSTILE.hugeDeclared:
        return huge(HUGE_BYTES, true);
      case HOSTILE.binary:
        return html(binary);
      case HOSTILE.deepNesting:
        return html(deep);
      case HOSTILE.disallowed:
        return html(articleHtml(articleSpec(id)));
    }
    if (pathname === '/r/loop-b') return redirect(HOSTILE.redirectLoop);
    const chain = /^\/r\/chain-(\d+)$/.exec(pathname);
    if (chain) {
      const n = Number(chain[1]);
      return redirect(n < 7 ? `/r/chain-${n + 1}` : HOSTILE.chainEnd);
    }
    if (HOSTILE.good.includes(pathname as (typeof HOSTILE.good)[number])) return html(articleHtml(articleSpec(id)));
    if (pathname === HOSTILE.pageTrap) {
      // Every page of this "list" links to two pages that do not exist yet: endless new URLs.
      const page = Number(new URLSearchParams(search).get('page') ?? '1') || 1;
      return html(
        listHtml(`第${page}页`, [
          { href: `${HOSTILE.pageTrap}?page=${page + 1}`, text: '下一页' },
          { href: `${HOSTILE.pageTrap}?page=${page + 2}`, text: `第${page + 2}页` },
        ]),
      );
    }
    const day = /^\/calendar\/(\d{4}-\d{2}-\d{2})\.html$/.exec(pathname);
    if (day) {
      const date = new Date(`${day[1]}T00:00:00Z`);
      const shift = (d: number): string => new Date(date.getTime() + d * 86_400_000).toISOString().slice(0, 10);
      return html(
        listHtml(`${day[1]} 活动日历`, [
          { href: `${HOSTILE.calendarTrap}${shift(-1)}.html`, text: '前一天' },
          { href: `${HOSTILE.calendarTrap}${shift(1)}.html`, text: '后一天' },
        ]),
      );
    }
    return undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// robots.txt variants: a one-article site whose robots.txt answers 5xx or 404

export async function startRobotsSite(robots: '5xx' | '404'): Promise<TestSite> {
  const home = listHtml('首页', [
    { href: '/news/list-1.html', text: '商会动态' },
    { href: '/news/show-501.html', text: articleSpec(501).title },
  ]);
  const list = listHtml('商会动态', [
    { href: '/news/show-501.html', text: articleSpec(501).title },
    { href: '/news/show-502.html', text: articleSpec(502).title },
  ]);
  return serve((pathname) => {
    if (pathname === '/robots.txt') {
      return robots === '5xx' ? html('<h1>503 Service Unavailable</h1>', 503) : html('<h1>404 Not Found</h1>', 404);
    }
    if (pathname === '/') return html(home);
    if (pathname === '/news/list-1.html') return html(list);
    const show = /^\/news\/show-(50[12])\.html$/.exec(pathname);
    if (show) return html(articleHtml(articleSpec(Number(show[1]))));
    return undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// A well-behaved portal of N articles, slow enough that a crawl takes a few seconds

export interface PortalOptions {
  articles: number;
  /** Delay before each response, so that a crawl can be killed in the middle. */
  delayMs?: number;
  perList?: number;
}

export function portalArticlePaths(options: PortalOptions): string[] {
  return Array.from({ length: options.articles }, (_v, i) => `/news/show-${1000 + i}.html`);
}

export async function startPortal(options: PortalOptions): Promise<TestSite> {
  const perList = options.perList ?? 10;
  const paths = portalArticlePaths(options);
  const lists = Math.ceil(paths.length / perList);
  const delay = options.delayMs ?? 0;
  const later = (handler: Handler): Handler => (req, res, hits) => {
    setTimeout(() => handler(req, res, hits), delay);
  };
  return serve((pathname) => {
    if (pathname === '/robots.txt') return (_req, res) => send(res, 200, 'text/plain', ROBOTS_ALLOW);
    if (pathname === '/') {
      return later(html(listHtml('首页', [{ href: '/news/list-1.html', text: '商会动态' }])));
    }
    const list = /^\/news\/list-(\d+)\.html$/.exec(pathname);
    if (list) {
      const n = Number(list[1]);
      if (n < 1 || n > lists) return undefined;
      const links = paths.slice((n - 1) * perList, n * perList).map((href) => ({ href, text: articleSpec(Number(/\d+/.exec(href)![0])).title }));
      if (n < lists) links.push({ href: `/news/list-${n + 1}.html`, text: '下一页' });
      return later(html(listHtml(`商会动态 第${n}页`, links)));
    }
    const show = /^\/news\/show-(\d+)\.html$/.exec(pathname);
    if (show && paths.includes(pathname)) return later(html(articleHtml(articleSpec(Number(show[1])))));
    return undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// A site of fixed pages (path -> HTML), for one-off tests

export function startStaticSite(pages: Record<string, string | Buffer>): Promise<TestSite> {
  return serve((pathname) => {
    if (pathname === '/robots.txt') return (_req, res) => send(res, 200, 'text/plain', ROBOTS_ALLOW);
    const page = pages[pathname];
    return page === undefined ? undefined : html(page);
  });
}
