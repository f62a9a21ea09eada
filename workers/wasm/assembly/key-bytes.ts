/**
 * A key is a word's bytes with ASCII A–Z lowercased. The table hashes and
 * compares keys straight from the text, eight bytes at a time, lowercasing
 * them on the way (SWAR), rather than byte by byte as the scanner reads: a
 * word's bytes are still in the cache when it ends.
 *
 * Reads go up to seven bytes past a key's end; every area the keys live in
 * (input, carry, arena, partial keys) is heap memory, and the heap keeps
 * slack above its top (heap.ts), so no read leaves memory. The bytes past
 * the end are masked off before they count.
 */

const K: u64 = 0x9e3779b97f4a7c15;
const LOW7: u64 = 0x7f7f7f7f7f7f7f7f;
const HIGH1: u64 = 0x8080808080808080;

/** The eight bytes with A–Z lowercased; bytes past 0x7f unchanged. */
@inline
export function lower8(w: u64): u64 {
  const low = w & LOW7;
  // Per byte: bit 7 set when the low seven bits are >= 'A', and when they are > 'Z'.
  const fromA = low + 0x3f3f3f3f3f3f3f3f;
  const pastZ = low + 0x2525252525252525;
  const upper = fromA & ~pastZ & ~w & HIGH1;
  return w | (upper >> 2);
}

/** The `n` (1–8) low bytes of the eight at `at`, without a branch. */
@inline
function partial8(at: i32, n: i32): u64 {
  return load<u64>(at) & (<u64>-1 >> (<u64>(8 - n) << 3));
}

/** The key's first four bytes (zero-padded when shorter), little-endian. */
@inline
export function keyHead(src: i32, len: i32): u32 {
  return len <= 0 ? 0 : <u32>lower8(partial8(src, min(len, 4)));
}

/**
 * A 32-bit hash of the key of the `len` bytes at `src`; its low bits pick the slot. Keys of up to
 * eight bytes (nearly every word) take one multiply-and-fold with no loop, so no branch depends on the length.
 */
export function hashKey(src: i32, len: i32): u32 {
  let h: u64 = <u64>len * K;
  if (len <= 0) return <u32>h;
  let k = 0;
  for (; k + 8 < len; k += 8) {
    h = (h ^ lower8(load<u64>(src + k))) * K;
    h ^= h >> 32;
  }
  h = (h ^ lower8(partial8(src + k, len - k))) * K;
  // Fold the high half (which every input bit reaches) down, and mix once more.
  h ^= h >> 32;
  h *= 0xc4ceb9fe1a85ec53;
  return <u32>(h >> 32);
}

/** Does the key at `keyAt` (already lowercased) equal the key of the `len` bytes at `src`? */
export function keysEqual(keyAt: i32, src: i32, len: i32): bool {
  let k = 0;
  for (; k + 8 < len; k += 8) {
    if (load<u64>(keyAt + k) != lower8(load<u64>(src + k))) return false;
  }
  return partial8(keyAt + k, len - k) == lower8(partial8(src + k, len - k));
}
