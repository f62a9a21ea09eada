/**
 * The reduce of a corpus `keywords` run: how many documents hold each word,
 * added up from each document's distinct words as the workers send them
 * (UTF-8 joined by '\n'). Words stay bytes in one arena, found by hash (FNV-1a,
 * open addressing): a Map would need a string per word of every document,
 * and that garbage cost more than the counting.
 */
import type { DocumentFrequencyTable } from '../protocol.ts';

const EMPTY = 0;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class DocumentFrequencies {
  documents = 0;
  private arena = new Uint8Array(1 << 16);
  /** Bytes used in the arena: every word followed by '\n'. */
  private used = 0;
  private starts = new Int32Array(1 << 12);
  private ends = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  private counts = new Uint32Array(1 << 12);
  private words = 0;
  /** A word's index + 1, or EMPTY; at most half full. */
  private slots = new Int32Array(1 << 13);

  get size(): number {
    return this.words;
  }

  /** One document's distinct words. */
  add(terms: Uint8Array): void {
    this.documents++;
    let start = 0;
    let hash = FNV_OFFSET;
    // Words are hashed as they are scanned for their ends: one pass over the bytes.
    for (let k = 0; k < terms.length; k++) {
      const b = terms[k]!;
      if (b !== 0x0a) {
        hash = Math.imul(hash ^ b, FNV_PRIME);
        continue;
      }
      if (k > start) this.addWord(terms, start, k, hash);
      start = k + 1;
      hash = FNV_OFFSET;
    }
    if (terms.length > start) this.addWord(terms, start, terms.length, hash);
  }

  /** The words with their document counts, on shared memory (see `DocumentFrequencyTable`). */
  table(): DocumentFrequencyTable {
    const bytes = Math.max(0, this.used - 1);
    const words = new Uint8Array(new SharedArrayBuffer(bytes));
    words.set(this.arena.subarray(0, bytes));
    const counts = new Uint32Array(new SharedArrayBuffer(this.words * Uint32Array.BYTES_PER_ELEMENT));
    counts.set(this.counts.subarray(0, this.words));
    return { words, counts };
  }

  /** Each word (decoded) with its count, in the order first seen. */
  *entries(): IterableIterator<[string, number]> {
    const decoder = new TextDecoder();
    for (let i = 0; i < this.words; i++) yield [decoder.decode(this.arena.subarray(this.starts[i], this.ends[i])), this.counts[i]!];
  }

  private addWord(bytes: Uint8Array, start: number, end: number, hash: number): void {
    const len = end - start;
    const { slots, starts, ends, hashes, arena } = this;
    const mask = slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === EMPTY) break;
      const i = entry - 1;
      if (hashes[i] === hash && ends[i]! - starts[i]! === len) {
        const at = starts[i]!;
        let k = 0;
        while (k < len && arena[at + k] === bytes[start + k]) k++;
        if (k === len) {
          this.counts[i]!++;
          return;
        }
      }
      slot = (slot + 1) & mask;
    }
    this.insert(bytes, start, end, hash);
  }

  private insert(bytes: Uint8Array, start: number, end: number, hash: number): void {
    const len = end - start;
    if (this.used + len + 1 > this.arena.length) this.arena = grown(this.arena, this.used + len + 1);
    if (this.words === this.starts.length) {
      const n = this.words * 2;
      this.starts = grown(this.starts, n);
      this.ends = grown(this.ends, n);
      this.hashes = grown(this.hashes, n);
      this.counts = grown(this.counts, n);
    }
    const i = this.words++;
    this.arena.set(bytes.subarray(start, end), this.used);
    this.starts[i] = this.used;
    this.ends[i] = this.used + len;
    this.arena[this.used + len] = 0x0a;
    this.used += len + 1;
    this.hashes[i] = hash;
    this.counts[i] = 1;
    if (this.words * 2 > this.slots.length) this.rehash();
    else this.place(i);
  }

  private place(i: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[i]! & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = i + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let i = 0; i < this.words; i++) this.place(i);
  }
}

function grown<T extends Uint8Array | Int32Array | Uint32Array>(array: T, atLeast: number): T {
  let size = array.length * 2;
  while (size < atLeast) size *= 2;
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}
