/**
 * A read-only table from words (UTF-8 bytes) to numbers, looked up by a byte
 * range: the corpus's document frequencies as the `score` stage of `keywords`
 * reads them. A document's keys stay bytes in its word table; looking each one
 * up here costs a hash and a compare, where a Map would first need a string per
 * distinct word of every document.
 */

const EMPTY = 0;

export class TermTable {
  /** Open addressing, linear probing: a term's index + 1, or EMPTY. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly hashes: Int32Array;

  /** `words`: UTF-8, joined by '\n' (no word holds one), each word once; `values[i]` belongs to the i-th word. */
  constructor(private readonly words: Uint8Array, private readonly values: ArrayLike<number>) {
    const n = values.length;
    let size = 16;
    while (size < n * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.hashes = new Int32Array(n);
    let start = 0;
    for (let i = 0; i < n; i++) {
      let end = words.indexOf(0x0a, start);
      if (end < 0) end = words.length;
      if (end === start) throw new Error('term table: an empty word');
      const hash = hashBytes(words, start, end);
      this.starts[i] = start;
      this.ends[i] = end;
      this.hashes[i] = hash;
      let slot = hash & this.mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slots[slot] = i + 1;
      start = end + 1;
    }
    if (n > 0 ? start !== words.length + 1 : words.length !== 0) throw new Error(`term table: ${n} values do not match the words`);
  }

  /** The value of the word `bytes[start..end)`, or 0 if the table does not hold it. */
  get(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashBytes(bytes, start, end);
    const len = end - start;
    const { slots, mask, starts, ends, hashes, words } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === EMPTY) return 0;
      const i = entry - 1;
      if (hashes[i] !== hash) continue;
      const at = starts[i]!;
      if (ends[i]! - at !== len) continue;
      let k = 0;
      while (k < len && words[at + k] === bytes[start + k]) k++;
      if (k === len) return this.values[i]!;
    }
  }
}

/** FNV-1a, 32 bits. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
  return h;
}
