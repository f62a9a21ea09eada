/**
 * A bump heap above the fixed tables: the input area, the carry, the slots
 * and the arena. A table that grows moves to fresh memory and leaves its old
 * space behind; `resetHeap` empties the heap for the next table.
 *
 * Addresses stay below 2 GiB, so every address is a positive i32 here and a
 * plain number in JavaScript. A table that would need more (tens of millions
 * of distinct words in one job) is refused through `heapFull`, which throws.
 */
import { HEAP_START } from './memory-map';

const HEAP_LIMIT: i64 = (<i64>1 << 31) - 0x10000;

/** Throws in JavaScript (TooManyWordsError): the table needs `bytes` more than one instance holds. */
@external("wordmill", "heapFull")
declare function heapFull(bytes: f64): void;

let heapTop: i32 = HEAP_START;

export function resetHeap(): void {
  heapTop = HEAP_START;
}

export function alloc(bytes: i64): i32 {
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
export function reserve(end: i32): void {
  const have = <i32>memory.size() << 16;
  if (end <= have) return;
  const pages = (end - have + 0xffff) >>> 16;
  const room = <i32>((HEAP_LIMIT + 8 - <i64>have) >> 16);
  if (memory.grow(min(max(pages, <i32>memory.size()), room)) >= 0) return;
  if (memory.grow(pages) >= 0) return;
  heapFull(<f64>end);
  unreachable();
}
