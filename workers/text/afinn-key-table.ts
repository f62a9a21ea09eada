/**
 * natural's AFINN value of an ASCII word read straight from its bytes (the
 * word table's keys), with no string made: a byte hash set of the listed
 * words that are ASCII. A book has thousands of distinct words and most are
 * not listed, so a string and a Map lookup per word cost more than the scan.
 * Words past ASCII go through `afinnValue` after the word rules' normalization.
 */
import { afinnValue, NEGATION, wordValues } from './afinn-sentiment.ts';
import { normalizeWord } from './word-table.ts';

interface KeyTable {
  /** Per slot: 0 empty, else the entry's index + 1. */
  slots: Int32Array;
  mask: number;
  /** Entry k's bytes are bytes[starts[k], starts[k + 1]). */
  bytes: Uint8Array;
  starts: Int32Array;
  values: Int32Array;
}

let table: KeyTable | undefined;

function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) {
    let b = bytes[k]!;
    if (b >= 0x41 && b <= 0x5a) b |= 0x20;
    h = Math.imul(h ^ b, 0x01000193);
  }
  return h >>> 0;
}

function build(): KeyTable {
  const { scores, negations } = wordValues();
  // Only lowercase ASCII entries can match an ASCII key: natural lowercases the word before looking it up.
  const unique = [...new Set([...Object.keys(scores), ...negations])].filter((w) => w === w.toLowerCase() && !/[^\x00-\x7f]/u.test(w));
  const bytes = Buffer.from(unique.join(''), 'latin1');
  const starts = new Int32Array(unique.length + 1);
  for (let k = 0; k < unique.length; k++) starts[k + 1] = starts[k]! + unique[k]!.length;
  let size = 16;
  while (size < unique.length * 4) size *= 2;
  const slots = new Int32Array(size);
  const values = new Int32Array(unique.length);
  for (let k = 0; k < unique.length; k++) {
    // As getSentiment: a negation before the word list.
    values[k] = negations.has(unique[k]!) ? NEGATION : scores[unique[k]!]!;
    let at = hashOf(bytes, starts[k]!, starts[k + 1]!) & (size - 1);
    while (slots[at] !== 0) at = (at + 1) & (size - 1);
    slots[at] = k + 1;
  }
  return { slots, mask: size - 1, bytes, starts, values };
}

function sameKey(t: KeyTable, entry: number, bytes: Uint8Array, start: number, end: number): boolean {
  const from = t.starts[entry]!;
  if (t.starts[entry + 1]! - from !== end - start) return false;
  for (let k = 0; k < end - start; k++) {
    let b = bytes[start + k]!;
    if (b >= 0x41 && b <= 0x5a) b |= 0x20;
    if (t.bytes[from + k] !== b) return false;
  }
  return true;
}

/** `afinnValue` of the word table key bytes[start, end) (ASCII lowercased, the rest as scanned): an AFINN score, 0, or NEGATION. */
export function afinnValueOfBytes(bytes: Uint8Array, start: number, end: number): number {
  for (let k = start; k < end; k++) {
    if (bytes[k]! >= 0x80) return afinnValue(normalizeWord(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8')));
  }
  table ??= build();
  for (let at = hashOf(bytes, start, end) & table.mask; ; at = (at + 1) & table.mask) {
    const entry = table.slots[at]!;
    if (entry === 0) return 0;
    if (sameKey(table, entry - 1, bytes, start, end)) return table.values[entry - 1]!;
  }
}
