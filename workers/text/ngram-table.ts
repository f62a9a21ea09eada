/**
 * N-gram counts keyed by tuples of n word ids (ngram-vocabulary.ts), in
 * typed arrays: an open-addressing table of entry numbers, the entries'
 * tuples side by side, and their counts. No string per n-gram: a 16 MiB text
 * holds millions of distinct 5-grams, and a Map of strings took ~100 bytes
 * each where this takes ~40.
 */
const EMPTY = 0;

export class NgramTable {
  /** Entry number + 1 per slot, EMPTY for a free slot. */
  private slots: Int32Array;
  private mask: number;
  /** Entry e's ids are tuples[e*n .. e*n+n). */
  tuples: Int32Array;
  counts: Float64Array;
  size = 0;

  constructor(readonly n: number, initialSlots = 1 << 12) {
    let slots = 1 << 4;
    while (slots < initialSlots) slots *= 2;
    this.slots = new Int32Array(slots);
    this.mask = slots - 1;
    this.tuples = new Int32Array((slots >> 1) * n);
    this.counts = new Float64Array(slots >> 1);
  }

  /** Adds `count` to the n-gram whose ids are ids[at .. at+n). */
  add(ids: Int32Array, at: number, count: number): void {
    const n = this.n;
    const tuples = this.tuples;
    const slots = this.slots;
    const mask = this.mask;
    let slot = hashOf(ids, at, n) & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === EMPTY) break;
      const base = (entry - 1) * n;
      let k = 0;
      while (k < n && tuples[base + k] === ids[at + k]) k++;
      if (k === n) {
        this.counts[entry - 1]! += count;
        return;
      }
      slot = (slot + 1) & mask;
    }
    const e = this.size++;
    tuples.set(ids.subarray(at, at + n), e * n);
    this.counts[e] = count;
    slots[slot] = e + 1;
    // Under half full, so probe runs stay short; the entry arrays hold half the slots.
    if (this.size * 2 >= slots.length) this.grow();
  }

  private grow(): void {
    const n = this.n;
    const count = this.slots.length * 2;
    const slots = new Int32Array(count);
    const mask = count - 1;
    const tuples = this.tuples;
    for (let e = 0; e < this.size; e++) {
      let slot = hashOf(tuples, e * n, n) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
    const grownTuples = new Int32Array((count >> 1) * n);
    grownTuples.set(tuples.subarray(0, this.size * n));
    this.tuples = grownTuples;
    const grownCounts = new Float64Array(count >> 1);
    grownCounts.set(this.counts.subarray(0, this.size));
    this.counts = grownCounts;
  }
}

function hashOf(ids: Int32Array, at: number, n: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ ids[at + k]!, 0x01000193) ^ (h >>> 15);
  // murmur3's fmix32: spreads the bits before the low ones pick a slot.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
