/** Reading gzip files and raw DEFLATE ranges piece by piece (workers/io/read-packed.ts, sync-inflater.ts). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DamagedInputError } from '../../workers/io/damaged-input.ts';
import { readPacked } from '../../workers/io/read-packed.ts';
import { SyncInflater } from '../../workers/io/sync-inflater.ts';

const dir = mkdtempSync(join(tmpdir(), 'wordmill-packed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 3 MB of text with multi-byte letters, so inflated pieces end inside code points.
const text = Buffer.from(readFileSync('data/frankenstein.txt', 'utf8').repeat(7) + ' Straße ΟΔΥΣΣΕΥΣ Война');

function readAll(path: string, start: number, end: number, codec: 'gzip' | 'deflate-raw'): { text: Buffer; bytes: number; starts: number } {
  const pieces: Buffer[] = [];
  let starts = 0;
  const bytes = readPacked(path, start, end, { codec, html: false }, (buf, s, e, atStart) => {
    pieces.push(Buffer.from(buf.subarray(s, e)));
    if (atStart) starts++;
  });
  return { text: Buffer.concat(pieces), bytes, starts };
}

describe('packed inputs', () => {
  it('reads a gzip file as exactly its text, one start, its size in bytes', () => {
    const path = join(dir, 'book.txt.gz');
    const gz = gzipSync(text);
    writeFileSync(path, gz);
    const read = readAll(path, 0, gz.length, 'gzip');
    expect(read.text.equals(text)).toBe(true);
    expect(read.bytes).toBe(text.length);
    expect(read.starts).toBe(1);
  });

  it('reads a raw DEFLATE range inside a larger file (a zip member)', () => {
    const path = join(dir, 'member.bin');
    const raw = deflateRawSync(text);
    const before = Buffer.from('PK-ish header bytes');
    writeFileSync(path, Buffer.concat([before, raw, Buffer.from('central directory')]));
    const read = readAll(path, before.length, before.length + raw.length, 'deflate-raw');
    expect(read.text.equals(text)).toBe(true);
  });

  it('hands on the text of each piece as it goes, whatever the piece sizes', () => {
    const gz = gzipSync(text);
    for (const size of [61, 4096, 100_000]) {
      const inflater = new SyncInflater('gzip', 'x.gz');
      const out: Buffer[] = [];
      for (let at = 0; at < gz.length; at += size) out.push(inflater.push(gz.subarray(at, at + size), at + size >= gz.length));
      inflater.close();
      expect(Buffer.concat(out).equals(text)).toBe(true);
      if (size === 4096) expect(out.filter((piece) => piece.length > 0).length).toBeGreaterThan(10);
    }
  });

  it('fails a cut gzip file and a corrupt one with E_INPUT_DAMAGED', () => {
    const gz = gzipSync(text);
    const cut = join(dir, 'cut.txt.gz');
    writeFileSync(cut, gz.subarray(0, gz.length >> 1));
    expect(() => readAll(cut, 0, gz.length >> 1, 'gzip')).toThrow(DamagedInputError);
    const corrupt = Buffer.from(gz);
    for (let i = 100; i < 140; i++) corrupt[i] = 0xff;
    const bad = join(dir, 'bad.txt.gz');
    writeFileSync(bad, corrupt);
    expect(() => readAll(bad, 0, corrupt.length, 'gzip')).toThrow(/damaged gzip file/);
  });

  it('fails a gzip file of two concatenated members as damaged', () => {
    const two = Buffer.concat([gzipSync(Buffer.from('one two ')), gzipSync(Buffer.from('three'))]);
    const path = join(dir, 'two.txt.gz');
    writeFileSync(path, two);
    expect(() => readAll(path, 0, two.length, 'gzip')).toThrow(DamagedInputError);
  });
});
