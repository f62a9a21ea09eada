/**
 * Cuts a large input into byte ranges that threads can count independently.
 * A cut goes right after an ASCII byte that is neither a letter, a digit nor
 * an apostrophe: no word or UTF-8 sequence can span such a byte, so counts of
 * the pieces add up to the count of the whole. Tasks that find sentences cut
 * only after such a byte that also cannot take part in a sentence end (see
 * `isMidSentenceCutAfter`).
 */
import { open } from 'node:fs/promises';
import type { CutRule } from '../tasks/descriptor.ts';

export interface ByteRange {
  start: number;
  end: number;
}

const WINDOW_BYTES = 64 * 1024;

export function isCutAfter(byte: number): boolean {
  if (byte >= 0x80 || byte === 0x27) return false;
  const alnum = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
  return !alnum;
}

/**
 * A cut after this byte leaves the sentence rule (docs/tasks.md) nothing to
 * decide across it: not white space (a sentence may end where it starts or
 * stops), not `.`, `!`, `?`, a quote or a closing bracket (part of an ending).
 * After a comma, say, no sentence ends at the cut, so the ranges' sentence
 * ends are exactly the input's.
 */
export function isMidSentenceCutAfter(byte: number): boolean {
  if (!isCutAfter(byte) || byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) return false;
  return byte !== 0x2e && byte !== 0x21 && byte !== 0x3f && byte !== 0x22 && byte !== 0x29 && byte !== 0x5d;
}

const CUT_AFTER: Readonly<Record<CutRule, (byte: number) => boolean>> = { 'between-words': isCutAfter, 'mid-sentence': isMidSentenceCutAfter };

/** The first safe cut at or after `from` (the input's length if there is none). */
export function safeCutFrom(bytes: Uint8Array, from: number, rule: CutRule = 'between-words'): number {
  const cutAfter = CUT_AFTER[rule];
  for (let i = Math.max(from, 1); i <= bytes.length; i++) if (cutAfter(bytes[i - 1]!)) return i;
  return bytes.length;
}

/**
 * The size to cut at: at most `chunkSize`, and with as many ranges as a
 * multiple of `threads`, each about the same size, so no thread is left
 * counting one more range than the others at the end (13 ranges on 2
 * threads take as long as 14). Inputs of one range stay whole.
 */
export function balancedChunkSize(size: number, chunkSize: number, threads: number): number {
  if (size <= chunkSize || threads <= 1) return chunkSize;
  const ranges = Math.ceil(Math.ceil(size / chunkSize) / threads) * threads;
  return Math.ceil(size / ranges);
}

/** Ranges for an in-memory input. */
export function planByteChunks(bytes: Uint8Array, chunkSize: number, threads = 1, rule: CutRule = 'between-words'): ByteRange[] {
  const size = balancedChunkSize(bytes.length, chunkSize, threads);
  return rangesFrom(bytes.length, size, (from) => safeCutFrom(bytes, from, rule));
}

/** Ranges for a file, reading only small windows near each cut (never the whole file). */
export async function planFileChunks(path: string, size: number, maxChunkSize: number, threads = 1, rule: CutRule = 'between-words'): Promise<ByteRange[]> {
  if (size <= maxChunkSize) return [{ start: 0, end: size }];
  const chunkSize = balancedChunkSize(size, maxChunkSize, threads);
  const handle = await open(path, 'r');
  try {
    const window = Buffer.allocUnsafe(WINDOW_BYTES);
    const cuts: number[] = [0];
    let nominal = chunkSize;
    while (nominal < size) {
      const cut = await findCut(async (pos) => {
        const { bytesRead } = await handle.read(window, 0, WINDOW_BYTES, pos);
        return window.subarray(0, bytesRead);
      }, nominal, size, CUT_AFTER[rule]);
      if (cut >= size) break;
      cuts.push(cut);
      nominal = cut + chunkSize;
    }
    return toRanges(cuts, size);
  } finally {
    await handle.close();
  }
}

/**
 * How far past a nominal cut to look for a safe one before giving up and
 * leaving the rest of the file in one range: a file whose text has no ASCII
 * separator (CJK with only full-width punctuation, one giant "word") is still
 * counted correctly, and the main thread never reads a whole file to plan it.
 */
const CUT_SEARCH_BYTES = 4 * 1024 * 1024;

async function findCut(read: (pos: number) => Promise<Uint8Array>, from: number, size: number, cutAfter: (byte: number) => boolean): Promise<number> {
  const limit = Math.min(size, from + CUT_SEARCH_BYTES);
  for (let pos = from; pos < limit; ) {
    const bytes = await read(pos);
    if (bytes.length === 0) break;
    for (let i = 0; i < bytes.length; i++) if (cutAfter(bytes[i]!)) return pos + i + 1;
    pos += bytes.length;
  }
  return size;
}

function rangesFrom(size: number, chunkSize: number, cutFrom: (from: number) => number): ByteRange[] {
  const cuts = [0];
  for (let nominal = chunkSize; nominal < size; ) {
    const cut = cutFrom(nominal);
    if (cut >= size) break;
    cuts.push(cut);
    nominal = cut + chunkSize;
  }
  return toRanges(cuts, size);
}

function toRanges(cuts: number[], size: number): ByteRange[] {
  return cuts.map((start, i) => ({ start, end: cuts[i + 1] ?? size }));
}
