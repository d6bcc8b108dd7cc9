/**
 * Export and search benchmark (`npm run bench`, section "export").
 *
 * Builds databases of 10,000 and 100,000 synthetic articles through the store (realistic Chinese
 * text, ~2 KB of body each), then times `newsharvest export` to JSONL and to CSV, each in a child
 * process running the real CLI code so that its peak RSS is its own; and times full-text search
 * over the 100,000 (median of 50 queries of two-character words and phrases).
 *
 * Targets: peak RSS under 150 MB and flat between 10k and 100k (the export streams).
 *
 * The same file is the child: `node dist/bench/export-bench.js --child <args...>` runs the CLI
 * with those arguments and prints one JSON line {ms, maxRssMb, exitCode} on stdout.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { main } from '../cli/main.js';
import { openStore } from '../store/index.js';
import type { StoredResponse } from '../store/types.js';
import type { Article } from '../types.js';
import { readHwmKb } from './peak-rss.js';
import type { BenchSection } from './run.js';

/** NEWSHARVEST_BENCH_EXPORT_SIZES=1000,5000 for a quick trial run; the targets speak of 10k and 100k. */
const SIZES: number[] = (process.env.NEWSHARVEST_BENCH_EXPORT_SIZES ?? '10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const RSS_TARGET_MB = 150;
const SEARCH_QUERIES = 50;
const THIS_FILE = fileURLToPath(import.meta.url);

/** Words of a provincial business-news register, for text that segments and compresses like the real thing. */
const WORDS = [
  '项目', '建设', '发展', '经济', '企业', '推进', '改革', '创新', '投资', '市场', '产业', '开发区', '高质量',
  '转型', '服务', '政策', '合作', '全省', '工作', '会议', '落实', '加快', '重点', '园区', '招商', '引资',
  '制造业', '数字化', '乡村振兴', '营商环境', '商会', '会员', '民营经济', '科技', '人才', '金融', '税收',
  '出口', '贸易', '消费', '物流', '能源', '煤炭', '新能源', '基础设施', '交通', '城市', '农业', '粮食',
  '生态', '环境', '安全', '生产', '就业', '收入', '增长', '同比', '亿元', '万元', '今年', '一季度', '省委',
  '省政府', '书记', '省长', '主持', '讲话', '强调', '指出', '要求', '部署', '调研', '座谈', '签约', '开工',
];
const PUNCT = ['，', '，', '，', '、', '。'];

/** A deterministic generator (mulberry32) so runs compare. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], rnd: () => number): T {
  return items[Math.floor(rnd() * items.length)]!;
}

/**
 * Common characters for filler words: with them, a domain word is found in some articles and not
 * in others, as in real news, rather than in every article (which would make every search rank
 * the whole database).
 */
const FILLER_CHARS =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质'
const FILLER = [...FILLER_CHARS];
const fillerWord = (rnd: () => number) => pick(FILLER, rnd) + pick(FILLER, rnd);
const HARMONIC = WORDS.reduce((sum, _, i) => sum + 1 / (i + 1), 0);

/** A domain word, the first ones most often (Zipf): 项目 is everywhere, 座谈 is not. */
function domainWord(rnd: () => number): string {
  let target = rnd() * HARMONIC;
  for (let i = 0; i < WORDS.length; i++) {
    target -= 1 / (i + 1);
    if (target <= 0) return WORDS[i]!;
  }
  return WORDS.at(-1)!;
}

/** About `chars` characters of text in paragraphs (UTF-8: ~3 bytes a character). */
function chineseText(chars: number, rnd: () => number): string {
  const paragraphs: string[] = [];
  let total = 0;
  while (total < chars) {
    let paragraph = '';
    while (paragraph.length < 120 && total + paragraph.length < chars) {
      paragraph += (rnd() < 0.15 ? domainWord(rnd) : fillerWord(rnd)) + (rnd() < 0.3 ? pick(PUNCT, rnd) : '');
    }
    paragraph += '。';
    paragraphs.push(paragraph);
    total += paragraph.length;
  }
  return paragraphs.join('\n');
}

function syntheticArticle(i: number, rnd: () => number): Article {
  const site = `www.portal${i % 20}.gov.cn`;
  const day = new Date(Date.UTC(2020, 0, 1) + (i % 1500) * 86_400_000).toISOString().slice(0, 10);
  return {
    url: `http://${site}/news/show-${i}.html`,
    site,
    title: chineseText(24, rnd).replace(/\n/g, ''),
    publishedAt: `${day}T${String(8 + (i % 10)).padStart(2, '0')}:05:00+08:00`,
    source: pick(['山西日报', '新华社', '中国商报', null], rnd),
    author: null,
    editor: rnd() < 0.5 ? '张三' : null,
    views: Math.floor(rnd() * 10_000),
    summary: rnd() < 0.5 ? chineseText(60, rnd).replace(/\n/g, '') : null,
    body: chineseText(700, rnd),
    images: rnd() < 0.4 ? [{ src: `http://${site}/file/upload/${i}.jpg`, caption: '山西日报记者 史晓波摄', alt: null }] : [],
    language: 'zh',
    fetchedAt: new Date(Date.UTC(2026, 10, 27, 5)).toISOString(),
    extraction: { profile: 'destoon', viewsUrl: null, warnings: [] },
  };
}

function buildDatabase(file: string, count: number): number {
  const started = performance.now();
  const store = openStore(file);
  const rnd = random(count);
  try {
    const run = store.startRun([]);
    // Filling is set-up, not what is measured: 1,000 pages per transaction instead of one each.
    const BATCH = 1000;
    for (let start = 0; start < count; start += BATCH) {
      store.batch(() => {
        for (let i = start; i < Math.min(count, start + BATCH); i++) savePage(i);
      });
    }
    function savePage(i: number): void {
      const article = syntheticArticle(i, rnd);
      const response: StoredResponse = {
        url: article.url,
        finalUrl: article.url,
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        // The export does not read pages: a short page keeps the build time on the articles.
        body: Buffer.from(`<html><h1>${article.title}</h1></html>`),
        fetchedAt: new Date(article.fetchedAt),
        kind: 'article',
      };
      store.savePage(run, response, article);
    }
    store.finishRun(run, 'finished', { pagesFetched: count, articlesNew: count, articlesUpdated: 0, failures: 0 });
  } finally {
    store.close();
  }
  return performance.now() - started;
}

interface ChildResult {
  ms: number;
  maxRssMb: number;
  exitCode: number;
}

function runChild(args: string[], nodeFlags: string[] = []): ChildResult {
  const result = spawnSync(process.execPath, [...nodeFlags, THIS_FILE, '--child', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{')) {
    throw new Error(`bench child failed (${result.status}): ${result.stderr.trim() || result.stdout.trim()}`);
  }
  return JSON.parse(line) as ChildResult;
}

async function childMain(args: string[]): Promise<void> {
  const started = performance.now();
  const exitCode = await main(['node', 'newsharvest', ...args]);
  const ms = performance.now() - started;
  // Not Linux: getrusage is then the best there is (see readHwmKb for why it is not the first choice).
  const maxRssMb = (readHwmKb('self') ?? process.resourceUsage().maxRSS) / 1024;
  process.stdout.write(`${JSON.stringify({ ms, maxRssMb, exitCode } satisfies ChildResult)}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function searchQueries(): string[] {
  const rnd = random(7);
  const twoChar = WORDS.filter((w) => w.length === 2);
  const queries: string[] = [];
  for (let i = 0; i < SEARCH_QUERIES; i++) {
    if (i % 2 === 0) queries.push(twoChar[i % twoChar.length]!);
    else queries.push(`${pick(WORDS, rnd)}${pick(WORDS, rnd)}`);
  }
  return queries;
}

function timeSearch(file: string): { medianMs: number; p90Ms: number; hits: number } {
  const store = openStore(file, { readonly: true });
  try {
    const times: number[] = [];
    let hits = 0;
    for (const query of searchQueries()) {
      const started = performance.now();
      hits += store.search(query, { limit: 20 }).length;
      times.push(performance.now() - started);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { medianMs: median(times), p90Ms: sorted[Math.floor(sorted.length * 0.9)]!, hits };
  } finally {
    store.close();
  }
}

async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nh-bench-export-'));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    log('export: building databases through the store (synthetic articles, ~2 KB Chinese body)');
    const rows: string[] = [];
    const rss: Record<string, number[]> = { jsonl: [], csv: [] };
    // V8's young generation grows with the allocation rate up to its cap (16 MiB semi-spaces):
    // part of the difference between a short and a long export. Capping it shows what is left.
    const smallYoung: number[] = [];
    let largest = '';
    for (const size of SIZES) {
      const db = path.join(dir, `bench-${size}.db`);
      const buildMs = buildDatabase(db, size);
      log(`  ${size} articles stored in ${(buildMs / 1000).toFixed(1)} s (${Math.round(size / (buildMs / 1000))} articles/s through savePage)`);
      for (const format of ['jsonl', 'csv'] as const) {
        const out = path.join(dir, `out-${size}.${format}`);
        // Twice: the best time (a warm page cache), the higher peak RSS (GC timing varies).
        const runs = [0, 1].map(() => runChild(['export', '--db', db, '--format', format, '--out', out]));
        const failed = runs.find((one) => one.exitCode !== 0);
        if (failed) throw new Error(`export ${format} of ${size} exited ${failed.exitCode}`);
        const r = { ms: Math.min(...runs.map((one) => one.ms)), maxRssMb: Math.max(...runs.map((one) => one.maxRssMb)) };
        const mb = fs.statSync(out).size / 1e6;
        fs.rmSync(out);
        rss[format]!.push(r.maxRssMb);
        if (format === 'jsonl') {
          smallYoung.push(runChild(['export', '--db', db, '--format', format, '--out', out], ['--max-semi-space-size=2']).maxRssMb);
        }
        rows.push(
          `  ${String(size).padStart(7)}  ${format.padEnd(5)}  ${String(Math.round(size / (r.ms / 1000))).padStart(8)} articles/s  ${(mb / (r.ms / 1000)).toFixed(0).padStart(4)} MB/s  peak RSS ${r.maxRssMb.toFixed(0).padStart(4)} MB  (${mb.toFixed(0)} MB written in ${(r.ms / 1000).toFixed(2)} s)`,
        );
        log(rows.at(-1)!);
      }
      largest = db;
    }
    const search = timeSearch(largest);
    const sizesLabel = SIZES.map((n) => (n % 1000 === 0 ? `${n / 1000}k` : String(n))).join(' -> ');
    log(
      `  search over ${SIZES.at(-1)} articles: median ${search.medianMs.toFixed(1)} ms/query, p90 ${search.p90Ms.toFixed(1)} ms (${SEARCH_QUERIES} queries of 2-character words and 2-word phrases, ${search.hits} hits)`,
    );
    for (const format of ['jsonl', 'csv'] as const) {
      const [small = 0, large = 0] = rss[format]!;
      const verdict = large < RSS_TARGET_MB && large - small < 20 ? 'ok' : 'OVER TARGET';
      log(`  ${format} RSS ${sizesLabel}: ${small.toFixed(0)} -> ${large.toFixed(0)} MB (target < ${RSS_TARGET_MB} MB and flat): ${verdict}`);
    }
    log(
      `  jsonl RSS ${sizesLabel} with node --max-semi-space-size=2: ${smallYoung.map((mb) => mb.toFixed(0)).join(' -> ')} MB (the rest of the difference is V8's young generation)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const exportBench: BenchSection = { name: 'export', run };

if (process.argv[1] === THIS_FILE) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    await childMain(args.slice(1));
  } else {
    await run();
  }
}
