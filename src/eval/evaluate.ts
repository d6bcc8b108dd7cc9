/**
 * Runs extract() over a directory of pages with truth and aggregates the per-page scores.
 *
 * Two layouts are understood:
 * - corpus: `<set>/<id>.html` beside `<set>/<id>.json` (../shared/corpus);
 * - fixtures: `<set>/<slug>/page.html` with `truth.json` and an optional `meta.json`
 *   (`{url, contentType?, now?, timeZone?}`, fixtures/pages).
 * `dir` may be one set or a root whose sub-directories are sets. Sets whose truth files label
 * nothing (list pages: only `provenance`) are skipped, as are pages without a truth file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FatalError, UsageError } from '../errors.js';
import { extract } from '../extract/index.js';
import type { Article } from '../types.js';
import { type FieldScore, type PageScore, type ScoreOptions, scorePage } from './score.js';
import { isLabelled, parseTruth, SCORED_FIELDS, type ScoredField, type Truth } from './truth.js';

export interface EvalPage {
  set: string;
  id: string;
  htmlPath: string;
  truth: Truth;
  url: string;
  contentType: string | null;
  /** Fixed reference time from a fixture's meta.json; else the evaluation's `now`. */
  now: Date | null;
  timeZone: string | null;
}

export interface EvalSet {
  name: string;
  dir: string;
  pages: EvalPage[];
}

export interface FieldSummary {
  /** total / count, or null when nothing was labelled. */
  mean: number | null;
  /** Units scored: pages for single-valued fields and body, snippets for captions/with/without. */
  count: number;
  total: number;
}

export interface SetScorecard {
  name: string;
  dir: string;
  pages: number;
  fields: Record<ScoredField, FieldSummary>;
}

export interface PageResult {
  set: string;
  id: string;
  file: string;
  score: PageScore;
  /** extract() threw: every labelled field of the page scores 0. */
  error: string | null;
  article: Article | null;
}

export interface Scorecard {
  sets: SetScorecard[];
  /** Pooled over every unit of every set (not the mean of the set means). */
  overall: { pages: number; fields: Record<ScoredField, FieldSummary> };
  pages: PageResult[];
  /** Sets found but not scored because nothing in them is labelled. */
  skipped: string[];
}

export interface EvaluateOptions extends ScoreOptions {
  /** Only these set names (directory base names). */
  sets?: readonly string[];
  /** Reference time for pages without a fixed one. @default new Date() */
  now?: Date;
}

/** A truth or meta file that cannot be read or does not validate. */
export class EvalInputError extends FatalError {}

const FIXTURE_PAGE = 'page.html';
const FIXTURE_TRUTH = 'truth.json';
const FIXTURE_META = 'meta.json';

interface FixtureMeta {
  url?: string;
  contentType?: string;
  now?: string;
  timeZone?: string;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new EvalInputError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function readMeta(file: string): FixtureMeta {
  if (!fs.existsSync(file)) return {};
  const raw = readJson(file);
  if (typeof raw !== 'object' || raw === null) throw new EvalInputError(`${file}: expected a JSON object`);
  return raw as FixtureMeta;
}

function loadTruth(file: string): Truth {
  try {
    return parseTruth(readJson(file), file);
  } catch (err) {
    if (err instanceof EvalInputError) throw err;
    throw new EvalInputError(err instanceof Error ? err.message : String(err));
  }
}

function listDir(dir: string): fs.Dirent[] {
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
}

/** A page URL for truth files that carry none: a stable placeholder under the set's name. */
function placeholderUrl(set: string, file: string): string {
  return `http://localhost/${encodeURIComponent(set)}/${encodeURIComponent(file)}`;
}

function corpusPages(dir: string, set: string): EvalPage[] {
  const pages: EvalPage[] = [];
  for (const entry of listDir(dir)) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const id = entry.name.slice(0, -'.json'.length);
    const htmlPath = path.join(dir, `${id}.html`);
    if (!fs.existsSync(htmlPath)) continue;
    const truth = loadTruth(path.join(dir, entry.name));
    pages.push({
      set,
      id,
      htmlPath,
      truth,
      url: truth.url ?? placeholderUrl(set, `${id}.html`),
      contentType: null,
      now: null,
      timeZone: null,
    });
  }
  return pages;
}

function isFixtureDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, FIXTURE_PAGE)) && fs.existsSync(path.join(dir, FIXTURE_TRUTH));
}

function fixturePage(dir: string, set: string): EvalPage {
  const id = path.basename(dir);
  const meta = readMeta(path.join(dir, FIXTURE_META));
  const truth = loadTruth(path.join(dir, FIXTURE_TRUTH));
  const now = meta.now === undefined ? null : new Date(meta.now);
  if (now !== null && Number.isNaN(now.getTime())) {
    throw new EvalInputError(`${path.join(dir, FIXTURE_META)}: "now" is not a date: ${meta.now}`);
  }
  return {
    set,
    id,
    htmlPath: path.join(dir, FIXTURE_PAGE),
    truth,
    url: meta.url ?? truth.url ?? placeholderUrl(set, `${id}/${FIXTURE_PAGE}`),
    contentType: meta.contentType ?? null,
    now,
    timeZone: meta.timeZone ?? null,
  };
}

function fixturePages(dir: string, set: string): EvalPage[] {
  return listDir(dir)
    .filter((entry) => entry.isDirectory() && isFixtureDir(path.join(dir, entry.name)))
    .map((entry) => fixturePage(path.join(dir, entry.name), set));
}

/** The pages of `dir` read as one set, or null when it holds neither layout. */
function readSet(dir: string): EvalSet | null {
  const name = path.basename(path.resolve(dir));
  if (isFixtureDir(dir)) {
    const page = fixturePage(dir, path.basename(path.dirname(path.resolve(dir))));
    return { name: page.set, dir: path.dirname(dir), pages: [page] };
  }
  const corpus = corpusPages(dir, name);
  if (corpus.length > 0) return { name, dir, pages: corpus };
  const fixtures = fixturePages(dir, name);
  if (fixtures.length > 0) return { name, dir, pages: fixtures };
  return null;
}

/** Every set at or directly below `dir`. Throws EvalInputError when `dir` is not a directory. */
export function discoverSets(dir: string): EvalSet[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UsageError(`no such directory: ${dir}`);
  }
  const own = readSet(dir);
  if (own !== null) return [own];
  const sets: EvalSet[] = [];
  for (const entry of listDir(dir)) {
    if (!entry.isDirectory()) continue;
    const set = readSet(path.join(dir, entry.name));
    if (set !== null) sets.push(set);
  }
  return sets;
}

function emptyFields(): Record<ScoredField, FieldSummary> {
  return Object.fromEntries(SCORED_FIELDS.map((field) => [field, { mean: null, count: 0, total: 0 }])) as Record<
    ScoredField,
    FieldSummary
  >;
}

function addInto(summary: Record<ScoredField, FieldSummary>, scores: Partial<Record<ScoredField, FieldScore>>): void {
  for (const field of SCORED_FIELDS) {
    const score = scores[field];
    if (score === undefined) continue;
    const target = summary[field];
    target.total += score.total;
    target.count += score.count;
    target.mean = target.count === 0 ? null : target.total / target.count;
  }
}

/** The score a page gets when extract() throws: every labelled unit counts, none passes. */
function crashedScore(truth: Truth, message: string): PageScore {
  const fields: Partial<Record<ScoredField, FieldScore>> = {};
  const failures: PageScore['failures'] = [];
  for (const field of SCORED_FIELDS) {
    const value = truth[field];
    if (value === undefined) continue;
    fields[field] = { total: 0, count: Array.isArray(value) ? value.length : 1 };
    failures.push({ field, expected: value, got: null, note: `extract() threw: ${message}` });
  }
  return { fields, failures };
}

/**
 * extract() on a page the way eval, the fixture goldens and their test all call it: the page's
 * bytes, URL and content type, its fixed `now` (else `now`), and its time zone when it names one.
 */
export function extractPage(page: EvalPage, now: Date = new Date()): Article {
  const at = page.now ?? now;
  return extract(fs.readFileSync(page.htmlPath), {
    url: page.url,
    contentType: page.contentType,
    now: at,
    fetchedAt: at,
    ...(page.timeZone === null ? {} : { timeZone: page.timeZone }),
  });
}

export function evaluatePage(page: EvalPage, options: EvaluateOptions = {}): PageResult {
  const file = page.htmlPath;
  try {
    const article = extractPage(page, options.now);
    return { set: page.set, id: page.id, file, score: scorePage(article, page.truth, options), error: null, article };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { set: page.set, id: page.id, file, score: crashedScore(page.truth, message), error: message, article: null };
  }
}

export function evaluateSets(sets: readonly EvalSet[], options: EvaluateOptions = {}): Scorecard {
  const card: Scorecard = { sets: [], overall: { pages: 0, fields: emptyFields() }, pages: [], skipped: [] };
  for (const set of sets) {
    const labelled = set.pages.filter((page) => isLabelled(page.truth));
    if (labelled.length === 0) {
      card.skipped.push(set.name);
      continue;
    }
    const summary: SetScorecard = { name: set.name, dir: set.dir, pages: 0, fields: emptyFields() };
    for (const page of labelled) {
      const result = evaluatePage(page, options);
      card.pages.push(result);
      summary.pages++;
      addInto(summary.fields, result.score.fields);
      addInto(card.overall.fields, result.score.fields);
    }
    card.overall.pages += summary.pages;
    card.sets.push(summary);
  }
  return card;
}

/** Discovers the sets under `dir`, keeps those named in `options.sets`, and scores them. */
export function evaluateDir(dir: string, options: EvaluateOptions = {}): Scorecard {
  let sets = discoverSets(dir);
  if (options.sets !== undefined && options.sets.length > 0) {
    const known = new Set(sets.map((set) => set.name));
    const unknown = options.sets.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new UsageError(
        `unknown set ${unknown.map((n) => `"${n}"`).join(', ')} in ${dir} (sets: ${[...known].join(', ') || 'none'})`,
      );
    }
    const wanted = new Set(options.sets);
    sets = sets.filter((set) => wanted.has(set.name));
  }
  return evaluateSets(sets, options);
}
