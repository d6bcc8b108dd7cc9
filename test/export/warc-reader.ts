/**
 * A small independent WARC reader for tests: splits the file into gzip members (each must hold
 * exactly one record), checks every member's CRC, parses the record headers, and checks that
 * Content-Length and the digests match the bytes.
 */
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

export interface WarcRecord {
  headers: Map<string, string>;
  block: Buffer;
}

const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
const FHCRC = 2;

/** Splits concatenated gzip members; returns each member's decompressed bytes. */
export function gunzipMembers(file: Buffer): Buffer[] {
  const members: Buffer[] = [];
  let pos = 0;
  while (pos < file.length) {
    if (file[pos] !== 0x1f || file[pos + 1] !== 0x8b || file[pos + 2] !== 8) {
      throw new Error(`no gzip member at offset ${pos}`);
    }
    const flags = file[pos + 3]!;
    let p = pos + 10;
    if (flags & FEXTRA) p += 2 + file.readUInt16LE(p);
    if (flags & FNAME) p = file.indexOf(0, p) + 1;
    if (flags & FCOMMENT) p = file.indexOf(0, p) + 1;
    if (flags & FHCRC) p += 2;
    const { buffer, engine } = zlib.inflateRawSync(file.subarray(p), { info: true }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    p += engine.bytesWritten;
    const crc = file.readUInt32LE(p);
    const size = file.readUInt32LE(p + 4);
    if (crc !== zlib.crc32(buffer)) throw new Error(`CRC mismatch in member at ${pos}`);
    if (size !== buffer.length % 2 ** 32) throw new Error(`ISIZE mismatch in member at ${pos}`);
    members.push(buffer);
    pos = p + 8;
  }
  return members;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Independent base32 (bit string), so the writer's own encoder is not checked against itself. */
export function base32Reference(bytes: Buffer): string {
  const bits = [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += BASE32[Number.parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

export function sha1Base32(data: Buffer): string {
  return `sha1:${base32Reference(createHash('sha1').update(data).digest())}`;
}

/** Parses one record from a member; throws unless the member holds exactly one valid record. */
export function parseRecord(member: Buffer): WarcRecord {
  const headEnd = member.indexOf('\r\n\r\n');
  if (headEnd < 0) throw new Error('record head not terminated');
  const lines = member.subarray(0, headEnd).toString('utf8').split('\r\n');
  if (lines[0] !== 'WARC/1.1') throw new Error(`bad version line ${JSON.stringify(lines[0])}`);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`bad header line ${JSON.stringify(line)}`);
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const length = Number(headers.get('content-length'));
  if (!Number.isInteger(length)) throw new Error('no Content-Length');
  const blockStart = headEnd + 4;
  const block = member.subarray(blockStart, blockStart + length);
  if (block.length !== length) throw new Error('block shorter than Content-Length');
  const tail = member.subarray(blockStart + length);
  if (tail.toString('latin1') !== '\r\n\r\n') throw new Error('record not followed by exactly CRLF CRLF');
  const blockDigest = headers.get('warc-block-digest');
  if (blockDigest !== undefined && blockDigest !== sha1Base32(block)) throw new Error('block digest mismatch');
  const payloadDigest = headers.get('warc-payload-digest');
  if (payloadDigest !== undefined) {
    const httpEnd = block.indexOf('\r\n\r\n');
    if (httpEnd < 0) throw new Error('HTTP head not terminated');
    if (payloadDigest !== sha1Base32(block.subarray(httpEnd + 4))) throw new Error('payload digest mismatch');
  }
  return { headers, block };
}

export function readWarc(file: Buffer): WarcRecord[] {
  return gunzipMembers(file).map(parseRecord);
}

/** Splits an HTTP message block into its start line, headers (lower-case names) and body. */
export function parseHttp(block: Buffer): { startLine: string; headers: Map<string, string>; body: Buffer } {
  const end = block.indexOf('\r\n\r\n');
  const [startLine = '', ...lines] = block.subarray(0, end).toString('utf8').split('\r\n');
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { startLine, headers, body: block.subarray(end + 4) };
}
