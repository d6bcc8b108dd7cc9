/**
 * WARC 1.1 writer for the stored raw responses (`newsharvest archive`).
 *
 * Layout follows what warcio and pywb expect: one `warcinfo` record, then per stored exchange a
 * `response` record (HTTP status line + headers + body) and, when the request headers were kept,
 * a `request` record pointing at it with WARC-Concurrent-To. Every record is its own gzip member
 * (the spec's recommended practice, so readers can seek to any record), written as it is built.
 *
 * The stored body is already transfer-decoded, so Content-Encoding and Transfer-Encoding are
 * dropped from the reconstructed headers and Content-Length is set to the stored length: the
 * record then describes the bytes it actually holds.
 */
import { createHash, randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { StoredResponse } from '../store/types.js';
import type { Output } from './output.js';

const CRLF = '\r\n';

/** Headers that describe the transfer, not the stored bytes (see the file comment). */
const TRANSFER_HEADERS = new Set(['content-encoding', 'transfer-encoding', 'content-length']);

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, the encoding WARC digests use ("sha1:" + 32 characters for SHA-1). */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

export function sha1Digest(...parts: Uint8Array[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return `sha1:${base32(hash.digest())}`;
}

/** WARC-Date: UTC, second precision, "Z" (WARC 1.1 section 5.4). */
export function warcDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function recordId(): string {
  return `<urn:uuid:${randomUUID()}>`;
}

/** Header values must stay on one line; stored headers come from the network and are not trusted. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/** One uncompressed WARC record: version line, named fields, blank line, block, two CRLFs. */
export function warcRecord(fields: [string, string][], block: Uint8Array): Buffer {
  const head = [
    'WARC/1.1',
    ...fields.map(([name, value]) => `${name}: ${oneLine(value)}`),
    `Content-Length: ${block.length}`,
  ].join(CRLF);
  return Buffer.concat([Buffer.from(`${head}${CRLF}${CRLF}`, 'utf8'), block, Buffer.from(CRLF + CRLF, 'latin1')]);
}

export interface WarcInfo {
  /** "newsharvest/0.1.0". */
  software: string;
  /** The file name the WARC is written to (WARC-Filename). */
  filename: string;
  now: Date;
}

export function warcinfoRecord(info: WarcInfo): Buffer {
  const block = Buffer.from(
    [
      `software: ${info.software}`,
      'format: WARC File Format 1.1',
      'conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
      '',
    ].join(CRLF),
    'utf8',
  );
  return warcRecord(
    [
      ['WARC-Type', 'warcinfo'],
      ['WARC-Record-ID', recordId()],
      ['WARC-Date', warcDate(info.now)],
      ['WARC-Filename', info.filename],
      ['Content-Type', 'application/warc-fields'],
      ['WARC-Block-Digest', sha1Digest(block)],
    ],
    block,
  );
}

/** The HTTP response head rebuilt from what was stored (see the file comment on the headers). */
export function httpResponseHead(response: StoredResponse): Buffer {
  const reason = STATUS_CODES[response.status] ?? '';
  const lines = [`HTTP/1.1 ${response.status}${reason ? ` ${reason}` : ''}`];
  for (const [name, value] of Object.entries(response.headers)) {
    if (TRANSFER_HEADERS.has(name.toLowerCase())) continue;
    lines.push(`${oneLine(name)}: ${oneLine(value)}`);
  }
  lines.push(`content-length: ${response.body.length}`);
  // Header bytes as received are Latin-1 on the wire; non-Latin-1 text is written as UTF-8.
  return Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'utf8');
}

export function httpRequestHead(url: URL, headers: Record<string, string>): Buffer {
  const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`];
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'host')) lines.push(`host: ${url.host}`);
  for (const [name, value] of Object.entries(headers)) lines.push(`${oneLine(name)}: ${oneLine(value)}`);
  return Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'utf8');
}

/** The records of one stored exchange: the response, then the request when its headers were kept. */
export function exchangeRecords(response: StoredResponse): Buffer[] {
  const target = response.finalUrl || response.url;
  const date = warcDate(response.fetchedAt);
  const head = httpResponseHead(response);
  const body = response.body;
  const responseId = recordId();
  const records = [
    warcRecord(
      [
        ['WARC-Type', 'response'],
        ['WARC-Record-ID', responseId],
        ['WARC-Date', date],
        ['WARC-Target-URI', target],
        ['Content-Type', 'application/http;msgtype=response'],
        ['WARC-Payload-Digest', sha1Digest(body)],
        ['WARC-Block-Digest', sha1Digest(head, body)],
      ],
      Buffer.concat([head, body]),
    ),
  ];
  if (response.requestHeaders) {
    const request = httpRequestHead(new URL(target), response.requestHeaders);
    records.push(
      warcRecord(
        [
          ['WARC-Type', 'request'],
          ['WARC-Record-ID', recordId()],
          ['WARC-Date', date],
          ['WARC-Target-URI', target],
          ['WARC-Concurrent-To', responseId],
          ['Content-Type', 'application/http;msgtype=request'],
          ['WARC-Block-Digest', sha1Digest(request)],
        ],
        request,
      ),
    );
  }
  return records;
}

/** Writes a whole WARC: warcinfo, then the exchanges in order, one gzip member per record. */
export async function writeWarc(
  responses: Iterable<StoredResponse>,
  output: Output,
  info: WarcInfo,
): Promise<{ responses: number; records: number }> {
  let exchanges = 0;
  let records = 1;
  await output.write(gzipSync(warcinfoRecord(info)));
  for (const response of responses) {
    for (const record of exchangeRecords(response)) {
      await output.write(gzipSync(record));
      records++;
    }
    exchanges++;
  }
  return { responses: exchanges, records };
}
