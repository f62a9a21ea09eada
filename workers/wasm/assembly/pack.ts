/**
 * The table's keys and counts packed for a counts file or a partial result:
 * the keys joined by '\n' (no key holds one), and apart from them one
 * little-endian f64 count per key in the same order. JavaScript
 * writes both straight from memory: no copy per key on its side, where a view
 * and a `set` per few-byte key cost several times the bytes. A large table
 * is packed a piece at a time into one reused area, so it is never all
 * copied at once.
 */
import { alloc } from './heap';
import { getArena, getArenaUsed, getOrder, getSize, getSlots, NON_ASCII } from './table';

let packedKeyBytes: i32 = 0;
let packedCounts: i32 = 0;
let packedKeys: i32 = 0;
let packedNext: i32 = 0;
/** The area pieces are packed into, reused while they fit. */
let area: i32 = 0;
let areaCap: i64 = 0;

export function getPackedKeyBytes(): i32 { return packedKeyBytes; }
export function getPackedCounts(): i32 { return packedCounts; }
export function getPackedKeys(): i32 { return packedKeys; }
/** The entry of `order` the next piece starts at (the table's size once every key is packed). */
export function getPackedNext(): i32 { return packedNext; }

/** Forgets the area: the heap under it is reset. */
export function resetPack(): void {
  area = 0;
  areaCap = 0;
}

/**
 * Packs the keys `order` lists from its `from`-th entry on (with `asciiOnly`
 * the ASCII keys only: a counts file of final words takes the rest
 * normalized, from JavaScript), as many as fit in `maxKeyBytes` joined (one
 * at least), and returns how many; `getPackedKeys`, `getPackedKeyBytes`,
 * `getPackedCounts` say where they are and `getPackedNext` where to go on.
 */
export function packKeys(asciiOnly: i32, from: i32, maxKeyBytes: i32): i32 {
  const size = getSize();
  const order = getOrder();
  const slots = getSlots();
  const arena = getArena();
  // Where this piece ends, and the room it needs: every key left when they all fit, as a whole table is packed.
  let end = size;
  let room: i64 = <i64>getArenaUsed() + size;
  if (room > <i64>maxKeyBytes) {
    room = 0;
    end = from;
    while (end < size) {
      const entry = load<i32>(order + (end << 2));
      const len = load<i32>(slots + ((entry & ~NON_ASCII) << 4), 4);
      if (room > 0 && room + len > <i64>maxKeyBytes) break;
      room += len + 1;
      end++;
    }
  }
  const keysRoom = (room + 7) & ~7;
  const need = keysRoom + (<i64>(end - from) << 3);
  if (need > areaCap) {
    area = alloc(need);
    areaCap = need;
  }
  const countsAt = area + <i32>keysRoom;
  let at = area;
  let n = 0;
  for (let k = from; k < end; k++) {
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
  packedKeys = area;
  packedKeyBytes = at - area;
  packedCounts = countsAt;
  packedNext = end;
  return n;
}
