/**
 * The table's keys and counts packed for a counts file or a partial result:
 * the keys joined by '\n' (no key holds one), and apart from them one
 * little-endian f64 count per key in the same order. JavaScript
 * writes both straight from memory: no copy per key on its side, where a view
 * and a `set` per few-byte key cost several times the bytes.
 */
import { alloc } from './heap';
import { getArena, getArenaUsed, getOrder, getSize, getSlots, NON_ASCII } from './table';

let packedKeyBytes: i32 = 0;
let packedCounts: i32 = 0;

export function getPackedKeyBytes(): i32 { return packedKeyBytes; }
export function getPackedCounts(): i32 { return packedCounts; }

let packedKeys: i32 = 0;

export function getPackedKeys(): i32 { return packedKeys; }

/**
 * Packs every key (as `order` lists them), or with `asciiOnly` the ASCII keys
 * only (a counts file of final words takes the rest normalized, from
 * JavaScript), and returns how many; `getPackedKeys`, `getPackedKeyBytes` and
 * `getPackedCounts` say where they are.
 */
export function packKeys(asciiOnly: i32): i32 {
  const size = getSize();
  const order = getOrder();
  const slots = getSlots();
  const arena = getArena();
  // Room for every key: the keys, a separator each, and a count each.
  const room = (getArenaUsed() + size + 7) & ~7;
  const keysAt = alloc(<i64>room + (<i64>size << 3));
  const countsAt = keysAt + room;
  let at = keysAt;
  let n = 0;
  for (let k = 0; k < size; k++) {
    const entry = load<i32>(order + (k << 2));
    if (asciiOnly != 0 && (entry & NON_ASCII) != 0) continue;
    const base = slots + ((entry & ~NON_ASCII) << 4);
    const len = load<i32>(base, 4);
    if (n > 0) store<u8>(at++, 0x0a);
    memory.copy(at, arena + load<i32>(base, 8), len);
    at += len;
    store<f64>(countsAt + (n << 3), <f64>load<u32>(base, 12));
    n++;
  }
  packedKeys = keysAt;
  packedKeyBytes = at - keysAt;
  packedCounts = countsAt;
  return n;
}
