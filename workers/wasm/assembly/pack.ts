/**
 * The table's keys and counts packed for a counts file or a partial result:
 * the keys joined by '\n' (no key holds one), then, at the next multiple of
 * eight, one little-endian f64 count per key in the same order. JavaScript
 * writes both straight from memory: no copy per key on its side, where a view
 * and a `set` per few-byte key cost several times the bytes.
 */
import { alloc } from './heap';
import { getArena, getArenaUsed, getOrder, getSize, getSlots, NON_ASCII } from './table';

let packedKeyBytes: i32 = 0;
let packedCounts: i32 = 0;

export function getPackedKeyBytes(): i32 { return packedKeyBytes; }
export function getPackedCounts(): i32 { return packedCounts; }

/** Packs every key (as `order` lists them) and returns where the keys start; `getPackedCounts` says where the counts do. */
export function packKeys(): i32 {
  const size = getSize();
  const order = getOrder();
  const slots = getSlots();
  const arena = getArena();
  const keyBytes = size > 0 ? getArenaUsed() + size - 1 : 0;
  const keysAt = alloc(<i64>((keyBytes + 7) & ~7) + (<i64>size << 3));
  const countsAt = keysAt + ((keyBytes + 7) & ~7);
  let at = keysAt;
  for (let k = 0; k < size; k++) {
    const base = slots + ((load<i32>(order + (k << 2)) & ~NON_ASCII) << 4);
    const len = load<i32>(base, 4);
    if (k > 0) store<u8>(at++, 0x0a);
    memory.copy(at, arena + load<i32>(base, 8), len);
    at += len;
    store<f64>(countsAt + (k << 3), <f64>load<u32>(base, 12));
  }
  // Zero the padding up to the counts: the file holds it as written.
  for (; at < countsAt; at++) store<u8>(at, 0);
  packedKeyBytes = keyBytes;
  packedCounts = countsAt;
  return keysAt;
}
