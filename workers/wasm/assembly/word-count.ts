/**
 * The word-rule scanner (design §1) and its word table, compiled to
 * WebAssembly (AssemblyScript). The same state machine and table as the
 * JavaScript they replace, in linear memory: no per-byte map or bounds
 * checks, so English text counts ~1.5× faster per thread (bench/RESULTS.md).
 *
 * An instance holds one table (and one scanner's state) at a time. JavaScript
 * copies each block into the input area, calls `feed`, and reads the table
 * out of memory (workers/text/word-table.ts). Everything here is a port of
 * the former JavaScript; the property tests run against this module.
 *
 * Memory: fixed lookup tables first, then a bump heap (input area, carry,
 * slots, arena). A table that grows moves to fresh memory and leaves its old
 * space behind; `reset` empties the heap for the next table.
 */

// --- Fixed memory map -------------------------------------------------------
/** Lowercased byte for an ASCII letter or digit, 0 for any other byte. */
const ALNUM_LOWER: i32 = 0;
/** SEP, APOS, ALNUM or HIGH per byte. */
const BYTE_CLASS: i32 = 256;
/** A–Z to a–z, every other byte to itself. */
const ASCII_LOWER: i32 = 512;
/** 1 for a word code point in U+0080–U+07FF; written by JavaScript (`twoByteWordTable`). */
const TWO_BYTE_WORD: i32 = 1024;
/** Cache for the BMP: 0 not asked yet, 1 word code point, 2 not. */
const BMP_CLASS: i32 = 1024 + 0x800;
const HEAP_START: i32 = BMP_CLASS + 0x10000;

const SEP: i32 = 0;
const APOS: i32 = 1;
const ALNUM: i32 = 2;
const HIGH: i32 = 3;

const RIGHT_SINGLE_QUOTE: i32 = 0x2019;
const FNV_OFFSET: u32 = 0x811c9dc5;
const FNV_PRIME: u32 = 0x01000193;
/** Counts are u32 in the slot; past this they are handed to JavaScript (`spill`). */
const SPILL_AT: u32 = 1 << 30;

/** Is this code point a letter, mark or number? JavaScript answers (a Unicode property regex). */
@external("wordmill", "isWordCodePoint")
declare function askIsWordCodePoint(cp: i32): i32;
/** Adds `amount` to the count JavaScript keeps beside the slot whose key starts at `offset`. */
@external("wordmill", "spill")
declare function spill(offset: i32, amount: f64): void;

// --- State ----------------------------------------------------------------------
let heapTop: i32 = HEAP_START;
let maxWordBytes: i32 = 1 << 20;

let inputArea: i32 = 0;
let inputCap: i32 = 0;

let carry: i32 = 0;
let carryCap: i32 = 0;
let carryLen: i32 = 0;

/** Slots of 16 bytes: key's last four bytes (`tail`), key length (0 = empty), arena offset, count. */
let slots: i32 = 0;
/** Each slot's finalized hash, read only when the table grows. */
let hashes: i32 = 0;
let mask: i32 = 0;
let arena: i32 = 0;
let arenaCap: i32 = 0;
let arenaUsed: i32 = 0;
let size: i32 = 0;

let totalWords: f64 = 0;
let invalidUtf8: i32 = 0;
/** Length of the word that was too long, when `feed` or `finish` returns TOO_LONG. */
let tooLongBytes: i32 = 0;

const OK: i32 = 0;
const TOO_LONG: i32 = -2;
const NO_OPEN_WORD: i32 = -1;

// --- Heap -------------------------------------------------------------------------
/**
 * Addresses stay below 2 GiB, so every address is a positive i32 here and a
 * plain number in JavaScript. A table that would need more (tens of millions
 * of distinct words in one job) is refused through `heapFull`, which throws.
 */
const HEAP_LIMIT: i64 = (<i64>1 << 31) - 0x10000;

/** Throws in JavaScript (TooManyWordsError): the table needs `bytes` more than one instance holds. */
@external("wordmill", "heapFull")
declare function heapFull(bytes: f64): void;

function alloc(bytes: i64): i32 {
  const at = (<i64>heapTop + 7) & ~7;
  // 8 bytes of slack above the heap top, so no read near it can leave memory.
  const end = at + bytes + 8;
  if (end > HEAP_LIMIT) {
    heapFull(<f64>end);
    unreachable();
  }
  reserve(<i32>end);
  heapTop = <i32>(at + bytes);
  return <i32>at;
}

/** Grows memory to hold addresses below `end`: by at least its current size, so growth costs stay linear. */
function reserve(end: i32): void {
  const have = <i32>memory.size() << 16;
  if (end <= have) return;
  const pages = (end - have + 0xffff) >>> 16;
  const room = <i32>((HEAP_LIMIT + 8 - <i64>have) >> 16);
  if (memory.grow(min(max(pages, <i32>memory.size()), room)) >= 0) return;
  if (memory.grow(pages) >= 0) return;
  heapFull(<f64>end);
  unreachable();
}

// --- Set-up -----------------------------------------------------------------------
/** Once per instance: the byte tables and the word-length limit. */
export function init(maxWord: i32): void {
  reserve(HEAP_START);
  maxWordBytes = maxWord;
  for (let b = 0; b < 256; b++) {
    const upper = b >= 0x41 && b <= 0x5a;
    const alnum = (b >= 0x30 && b <= 0x39) || upper || (b >= 0x61 && b <= 0x7a);
    const lower = upper ? b + 0x20 : b;
    store<u8>(ASCII_LOWER + b, lower);
    store<u8>(ALNUM_LOWER + b, alnum ? lower : 0);
    store<u8>(BYTE_CLASS + b, b >= 0x80 ? HIGH : alnum ? ALNUM : b == 0x27 ? APOS : SEP);
  }
}

/**
 * Starts an empty table (and scanner) in the heap, reusing the memory of the
 * previous one: an instance is reused for table after table by one thread.
 * The code point cache stays (it depends on Unicode, not on the text).
 */
export function reset(initialSlots: i32, initialArenaBytes: i32): void {
  heapTop = HEAP_START;
  inputArea = 0;
  inputCap = 0;
  carryLen = 0;
  size = 0;
  arenaUsed = 0;
  totalWords = 0;
  invalidUtf8 = 0;
  tooLongBytes = 0;
  slots = alloc(<i64>initialSlots << 4);
  hashes = alloc(<i64>initialSlots << 2);
  memory.fill(slots, 0, initialSlots << 4);
  mask = initialSlots - 1;
  arenaCap = initialArenaBytes;
  arena = alloc(<i64>arenaCap);
  carryCap = 256;
  carry = alloc(<i64>carryCap);
}

/** Where the caller writes the next `len` bytes to feed. */
export function inputAt(len: i32): i32 {
  if (len > inputCap) {
    inputCap = max(len, 1 << 16);
    inputArea = alloc(<i64>inputCap);
  }
  return inputArea;
}

export function getTwoByteWordTable(): i32 { return TWO_BYTE_WORD; }
export function getSlots(): i32 { return slots; }
export function getCapacity(): i32 { return mask + 1; }
export function getArena(): i32 { return arena; }
export function getArenaUsed(): i32 { return arenaUsed; }
export function getSize(): i32 { return size; }
export function getTotalWords(): f64 { return totalWords; }
export function getInvalidUtf8(): i32 { return invalidUtf8; }
export function getTooLongBytes(): i32 { return tooLongBytes; }

// --- Scanning ---------------------------------------------------------------------
/** Scans input bytes [0, len) written at `inputAt(len)`. Returns OK or TOO_LONG. */
export function feed(len: i32): i32 {
  let start = inputArea;
  const end = inputArea + len;
  if (carryLen > 0) {
    const runEnd = wordRunEnd(start, end);
    if (!appendCarry(start, runEnd - start)) return TOO_LONG;
    if (runEnd == end) return OK;
    if (flushCarry() == TOO_LONG) return TOO_LONG;
    start = runEnd;
  }
  const open = scanBlock(start, end);
  if (open == TOO_LONG) return TOO_LONG;
  if (open != NO_OPEN_WORD && !appendCarry(open, end - open)) return TOO_LONG;
  return OK;
}

/** Ends the input: counts a word still open at the end. */
export function finish(): i32 {
  return carryLen > 0 ? flushCarry() : OK;
}

/**
 * Counts every word that ends inside [start, end) (addresses) and returns
 * where a word still open at `end` starts, NO_OPEN_WORD, or TOO_LONG. An
 * apostrophe at `end` counts as open: the next block decides.
 */
function scanBlock(start: i32, end: i32): i32 {
  let words = 0;
  let i = start;
  while (i < end) {
    let b: i32 = load<u8>(i);
    let cls: i32 = load<u8>(BYTE_CLASS + b);
    // Separators, and apostrophes not inside a word.
    while (cls <= APOS) {
      if (++i >= end) {
        totalWords += <f64>words;
        return NO_OPEN_WORD;
      }
      b = load<u8>(i);
      cls = load<u8>(BYTE_CLASS + b);
    }
    const wordStart = i;
    let h: u32 = FNV_OFFSET;
    let tail: i32 = 0;
    let cp: i32 = 0;
    let n: i32 = 1;
    while (true) {
      // The ASCII fast path: most bytes of English text go round this loop only.
      if (cls == ALNUM) {
        let lower: i32 = b | 0x20;
        do {
          h = (h ^ <u32>lower) * FNV_PRIME;
          tail = (tail << 8) | lower;
          if (++i >= end) {
            totalWords += <f64>words;
            return wordStart;
          }
          b = load<u8>(i);
          lower = load<u8>(ALNUM_LOWER + b);
        } while (lower != 0);
        cls = load<u8>(BYTE_CLASS + b);
      }
      if (cls == HIGH) {
        // Two-byte sequences (Latin accents, Greek, Cyrillic…) are decoded inline.
        const b1: i32 = i + 1 < end ? load<u8>(i + 1) : 0;
        if (b >= 0xc2 && b < 0xe0 && (b1 & 0xc0) == 0x80) {
          cp = ((b & 0x1f) << 6) | (b1 & 0x3f);
          n = 2;
          if (load<u8>(TWO_BYTE_WORD + cp) == 1) {
            h = (((h ^ <u32>b) * FNV_PRIME) ^ <u32>b1) * FNV_PRIME;
            tail = (tail << 16) | (b << 8) | b1;
            i += 2;
            if (i >= end) {
              totalWords += <f64>words;
              return wordStart;
            }
            b = load<u8>(i);
            cls = load<u8>(BYTE_CLASS + b);
            continue;
          }
        } else {
          cp = decodeAt(i, end);
          n = sequenceLength(cp);
        }
        if (cp >= 0 && isWordCodePoint(cp)) {
          for (let k = i; k < i + n; k++) {
            const byte: i32 = load<u8>(k);
            h = (h ^ <u32>byte) * FNV_PRIME;
            tail = (tail << 8) | byte;
          }
          i += n;
          if (i >= end) {
            totalWords += <f64>words;
            return wordStart;
          }
          b = load<u8>(i);
          cls = load<u8>(BYTE_CLASS + b);
          continue;
        }
        if (cp != RIGHT_SINGLE_QUOTE || i == wordStart) break;
      } else if (cls != APOS) {
        break;
      } else {
        n = 1;
      }
      // An apostrophe (n bytes at i) stays only if a word code point follows it.
      const next = i + n;
      if (next >= end) {
        totalWords += <f64>words;
        return wordStart;
      }
      if (!isWordAt(next, end)) break;
      for (let k = i; k < next; k++) {
        const byte: i32 = load<u8>(k);
        h = (h ^ <u32>byte) * FNV_PRIME;
        tail = (tail << 8) | byte;
      }
      i = next;
      b = load<u8>(i);
      cls = load<u8>(BYTE_CLASS + b);
    }
    if (i > wordStart) {
      if (i - wordStart > maxWordBytes) {
        tooLongBytes = i - wordStart;
        return TOO_LONG;
      }
      add(wordStart, i - wordStart, h, tail);
      words++;
    } else {
      // A non-word code point (symbol, emoji, U+2019 outside a word) or an invalid byte.
      if (cp < 0) invalidUtf8 = 1;
      i += n;
    }
  }
  totalWords += <f64>words;
  return NO_OPEN_WORD;
}

/**
 * Counts the carried word. The carry holds only word code points and
 * apostrophes, and its word has ended: scanning it followed by a space
 * counts it (and any words its apostrophes split off) by the same rules.
 */
function flushCarry(): i32 {
  if (!reserveCarry(1)) return TOO_LONG;
  store<u8>(carry + carryLen, 0x20);
  const len = carryLen + 1;
  carryLen = 0;
  return scanBlock(carry, carry + len) == TOO_LONG ? TOO_LONG : OK;
}

function reserveCarry(extra: i32): bool {
  const need = carryLen + extra;
  if (need > maxWordBytes + 1) {
    tooLongBytes = need;
    return false;
  }
  if (need > carryCap) {
    const cap = max(need, carryCap * 2);
    const next = alloc(<i64>cap);
    memory.copy(next, carry, carryLen);
    carry = next;
    carryCap = cap;
  }
  return true;
}

function appendCarry(from: i32, len: i32): bool {
  if (!reserveCarry(len)) return false;
  memory.copy(carry + carryLen, from, len);
  carryLen += len;
  return true;
}

/** Is the code point at `i` a word code point (L, M or N)? */
function isWordAt(i: i32, end: i32): bool {
  const b: i32 = load<u8>(i);
  if (b < 0x80) return load<u8>(BYTE_CLASS + b) == ALNUM;
  const cp = decodeAt(i, end);
  return cp >= 0 && isWordCodePoint(cp);
}

/** End of the run of word code points and apostrophes that starts at `i`. */
function wordRunEnd(i: i32, end: i32): i32 {
  while (i < end) {
    const b: i32 = load<u8>(i);
    if (b < 0x80) {
      if (load<u8>(BYTE_CLASS + b) == ALNUM || b == 0x27) {
        i++;
        continue;
      }
      return i;
    }
    const cp = decodeAt(i, end);
    if (cp != RIGHT_SINGLE_QUOTE && (cp < 0 || !isWordCodePoint(cp))) return i;
    i += sequenceLength(cp);
  }
  return end;
}

function isWordCodePoint(cp: i32): bool {
  if (cp < 0x10000) {
    const known: i32 = load<u8>(BMP_CLASS + cp);
    if (known != 0) return known == 1;
    const word = askIsWordCodePoint(cp);
    store<u8>(BMP_CLASS + cp, word != 0 ? 1 : 2);
    return word != 0;
  }
  return askIsWordCodePoint(cp) != 0;
}

// --- UTF-8 (WHATWG validity: no overlongs, no surrogates, nothing past U+10FFFF) ---
/** Decoded code point at `i`, or -1 if the sequence there is invalid. */
function decodeAt(i: i32, end: i32): i32 {
  const b0: i32 = load<u8>(i);
  if (b0 < 0xc2 || b0 > 0xf4) return -1;
  if (b0 < 0xe0) {
    if (i + 1 >= end) return -1;
    const b1: i32 = load<u8>(i + 1);
    if ((b1 & 0xc0) != 0x80) return -1;
    return ((b0 & 0x1f) << 6) | (b1 & 0x3f);
  }
  if (b0 < 0xf0) {
    if (i + 2 >= end) return -1;
    const b1: i32 = load<u8>(i + 1);
    const b2: i32 = load<u8>(i + 2);
    const lo = b0 == 0xe0 ? 0xa0 : 0x80;
    const hi = b0 == 0xed ? 0x9f : 0xbf;
    if (b1 < lo || b1 > hi || (b2 & 0xc0) != 0x80) return -1;
    return ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
  }
  if (i + 3 >= end) return -1;
  const b1: i32 = load<u8>(i + 1);
  const b2: i32 = load<u8>(i + 2);
  const b3: i32 = load<u8>(i + 3);
  const lo = b0 == 0xf0 ? 0x90 : 0x80;
  const hi = b0 == 0xf4 ? 0x8f : 0xbf;
  if (b1 < lo || b1 > hi || (b2 & 0xc0) != 0x80 || (b3 & 0xc0) != 0x80) return -1;
  return ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
}

/** Bytes taken by the code point (1 for an invalid byte). */
function sequenceLength(cp: i32): i32 {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

// --- The word table -------------------------------------------------------------------
/** Spreads FNV-1a's weak low bits before they pick a slot (murmur3 fmix32). */
@inline
function finalizeHash(h: u32): u32 {
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  return h ^ (h >> 16);
}

/** Compares all but the last four bytes of a key (the tail already matched); `src` is lowercased on the fly. */
@inline
function headEquals(keyAt: i32, src: i32, len: i32): bool {
  for (let k = 0; k < len; k++) {
    if (load<u8>(keyAt + k) != load<u8>(ASCII_LOWER + <i32>load<u8>(src + k))) return false;
  }
  return true;
}

/** Counts one occurrence of the word at `src` (`len` bytes); `hash` is FNV-1a over its key, `tail` its last four key bytes. */
function add(src: i32, len: i32, hash: u32, tail: i32): void {
  const h = finalizeHash(hash);
  let slot = <i32>h & mask;
  while (true) {
    const base = slots + (slot << 4);
    const keyLen = load<i32>(base, 4);
    if (keyLen == 0) {
      insert(slot, h, src, len, tail, 1);
      return;
    }
    if (keyLen == len && load<i32>(base) == tail && (len <= 4 || headEquals(arena + load<i32>(base, 8), src, len - 4))) {
      const count = load<u32>(base, 12) + 1;
      if (count == SPILL_AT) addToCount(base, 1);
      else store<u32>(base, count, 12);
      return;
    }
    slot = (slot + 1) & mask;
  }
}

/** Where the key `key` (`len` bytes, already a key: ASCII lowercased) is, or -1. Its hash and tail go to `probeHash`/`probeTail`. */
let probeHash: u32 = 0;
let probeTail: i32 = 0;
function find(key: i32, len: i32): i32 {
  let hash = FNV_OFFSET;
  let tail = 0;
  for (let k = 0; k < len; k++) {
    const byte: i32 = load<u8>(ASCII_LOWER + <i32>load<u8>(key + k));
    hash = (hash ^ <u32>byte) * FNV_PRIME;
    tail = (tail << 8) | byte;
  }
  const h = finalizeHash(hash);
  probeHash = h;
  probeTail = tail;
  let slot = <i32>h & mask;
  while (true) {
    const base = slots + (slot << 4);
    const keyLen = load<i32>(base, 4);
    if (keyLen == 0) return -1 - slot;
    if (keyLen == len && load<i32>(base) == tail && (len <= 4 || headEquals(arena + load<i32>(base, 8), key, len - 4))) return base;
    slot = (slot + 1) & mask;
  }
}

/**
 * The merge path: adds `count(i)` for the i-th of the '\n'-separated keys in
 * input bytes [0, len), counts read as f64 from `countsAt`. One call per partial.
 */
export function addKeys(len: i32, countsAt: i32): void {
  const end = inputArea + len;
  let start = inputArea;
  let index = 0;
  for (let i = inputArea; i <= end; i++) {
    if (i < end && load<u8>(i) != 0x0a) continue;
    const n = load<f64>(countsAt + (index << 3));
    index++;
    const keyLen = i - start;
    const found = find(start, keyLen);
    if (found >= 0) addToCount(found, n);
    else insert(-1 - found, probeHash, start, keyLen, probeTail, n);
    start = i + 1;
  }
}

/** Address of the slot holding the key at input bytes [0, len) (already a key), or -1. */
export function findKey(len: i32): i32 {
  const found = find(inputArea, len);
  return found >= 0 ? found : -1;
}

function addToCount(base: i32, n: f64): void {
  const count = <f64>load<u32>(base, 12) + n;
  if (count < <f64>SPILL_AT) {
    store<u32>(base, <u32>count, 12);
    return;
  }
  spill(load<i32>(base, 8), count);
  store<u32>(base, 0, 12);
}

function insert(slot: i32, h: u32, src: i32, len: i32, tail: i32, count: f64): void {
  if (arenaUsed + len > arenaCap) growArena(len);
  const offset = arenaUsed;
  const to = arena + offset;
  for (let k = 0; k < len; k++) store<u8>(to + k, load<u8>(ASCII_LOWER + <i32>load<u8>(src + k)));
  arenaUsed += len;
  const base = slots + (slot << 4);
  store<u32>(hashes + (slot << 2), h);
  store<i32>(base, tail);
  store<i32>(base, len, 4);
  store<i32>(base, offset, 8);
  store<u32>(base, 0, 12);
  addToCount(base, count);
  // Keep the load factor under one half so probe runs stay short.
  if (++size * 2 > mask + 1) rehash((mask + 1) * 2);
}

function growArena(extra: i32): void {
  const cap = max(<i64>arenaCap * 2, <i64>arenaUsed + extra);
  const next = alloc(cap);
  memory.copy(next, arena, arenaUsed);
  arena = next;
  arenaCap = <i32>cap;
}

function rehash(slotCount: i32): void {
  const oldSlots = slots;
  const oldHashes = hashes;
  const oldCount = mask + 1;
  const newSlots = alloc(<i64>slotCount << 4);
  const newHashes = alloc(<i64>slotCount << 2);
  memory.fill(newSlots, 0, slotCount << 4);
  const newMask = slotCount - 1;
  for (let from = 0; from < oldCount; from++) {
    const ob = oldSlots + (from << 4);
    if (load<i32>(ob, 4) == 0) continue;
    const h = load<u32>(oldHashes + (from << 2));
    let slot = <i32>h & newMask;
    while (load<i32>(newSlots + (slot << 4), 4) != 0) slot = (slot + 1) & newMask;
    const nb = newSlots + (slot << 4);
    memory.copy(nb, ob, 16);
    store<u32>(newHashes + (slot << 2), h);
  }
  slots = newSlots;
  hashes = newHashes;
  mask = newMask;
}
