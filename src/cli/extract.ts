/**
 * `newsharvest extract <file|url...>`: print the Article of each page, no database.
 *
 * One input prints one pretty JSON object; several inputs (or --jsonl) print JSON Lines, one per
 * input in input order, a failed input as `{"input","error"}`. Each failure is also one line on
 * stderr. Exit: 0 all extracted, 3 some failed, 1 every input failed, 2 bad usage.
 *
 * The URL a file input is extracted as (it names `site` and resolves relative links):
 * `--url`; else the `url` of the file's own metadata when it sits in one of our layouts
 * (`meta.json` beside a fixture's `page.html`, `<id>.json` beside a corpus `<id>.html`);
 * else `http://localhost/<file name>`, so `site` is "localhost" rather than a made-up host.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ExitCode, type ExitCodeValue, errorMessage, UsageError } from '../errors.js';
import { extract, loadProfile } from '../extract/index.js';
import type { SiteProfile } from '../extract/profiles/schema.js';
import { DEFAULT_TIMEOUT_MS, fetchUrl } from '../fetch/http.js';
import type { Article } from '../types.js';
import { action, exitQuietlyOnClosedStdout, positiveInt, runtime } from './common.js';

interface ExtractFlags {
  url?: string;
  profile?: string;
  timezone?: string;
  jsonl?: boolean;
  timeout: number;
}

interface PageInput {
  bytes: Uint8Array;
  url: string;
  contentType: string | null;
  fetchedAt: Date;
  /** When the page was saved (a fixture's meta.json `now`): relative dates ("3小时前") count from it. */
  savedAt?: Date;
  /** The page's time zone from its meta.json; --timezone overrides it. */
  timeZone?: string;
}

/** Validates an IANA zone name the way the extractor will use it (Intl). */
export function checkTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new UsageError(`--timezone expects an IANA time zone such as Asia/Shanghai, got "${zone}"`);
  }
  return zone;
}

function readProfile(file: string): SiteProfile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read profile ${file}: ${errorMessage(err)}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`profile ${file} is not valid JSON: ${errorMessage(err)}`, { cause: err });
  }
  return loadProfile(json, file);
}

function checkUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what} expects an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${what} expects an http(s) URL, got "${value}"`);
  }
  return url;
}

/** `scheme://…` inputs are URLs; anything else is a file path. */
function isUrlInput(input: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(input);
}

function readJsonObject(file: string): Record<string, unknown> | null {
  try {
    const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** URL and content type recorded beside a fixture or corpus page, when there are any. */
function siblingMetadata(file: string): { url?: string; contentType?: string; savedAt?: Date; timeZone?: string } {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const candidates =
    base === 'page.html' ? [path.join(dir, 'meta.json')] : [path.join(dir, `${base.replace(/\.html?$/i, '')}.json`)];
  for (const candidate of candidates) {
    if (candidate === file || !fs.existsSync(candidate)) continue;
    const json = readJsonObject(candidate);
    if (json === null || typeof json.url !== 'string') continue;
    const savedAt = typeof json.now === 'string' ? new Date(json.now) : null;
    return {
      url: json.url,
      ...(typeof json.contentType === 'string' ? { contentType: json.contentType } : {}),
      ...(savedAt !== null && !Number.isNaN(savedAt.getTime()) ? { savedAt } : {}),
      ...(typeof json.timeZone === 'string' ? { timeZone: checkTimeZone(json.timeZone) } : {}),
    };
  }
  return {};
}

function readFileInput(file: string, urlOption: string | undefined): PageInput {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`no such file: ${file}`);
    if (code === 'EISDIR') throw new Error(`is a directory, not a page: ${file}`);
    throw new Error(`cannot read ${file}: ${errorMessage(err)}`);
  }
  const sibling = urlOption === undefined ? siblingMetadata(file) : {};
  const url = urlOption ?? sibling.url ?? `http://localhost/${encodeURIComponent(path.basename(file))}`;
  return {
    bytes,
    url,
    contentType: sibling.contentType ?? null,
    fetchedAt: new Date(),
    ...(sibling.savedAt === undefined ? {} : { savedAt: sibling.savedAt }),
    ...(sibling.timeZone === undefined ? {} : { timeZone: sibling.timeZone }),
  };
}

async function fetchInput(input: string, timeoutMs: number): Promise<PageInput> {
  const url = checkUrl(input, 'a URL input');
  const response = await fetchUrl(url.href, { timeoutMs });
  if (response.status >= 400) throw new Error(`HTTP ${response.status} from ${response.finalUrl}`);
  return {
    bytes: response.body,
    url: response.finalUrl,
    contentType: response.headers['content-type'] ?? null,
    fetchedAt: response.fetchedAt,
  };
}

export function register(program: Command): void {
  program
    .command('extract')
    .description("print each page's Article as JSON (files or http(s) URLs; no database)")
    .argument('<inputs...>', 'HTML files or http(s) URLs')
    .option('--url <url>', "the file's original URL (one file input only); default: the url in a meta.json or <name>.json beside it, else http://localhost/<file name>")
    .option('--profile <file.json>', 'a site profile to apply')
    .option('--timezone <zone>', 'IANA zone for local times without an offset (default Asia/Shanghai)')
    .option('--jsonl', 'print JSON Lines even for one input')
    .option('--timeout <ms>', 'timeout of each URL fetch in milliseconds', positiveInt('--timeout'), DEFAULT_TIMEOUT_MS)
    .action(
      action(async (inputs: string[], flags: ExtractFlags): Promise<ExitCodeValue> => {
        exitQuietlyOnClosedStdout();
        if (flags.url !== undefined) {
          checkUrl(flags.url, '--url');
          if (inputs.length !== 1 || isUrlInput(inputs[0] ?? '')) {
            throw new UsageError('--url applies to exactly one file input');
          }
        }
        const timeZone = flags.timezone === undefined ? undefined : checkTimeZone(flags.timezone);
        const profile = flags.profile === undefined ? null : readProfile(flags.profile);
        const jsonLines = Boolean(flags.jsonl) || inputs.length > 1;
        // A malformed or non-http(s) URL is bad usage (exit 2, like crawl), not a failed page.
        for (const input of inputs) if (isUrlInput(input)) checkUrl(input, 'a URL input');

        let failed = 0;
        for (const input of inputs) {
          let article: Article;
          try {
            const page = isUrlInput(input)
              ? await fetchInput(input, flags.timeout)
              : readFileInput(input, flags.url);
            const zone = timeZone ?? page.timeZone;
            article = extract(page.bytes, {
              url: page.url,
              contentType: page.contentType,
              profile,
              now: page.savedAt ?? new Date(),
              fetchedAt: page.fetchedAt,
              ...(zone === undefined ? {} : { timeZone: zone }),
            });
          } catch (err) {
            failed++;
            const message = errorMessage(err).split('\n')[0] ?? '';
            process.stderr.write(`newsharvest: ${input}: ${message}\n`);
            if (runtime.debug && err instanceof Error) process.stderr.write(`${err.stack ?? ''}\n`);
            if (jsonLines) process.stdout.write(`${JSON.stringify({ input, error: message })}\n`);
            continue;
          }
          process.stdout.write(jsonLines ? `${JSON.stringify(article)}\n` : `${JSON.stringify(article, null, 2)}\n`);
        }
        if (failed === 0) return ExitCode.ok;
        return failed === inputs.length ? ExitCode.failed : ExitCode.partial;
      }),
    );
}
