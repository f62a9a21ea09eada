/**
 * A table of words kept as UTF-8 key bytes with their counts. The table lives
 * in the memory of a WebAssembly instance (workers/wasm/assembly/table.ts),
 * where the scanner counts straight into it; this class is its JavaScript
 * side: adding up partial counts, and reading keys and counts out.
 *
 * A key is the word's bytes with ASCII letters lowercased; other bytes are
 * kept as they came, including U+2019. Keys with non-ASCII bytes are
 * normalized (rule 3) once per distinct key when the table is read out.
 *
 * Memory layout, shared with the module: slots of four int32 fields (the
 * key's last four bytes, key length with 0 for an empty slot, key offset in
 * the arena, count) and an arena of key bytes.
 */
import { MAX_WORD_BYTES } from '../../src/protocol.ts';
import { endianness } from 'node:os';
import { instantiateWordCount, type WordCountExports, type WordCountInstance } from './word-count-wasm.ts';

// WebAssembly memory is little-endian; typed arrays follow the machine (nearly always little-endian too).
const LITTLE_ENDIAN = endianness() === 'LE';

const INITIAL_SLOTS = 1 << 14;
/** The most slots a table sized by its input starts with (half of them hold keys before it grows). */
const MAX_INPUT_SLOTS = 1 << 15;

/** Counts as little-endian float64 bytes (a counts file's own layout), for `addKeys` to copy as they are. */
export class CountBytes {
  constructor(readonly bytes: Uint8Array) {}
}
/**
 * Released instances, reused by the next table on this thread: a new one
 * costs ~0.25 ms (instance, memory, tables), most of a small job's time.
 */
const free: WordCountInstance[] = [];
// A task reads its table and releases it before the next task starts: two spares are plenty.
const MAX_FREE = 2;
/** An instance whose memory grew past this is dropped on release, so one huge table does not pin its memory. */
const REUSE_MAX_BYTES = 32 * 2 ** 20;
/** `packKeys`'s most key bytes per piece: all of them (addresses stay below 2 GiB). */
const ALL_KEY_BYTES = 0x7fffffff;
const FIELDS = 4;
const LEN = 1;
const OFFSET = 2;
const COUNT = 3;

export class WordTable {
  /**
   * Every key is a final word already (a table added up from counts files of final words): read-outs
   * take keys as they are, and rank non-ASCII keys by count as ASCII ones. Set by whoever fills the table.
   */
  keysFinal = false;
  private instance: WordCountInstance | null;
  /** Counts past 2^30 occurrences, by key offset (a 2 GB+ input of one word). */
  private spilled: Map<number, number> | null = null;

  /** Sizes are powers of two; small ones let the warm-up reach the growth paths (see warm-up.ts). */
  constructor(initialSlots = INITIAL_SLOTS, initialArenaBytes = 1 << 16) {
    const instance = free.pop() ?? instantiateWordCount(MAX_WORD_BYTES);
    instance.spill = (offset, amount) => {
      this.spilled ??= new Map();
      this.spilled.set(offset, (this.spilled.get(offset) ?? 0) + amount);
    };
    instance.exports.reset(initialSlots, initialArenaBytes);
    this.instance = instance;
  }

  /**
   * A table for about `bytes` of input: small inputs start small (a fresh table is cleared whole),
   * a book (~10,000 distinct words in 0.5 MB) at a size it does not outgrow: each growth rehashes
   * every key and clears a table twice the size, ~0.1 ms of a 2.5 ms book (bench/micro/per-file.ts).
   */
  static forInput(bytes: number): WordTable {
    let slots = 1 << 10;
    while (slots < MAX_INPUT_SLOTS && slots * 16 < bytes) slots *= 2;
    return new WordTable(slots, Math.min(1 << 17, Math.max(1 << 12, slots * 4)));
  }

  /**
   * A table for at least `keys` distinct keys (the largest partial of a merge) and, when known, room
   * for `keyBytes` of key bytes: it starts at its final size or one step short, instead of growing
   * from the default and leaving each smaller generation of slots and key bytes behind in the heap.
   * Key room is address space until keys fill it (slots are cleared, so they are sized by `keys`).
   */
  static forKeys(keys: number, keyBytes = 0): WordTable {
    let slots = INITIAL_SLOTS;
    while (slots < keys * 2) slots *= 2;
    return new WordTable(slots, Math.max(1 << 16, keyBytes));
  }

  /** The instance that holds this table; the scanner feeds it directly. */
  get wasm(): WordCountExports {
    if (this.instance === null) throw new Error('word table used after release()');
    return this.instance.exports;
  }

  /** Hands the table's memory to the next table on this thread; this one must not be used again. */
  release(): void {
    const instance = this.instance;
    if (instance === null) return;
    this.instance = null;
    instance.spill = () => {};
    if (free.length < MAX_FREE && instance.exports.memory.buffer.byteLength <= REUSE_MAX_BYTES) free.push(instance);
  }

  get size(): number {
    return this.wasm.getSize();
  }

  /**
   * The merge path: adds one partial's keys (raw keys joined by '\n', as
   * `keysAndCounts` gives them, as a string or as UTF-8 bytes) with their
   * counts, in one call into the module. `counts` may also be the counts'
   * little-endian float64 bytes, as a counts file holds them.
   */
  addKeys(keys: string | Uint8Array, counts: ArrayLike<number> | CountBytes): void {
    const n = counts instanceof CountBytes ? counts.bytes.length / 8 : counts.length;
    if (n === 0) return;
    const wasm = this.wasm;
    const keyBytes = typeof keys === 'string' ? Buffer.byteLength(keys, 'utf8') : keys.length;
    const countsOffset = (keyBytes + 7) & ~7;
    const at = wasm.inputAt(countsOffset + n * 8);
    const memory = new Uint8Array(wasm.memory.buffer);
    if (typeof keys === 'string') Buffer.from(wasm.memory.buffer).write(keys, at, 'utf8');
    else memory.set(keys, at);
    if (counts instanceof CountBytes) memory.set(counts.bytes, at + countsOffset);
    else new Float64Array(wasm.memory.buffer, at + countsOffset, n).set(counts);
    wasm.addKeys(at, keyBytes, at + countsOffset);
  }

  /** Count of a key given as bytes (already ASCII-lowercased), 0 if the table does not hold it. */
  countOf(key: Uint8Array): number {
    const wasm = this.wasm;
    const at = wasm.inputAt(key.length);
    new Uint8Array(wasm.memory.buffer, at, key.length).set(key);
    const slot = wasm.findKey(at, key.length);
    if (slot < 0) return 0;
    const fields = new Int32Array(wasm.memory.buffer, slot, FIELDS);
    return fields[COUNT]! + (this.spilled?.get(fields[OFFSET]!) ?? 0);
  }

  /**
   * Visits every non-ASCII key and those ASCII keys whose count could place
   * them among the `rank` most frequent ASCII keys (all keys tied at that
   * count included), and returns how many ASCII keys the table holds. The
   * module picks the keys, so a read-out costs a string per visited key only.
   * With `keysFinal`, non-ASCII keys are picked and counted as ASCII ones.
   */
  forEachCandidate(rank: number, visit: (keys: Buffer, start: number, len: number, count: number, ascii: boolean) => void): number {
    const wasm = this.wasm;
    // A spilled count left its slot nearly empty: with any spill, every key is a candidate.
    const all = this.keysFinal ? 1 : 0;
    const atRank = wasm.countAtRank(rank, all);
    const found = wasm.selectKeys(this.spilled === null ? atRank : 0, all);
    const asciiKeys = wasm.getAsciiKeys();
    const { slots, keys } = this.view();
    const picked = new Int32Array(wasm.memory.buffer, wasm.getSelected(), found);
    for (let k = 0; k < found; k++) {
      const base = (picked[k]! - slots.byteOffset) >> 2;
      const start = slots[base + OFFSET]!;
      const len = slots[base + LEN]!;
      visit(keys, start, len, this.countAt(slots, base), isAscii(keys, start, start + len));
    }
    return asciiKeys;
  }

  /** Visits every key (its bytes in the arena) with its count; `ascii` when no byte is past 0x7f. */
  forEachKey(visit: (keys: Buffer, start: number, len: number, count: number, ascii: boolean) => void): void {
    const { slots, keys } = this.view();
    for (let base = 0; base < slots.length; base += FIELDS) {
      const len = slots[base + LEN]!;
      if (len === 0) continue;
      const start = slots[base + OFFSET]!;
      visit(keys, start, len, this.countAt(slots, base), isAscii(keys, start, start + len));
    }
  }

  /**
   * The table's raw keys joined by '\n' (no key contains one) and their
   * counts, for a partial result: cheaper than `toCounts` (one string in all,
   * no normalization), and merging such lists with `addKeys` then reading the
   * merged table with `toCounts` gives the same final counts.
   */
  keysAndCounts(): { keys: string; counts: Float64Array } {
    const { keys, counts } = this.packedKeys();
    return { keys: keys.toString('utf8'), counts: counts instanceof CountBytes ? countsOf(counts) : counts };
  }

  /** `keysAndCounts` as UTF-8 bytes, copied out of the table's memory. */
  keyBytesAndCounts(): { keys: Buffer; counts: Float64Array } {
    const { keys, counts } = this.packedKeys();
    return { keys: Buffer.from(keys), counts: counts instanceof CountBytes ? countsOf(counts) : counts };
  }

  /**
   * `keysAndCounts` as views of the table's memory, for a counts file: the
   * module packs keys and counts in one pass (pack.ts) and they are written
   * from where they lie. The views hold until the table is next used or released.
   * With a spilled count the keys are read out here, as slot counts alone are short.
   */
  packedKeys(): { keys: Buffer; counts: CountBytes | Float64Array } {
    if (this.spilled !== null) return this.keysWithSpills();
    return this.pack(false);
  }

  /**
   * `packedKeys` of the ASCII keys only (final words as they are), for a counts file of final words:
   * the non-ASCII keys go there normalized. Not for a table with a spilled count.
   */
  packedAsciiKeys(): { keys: Buffer; counts: CountBytes } {
    if (this.spilled !== null) throw new Error('packedAsciiKeys: the table has spilled counts');
    return this.pack(true);
  }

  private pack(asciiOnly: boolean): { keys: Buffer; counts: CountBytes } {
    const wasm = this.wasm;
    const n = wasm.packKeys(asciiOnly ? 1 : 0, 0, ALL_KEY_BYTES);
    const buffer = wasm.memory.buffer;
    return {
      keys: Buffer.from(buffer, wasm.getPackedKeys(), wasm.getPackedKeyBytes()),
      counts: new CountBytes(new Uint8Array(buffer, wasm.getPackedCounts(), n * 8)),
    };
  }

  /** Whether a key was counted past 2^30 (its slot alone holds part of its count). */
  get hasSpills(): boolean {
    return this.spilled !== null;
  }

  private keysWithSpills(): { keys: Buffer; counts: Float64Array } {
    const { slots, keys } = this.view();
    const out = Buffer.allocUnsafe(keys.length + this.size);
    const counts = new Float64Array(this.size);
    let n = 0;
    let at = 0;
    for (let base = 0; base < slots.length; base += FIELDS) {
      const len = slots[base + LEN]!;
      if (len === 0) continue;
      const start = slots[base + OFFSET]!;
      if (n > 0) out[at++] = 0x0a;
      at += keys.copy(out, at, start, start + len);
      counts[n++] = this.countAt(slots, base);
    }
    return { keys: out.subarray(0, at), counts };
  }

  /**
   * Reads the table out as final words (lowercased, NFC, U+2019 → U+0027) with
   * their counts. Distinct keys can meet in one final word (`Éclair` and
   * `éclair`; `o’clock` and `o'clock`; the Kelvin sign and `k`), so counts are summed.
   */
  toCounts(into: Map<string, number> = new Map()): Map<string, number> {
    const { slots, keys } = this.view();
    for (let base = 0; base < slots.length; base += FIELDS) {
      const len = slots[base + LEN]!;
      if (len === 0) continue;
      const start = slots[base + OFFSET]!;
      const end = start + len;
      const word = isAscii(keys, start, end) ? keys.toString('latin1', start, end) : this.keysFinal ? keys.toString('utf8', start, end) : normalizeWord(keys.toString('utf8', start, end));
      into.set(word, (into.get(word) ?? 0) + this.countAt(slots, base));
    }
    return into;
  }

  /** Views of the slots and the arena; taken after any call that may grow the instance's memory. */
  private view(): { slots: Int32Array; keys: Buffer } {
    const wasm = this.wasm;
    const buffer = wasm.memory.buffer;
    return {
      slots: new Int32Array(buffer, wasm.getSlots(), wasm.getCapacity() * FIELDS),
      keys: Buffer.from(buffer, wasm.getArena(), wasm.getArenaUsed()),
    };
  }

  private countAt(slots: Int32Array, base: number): number {
    return slots[base + COUNT]! + (this.spilled?.get(slots[base + OFFSET]!) ?? 0);
  }
}

/** Word rule 3 for a word that has non-ASCII code points. */
export function normalizeWord(raw: string): string {
  const lower = raw.toLowerCase().normalize('NFC');
  return lower.includes('\u2019') ? lower.replaceAll('\u2019', "'") : lower;
}

/** Counts copied out of their little-endian float64 bytes (into an array of their own, fit to post to another thread). */
export function countsOf(counts: CountBytes): Float64Array {
  const bytes = counts.bytes;
  // A copy by the constructor: `slice` on a Buffer (a counts file's bytes) is a view of the buffer, not a copy.
  if (LITTLE_ENDIAN) return new Float64Array(new Uint8Array(bytes).buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return Float64Array.from({ length: bytes.length / 8 }, (_, k) => view.getFloat64(k * 8, true));
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (bytes[k]! >= 0x80) return false;
  return true;
}
