/**
 * The word table: open addressing over 16-byte slots (the key's last four
 * bytes `tail`, key length with 0 for an empty slot, arena offset, count), an
 * arena of key bytes (ASCII lowercased), and each slot's hash beside them for
 * growth. workers/text/word-table.ts reads slots and arena out of memory.
 */
import { alloc } from './heap';
import { ASCII_LOWER } from './memory-map';

/** Counts are u32 in the slot; past this they are handed to JavaScript (`spill`). */
const SPILL_AT: u32 = 1 << 30;
export const FNV_OFFSET: u32 = 0x811c9dc5;
export const FNV_PRIME: u32 = 0x01000193;

/** Adds `amount` to the count JavaScript keeps beside the slot whose key starts at `offset`. */
@external("wordmill", "spill")
declare function spill(offset: i32, amount: f64): void;

let slots: i32 = 0;
/** Each slot's finalized hash, read only when the table grows. */
let hashes: i32 = 0;
/**
 * The slot index of every key (in no set order), with NON_ASCII set for a key
 * that has a byte past 0x7f: read-outs walk keys, not empty slots. The flag
 * is also kept in the top bit of the slot's hash, which never picks a slot
 * (tables stay far below 2^31 slots), so growth can carry it.
 */
let order: i32 = 0;
export const NON_ASCII: i32 = 1 << 31;
let mask: i32 = 0;
let arena: i32 = 0;
let arenaCap: i32 = 0;
let arenaUsed: i32 = 0;
let size: i32 = 0;

/** An empty table in fresh heap memory (after `resetHeap`). */
export function resetTable(initialSlots: i32, initialArenaBytes: i32): void {
  size = 0;
  arenaUsed = 0;
  slots = alloc(<i64>initialSlots << 4);
  hashes = alloc(<i64>initialSlots << 2);
  order = alloc(<i64>orderEntries(initialSlots) << 2);
  memory.fill(slots, 0, initialSlots << 4);
  mask = initialSlots - 1;
  arenaCap = initialArenaBytes;
  arena = alloc(<i64>arenaCap);
}

export function getSlots(): i32 { return slots; }
export function getOrder(): i32 { return order; }

/** A table holds at most half its slots, plus the key whose insert makes it grow. */
@inline
function orderEntries(slotCount: i32): i32 {
  return (slotCount >> 1) + 1;
}
export function getCapacity(): i32 { return mask + 1; }
export function getArena(): i32 { return arena; }
export function getArenaUsed(): i32 { return arenaUsed; }
export function getSize(): i32 { return size; }

/**
 * Counts one occurrence of the word at `src` (`len` bytes); `hash` is FNV-1a over its key, `tail` its
 * last four key bytes. Returns the key's arena offset, which names the key for as long as the table lives.
 */
export function add(src: i32, len: i32, hash: u32, tail: i32): i32 {
  const h = finalizeHash(hash);
  const found = probe(src, len, h, tail);
  if (found < 0) {
    const offset = arenaUsed;
    insert(-1 - found, h, src, len, tail, 1);
    return offset;
  }
  const count = load<u32>(found, 12) + 1;
  if (count == SPILL_AT) addToCount(found, 1);
  else store<u32>(found, count, 12);
  return load<i32>(found, 8);
}

/**
 * The merge path: adds `count(i)` for the i-th of the '\n'-separated keys in
 * [keysAt, keysAt + len), counts read as f64 from `countsAt`. One call per partial.
 */
export function addKeys(keysAt: i32, len: i32, countsAt: i32): void {
  const end = keysAt + len;
  let start = keysAt;
  let index = 0;
  for (let i = keysAt; i <= end; i++) {
    if (i < end && load<u8>(i) != 0x0a) continue;
    const n = load<f64>(countsAt + (index << 3));
    index++;
    const keyLen = i - start;
    const h = finalizeHash(keyHash(start, keyLen));
    const tail = keyTail(start, keyLen);
    const found = probe(start, keyLen, h, tail);
    if (found >= 0) addToCount(found, n);
    else insert(-1 - found, h, start, keyLen, tail, n);
    start = i + 1;
  }
}

/** Address of the slot holding the key at [keyAt, keyAt + len) (already a key), or -1. */
export function findKey(keyAt: i32, len: i32): i32 {
  const found = probe(keyAt, len, finalizeHash(keyHash(keyAt, len)), keyTail(keyAt, len));
  return found >= 0 ? found : -1;
}

/** The slot holding the key of the word at `src`, or -1 - the empty slot where it would go. */
@inline
function probe(src: i32, len: i32, h: u32, tail: i32): i32 {
  let slot = <i32>h & mask;
  while (true) {
    const base = slots + (slot << 4);
    const keyLen = load<i32>(base, 4);
    if (keyLen == 0) return -1 - slot;
    if (keyLen == len && load<i32>(base) == tail && (len <= 4 || headEquals(arena + load<i32>(base, 8), src, len - 4))) return base;
    slot = (slot + 1) & mask;
  }
}

/** FNV-1a over the key of the word at `src` (as the scanner hashes it while it reads). */
function keyHash(src: i32, len: i32): u32 {
  let hash = FNV_OFFSET;
  for (let k = 0; k < len; k++) hash = (hash ^ <u32>load<u8>(ASCII_LOWER + <i32>load<u8>(src + k))) * FNV_PRIME;
  return hash;
}

/** The key's last four bytes, packed big-endian (as the scanner packs them while it reads). */
function keyTail(src: i32, len: i32): i32 {
  let tail = 0;
  for (let k = max(0, len - 4); k < len; k++) tail = (tail << 8) | <i32>load<u8>(ASCII_LOWER + <i32>load<u8>(src + k));
  return tail;
}

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
  let bytesOr: i32 = 0;
  for (let k = 0; k < len; k++) {
    const byte: i32 = load<u8>(ASCII_LOWER + <i32>load<u8>(src + k));
    store<u8>(to + k, byte);
    bytesOr |= byte;
  }
  arenaUsed += len;
  const base = slots + (slot << 4);
  const flag = bytesOr >= 0x80 ? NON_ASCII : 0;
  store<u32>(hashes + (slot << 2), (h & ~(<u32>NON_ASCII)) | <u32>flag);
  store<i32>(base, tail);
  store<i32>(base, len, 4);
  store<i32>(base, offset, 8);
  store<u32>(base, 0, 12);
  store<i32>(order + (size << 2), slot | flag);
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
  const newOrder = alloc(<i64>orderEntries(slotCount) << 2);
  memory.fill(newSlots, 0, slotCount << 4);
  const newMask = slotCount - 1;
  // Old slots in slot order (a sequential read, which matters for tables past the caches); the
  // new order lists keys in that order: read-outs need every key once, in no particular order.
  let k = 0;
  for (let from = 0; from < oldCount; from++) {
    const ob = oldSlots + (from << 4);
    if (load<i32>(ob, 4) == 0) continue;
    const h = load<u32>(oldHashes + (from << 2));
    let slot = <i32>h & newMask;
    while (load<i32>(newSlots + (slot << 4), 4) != 0) slot = (slot + 1) & newMask;
    memory.copy(newSlots + (slot << 4), ob, 16);
    store<u32>(newHashes + (slot << 2), h);
    store<i32>(newOrder + (k << 2), slot | (<i32>h & NON_ASCII));
    k++;
  }
  slots = newSlots;
  hashes = newHashes;
  order = newOrder;
  mask = newMask;
}
