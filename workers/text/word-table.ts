/**
 * Open-addressing hash table of words kept as UTF-8 bytes. The scanner hashes
 * while it reads, so counting a word that is already known costs one probe and
 * one byte compare, and no string is created per word.
 *
 * Keys are "scanned" forms: ASCII letters already lowercased, other bytes as
 * they came. Keys with non-ASCII bytes are flagged and normalized once per
 * distinct key when the table is read out (see `toCounts`).
 */
const INITIAL_SLOTS = 1 << 14;

export class WordTable {
  private slots = new Int32Array(INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  private hashes = new Int32Array(INITIAL_SLOTS >>> 1);
  private offsets = new Uint32Array(INITIAL_SLOTS >>> 1);
  private lengths = new Uint32Array(INITIAL_SLOTS >>> 1);
  private counts = new Float64Array(INITIAL_SLOTS >>> 1);
  private nonAscii = new Uint8Array(INITIAL_SLOTS >>> 1);
  private arena: Uint8Array = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  size = 0;

  /** Counts one occurrence of `word[0, len)` whose running hash is `hash`. */
  add(word: Uint8Array, len: number, hash: number, hasNonAscii: boolean): void {
    const h = finalizeHash(hash);
    const { slots, mask, hashes, lengths, offsets, arena } = this;
    let slot = h & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      const idx = entry - 1;
      if (hashes[idx] === h && lengths[idx] === len && bytesEqual(arena, offsets[idx]!, word, len)) {
        this.counts[idx]! += 1;
        return;
      }
      slot = (slot + 1) & mask;
    }
    this.insertAt(slot, word, len, h, hasNonAscii);
  }

  private insertAt(slot: number, word: Uint8Array, len: number, h: number, hasNonAscii: boolean): void {
    if (this.size >= this.hashes.length) this.growEntries();
    if (this.arenaUsed + len > this.arena.length) this.growArena(len);
    const idx = this.size++;
    this.arena.set(word.subarray(0, len), this.arenaUsed);
    this.hashes[idx] = h;
    this.offsets[idx] = this.arenaUsed;
    this.lengths[idx] = len;
    this.counts[idx] = 1;
    this.nonAscii[idx] = hasNonAscii ? 1 : 0;
    this.arenaUsed += len;
    this.slots[slot] = idx + 1;
    // Keep the load factor under one half so probe runs stay short.
    if (this.size * 2 > this.slots.length) this.rehash(this.slots.length * 2);
  }

  private growEntries(): void {
    const n = this.hashes.length * 2;
    this.hashes = grow(this.hashes, new Int32Array(n));
    this.offsets = grow(this.offsets, new Uint32Array(n));
    this.lengths = grow(this.lengths, new Uint32Array(n));
    this.counts = grow(this.counts, new Float64Array(n));
    this.nonAscii = grow(this.nonAscii, new Uint8Array(n));
  }

  private growArena(extra: number): void {
    const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + extra));
    next.set(this.arena.subarray(0, this.arenaUsed));
    this.arena = next;
  }

  private rehash(slotCount: number): void {
    const slots = new Int32Array(slotCount);
    const mask = slotCount - 1;
    for (let idx = 0; idx < this.size; idx++) {
      let slot = this.hashes[idx]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = idx + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /**
   * Reads the table out as final words (lowercased, NFC, U+2019 → U+0027) with
   * their counts. Distinct scanned keys can meet in one final word (`Éclair`
   * and `éclair`; the Kelvin sign and `k`), so counts are summed.
   */
  toCounts(into: Map<string, number> = new Map()): Map<string, number> {
    const { offsets, lengths, counts, nonAscii } = this;
    const arena = Buffer.from(this.arena.buffer, this.arena.byteOffset, this.arenaUsed);
    for (let idx = 0; idx < this.size; idx++) {
      const start = offsets[idx]!;
      const end = start + lengths[idx]!;
      const word =
        nonAscii[idx] === 1 ? normalizeWord(arena.toString('utf8', start, end)) : arena.toString('latin1', start, end);
      into.set(word, (into.get(word) ?? 0) + counts[idx]!);
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

function bytesEqual(arena: Uint8Array, offset: number, word: Uint8Array, len: number): boolean {
  for (let i = 0; i < len; i++) if (arena[offset + i] !== word[i]) return false;
  return true;
}

function grow<T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
