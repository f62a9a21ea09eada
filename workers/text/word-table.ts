/**
 * Open-addressing hash table of words kept as UTF-8 bytes, built for the
 * scanner's hot path: a word is looked up straight from the input buffer
 * (no copy, no string), and one probe touches one 16-byte slot that holds
 * hash, key offset, key length and count side by side.
 *
 * A key is the word's bytes with ASCII letters lowercased (`ASCII_LOWER`);
 * other bytes are kept as they came, including U+2019. Keys with non-ASCII
 * bytes are normalized (rule 3) once per distinct key when the table is read
 * out, in `toCounts`.
 */
import { ASCII_LOWER } from './byte-class.ts';

const INITIAL_SLOTS = 1 << 14;
/**
 * Int32 fields per slot: the key's last four bytes packed (`tail`), key
 * length (0 = empty slot), key offset in the arena, count. A key of up to
 * four bytes (most English words in running text) is matched by two int
 * compares, without touching the arena.
 */
const FIELDS = 4;
const TAIL = 0;
const LEN = 1;
const OFFSET = 2;
const COUNT = 3;
/** Counts are int32 in the slot; past this they move into `spilled` (a 2 GB+ input of one word). */
const SPILL_AT = 1 << 30;

export class WordTable {
  private slots: Int32Array;
  /** Each slot's finalized hash, beside the slots: read only when the table grows. */
  private slotHashes: Int32Array;
  private mask: number;
  private arena: Uint8Array;
  private arenaUsed = 0;
  private spilled: Map<number, number> | null = null;
  size = 0;

  /** Sizes are powers of two; small ones let the warm-up reach the growth paths (see warm-up.ts). */
  constructor(initialSlots = INITIAL_SLOTS, initialArenaBytes = 1 << 16) {
    this.slots = new Int32Array(initialSlots * FIELDS);
    this.slotHashes = new Int32Array(initialSlots);
    this.mask = initialSlots - 1;
    this.arena = new Uint8Array(initialArenaBytes);
  }

  /**
   * Counts one occurrence of the word `src[start, start + len)`. Its key is
   * those bytes through `ASCII_LOWER`; `hash` is FNV-1a over the key and
   * `tail` its last (up to) four bytes, packed big-endian.
   */
  add(src: Uint8Array, start: number, len: number, hash: number, tail: number): void {
    const slots = this.slots;
    const mask = this.mask;
    const h = finalizeHash(hash);
    let slot = h & mask;
    for (;;) {
      const base = slot * FIELDS;
      const keyLen = slots[base + LEN]!;
      if (keyLen === 0) {
        this.insert(slot, h, src, start, len, tail, 1);
        return;
      }
      if (keyLen === len && slots[base + TAIL] === tail && (len <= 4 || headEquals(this.arena, slots[base + OFFSET]!, src, start, len - 4))) {
        const count = slots[base + COUNT]! + 1;
        if (count === SPILL_AT) this.addToCount(base, 1);
        else slots[base + COUNT] = count;
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The merge path: counts `n` occurrences of a key given as bytes (already a
   * key: ASCII lowercased), e.g. one line of another table's `keysAndCounts`.
   */
  addKey(key: Uint8Array, start: number, len: number, n: number): void {
    let hash = FNV_OFFSET;
    let tail = 0;
    for (let k = start; k < start + len; k++) {
      const byte = ASCII_LOWER[key[k]!]!;
      hash = Math.imul(hash ^ byte, FNV_PRIME);
      tail = (tail << 8) | byte;
    }
    const h = finalizeHash(hash);
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const base = slot * FIELDS;
      const keyLen = slots[base + LEN]!;
      if (keyLen === 0) {
        this.insert(slot, h, key, start, len, tail, n);
        return;
      }
      if (keyLen === len && slots[base + TAIL] === tail && (len <= 4 || headEquals(this.arena, slots[base + OFFSET]!, key, start, len - 4))) {
        this.addToCount(base, n);
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Count of a key given as bytes (already ASCII-lowercased), 0 if the table does not hold it. */
  countOf(key: Uint8Array): number {
    let hash = FNV_OFFSET;
    let tail = 0;
    for (let k = 0; k < key.length; k++) {
      hash = Math.imul(hash ^ key[k]!, FNV_PRIME);
      tail = (tail << 8) | key[k]!;
    }
    const slots = this.slots;
    let slot = finalizeHash(hash) & this.mask;
    for (;;) {
      const base = slot * FIELDS;
      const keyLen = slots[base + LEN]!;
      if (keyLen === 0) return 0;
      if (keyLen === key.length && slots[base + TAIL] === tail && (keyLen <= 4 || headEquals(this.arena, slots[base + OFFSET]!, key, 0, keyLen - 4))) {
        return this.countAt(base);
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Visits every key with its count, in slot order. `keys` is a view of the
   * arena, valid during the call: a visitor makes a string only for the keys
   * it keeps (see final-words.ts).
   */
  forEachKey(visit: (keys: Buffer, start: number, len: number, count: number) => void): void {
    const slots = this.slots;
    const keys = Buffer.from(this.arena.buffer, this.arena.byteOffset, this.arenaUsed);
    for (let base = 0; base < slots.length; base += FIELDS) {
      const len = slots[base + LEN]!;
      if (len !== 0) visit(keys, slots[base + OFFSET]!, len, this.countAt(base));
    }
  }

  private countAt(base: number): number {
    return this.slots[base + COUNT]! + (this.spilled?.get(this.slots[base + OFFSET]!) ?? 0);
  }

  private addToCount(base: number, n: number): void {
    const count = this.slots[base + COUNT]! + n;
    if (count < SPILL_AT) {
      this.slots[base + COUNT] = count;
      return;
    }
    this.spilled ??= new Map();
    const offset = this.slots[base + OFFSET]!;
    this.spilled.set(offset, (this.spilled.get(offset) ?? 0) + count);
    this.slots[base + COUNT] = 0;
  }

  private insert(slot: number, h: number, src: Uint8Array, start: number, len: number, tail: number, count: number): void {
    if (this.arenaUsed + len > this.arena.length) this.growArena(len);
    const arena = this.arena;
    const offset = this.arenaUsed;
    for (let k = 0; k < len; k++) arena[offset + k] = ASCII_LOWER[src[start + k]!]!;
    this.arenaUsed += len;
    const slots = this.slots;
    const base = slot * FIELDS;
    this.slotHashes[slot] = h;
    slots[base + TAIL] = tail;
    slots[base + LEN] = len;
    slots[base + OFFSET] = offset;
    slots[base + COUNT] = 0;
    this.addToCount(base, count);
    // Keep the load factor under one half so probe runs stay short.
    if (++this.size * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
  }

  private growArena(extra: number): void {
    const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + extra));
    next.set(this.arena.subarray(0, this.arenaUsed));
    this.arena = next;
  }

  private rehash(slotCount: number): void {
    const old = this.slots;
    const oldHashes = this.slotHashes;
    const slots = new Int32Array(slotCount * FIELDS);
    const hashes = new Int32Array(slotCount);
    const mask = slotCount - 1;
    for (let from = 0; from < oldHashes.length; from++) {
      const ob = from * FIELDS;
      if (old[ob + LEN] === 0) continue;
      const h = oldHashes[from]!;
      let slot = h & mask;
      while (slots[slot * FIELDS + LEN] !== 0) slot = (slot + 1) & mask;
      const nb = slot * FIELDS;
      slots[nb + TAIL] = old[ob + TAIL]!;
      slots[nb + LEN] = old[ob + LEN]!;
      slots[nb + OFFSET] = old[ob + OFFSET]!;
      slots[nb + COUNT] = old[ob + COUNT]!;
      hashes[slot] = h;
    }
    this.slots = slots;
    this.slotHashes = hashes;
    this.mask = mask;
  }

  /**
   * The table's raw keys joined by '\n' (no key contains one) and their
   * counts, for a partial result: cheaper than `toCounts` (one string in all,
   * no normalization), and merging such lists with `addKey` then reading the
   * merged table with `toCounts` gives the same final counts.
   */
  keysAndCounts(): { keys: string; counts: number[] } {
    const slots = this.slots;
    const arena = this.arena;
    const out = Buffer.allocUnsafe(this.arenaUsed + this.size);
    const counts: number[] = [];
    let at = 0;
    for (let base = 0; base < slots.length; base += FIELDS) {
      const len = slots[base + LEN]!;
      if (len === 0) continue;
      const start = slots[base + OFFSET]!;
      out.set(arena.subarray(start, start + len), at);
      at += len;
      out[at++] = 0x0a;
      counts.push(slots[base + COUNT]! + (this.spilled?.get(start) ?? 0));
    }
    return { keys: out.toString('utf8', 0, Math.max(0, at - 1)), counts };
  }

  /**
   * Reads the table out as final words (lowercased, NFC, U+2019 → U+0027) with
   * their counts. Distinct keys can meet in one final word (`Éclair` and
   * `éclair`; `o’clock` and `o'clock`; the Kelvin sign and `k`), so counts are summed.
   */
  toCounts(into: Map<string, number> = new Map()): Map<string, number> {
    const slots = this.slots;
    const arena = this.arena;
    const text = Buffer.from(arena.buffer, arena.byteOffset, this.arenaUsed);
    for (let base = 0; base < slots.length; base += FIELDS) {
      const len = slots[base + LEN]!;
      if (len === 0) continue;
      const start = slots[base + OFFSET]!;
      const end = start + len;
      const word = isAscii(arena, start, end) ? text.toString('latin1', start, end) : normalizeWord(text.toString('utf8', start, end));
      const count = slots[base + COUNT]! + (this.spilled?.get(start) ?? 0);
      into.set(word, (into.get(word) ?? 0) + count);
    }
    return into;
  }
}

/** Word rule 3 for a word that has non-ASCII code points. */
export function normalizeWord(raw: string): string {
  const lower = raw.toLowerCase().normalize('NFC');
  return lower.includes('\u2019') ? lower.replaceAll('\u2019', "'") : lower;
}

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** Spreads FNV-1a's weak low bits before they pick a slot (murmur3 fmix32). */
function finalizeHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Compares all but the last four bytes of a key (the tail already matched). */
function headEquals(arena: Uint8Array, offset: number, src: Uint8Array, start: number, len: number): boolean {
  const lower = ASCII_LOWER; // a local: an imported binding is re-read and checked on every use
  for (let k = 0; k < len; k++) if (arena[offset + k] !== lower[src[start + k]!]) return false;
  return true;
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (bytes[k]! >= 0x80) return false;
  return true;
}
