/**
 * The read-out of a finished table for the final words: which keys JavaScript
 * must turn into strings. Every non-ASCII key (it needs normalizing), and of
 * the ASCII keys only those whose count could rank among the most frequent;
 * on a book that is a few hundred keys of thousands, so the JavaScript side
 * no longer walks every slot or makes a string per key.
 */
import { alloc } from './heap';
import { inputAt } from './scanner';
import { getOrder, getSize, getSlots, NON_ASCII } from './table';

/** What `countAtRank` returns for a rank of 0: no ASCII key is wanted. */
const NONE: i32 = 0x7fffffff;

let asciiKeys: i32 = 0;
let selected: i32 = 0;

export function getAsciiKeys(): i32 { return asciiKeys; }
export function getSelected(): i32 { return selected; }

/**
 * The `rank`-th largest count among the ASCII keys (NONE for a rank of 0, 0
 * when there are fewer keys than that), counting the ASCII keys on the way
 * (`getAsciiKeys`). With `allKeys`, every key counts as ASCII ones do: a
 * table of final words (normalized already) needs no key read out for normalizing. A min-heap of the `rank` largest counts: most keys lose
 * to its root in one compare.
 */
export function countAtRank(rank: i32, allKeys: i32): i32 {
  const slots = getSlots();
  const order = getOrder();
  const size = getSize();
  const heap = rank > 0 ? alloc(<i64>rank << 2) : 0;
  let filled = 0;
  asciiKeys = 0;
  for (let k = 0; k < size; k++) {
    const entry = load<i32>(order + (k << 2));
    if ((entry & NON_ASCII) != 0 && allKeys == 0) continue;
    asciiKeys++;
    if (rank <= 0) continue;
    const count = load<i32>(slots + ((entry & ~NON_ASCII) << 4), 12);
    if (filled < rank) {
      let i = filled++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const above = load<i32>(heap + (parent << 2));
        if (above <= count) break;
        store<i32>(heap + (i << 2), above);
        i = parent;
      }
      store<i32>(heap + (i << 2), count);
    } else if (count > load<i32>(heap)) {
      let i = 0;
      while (true) {
        let child = 2 * i + 1;
        if (child >= rank) break;
        let smaller = load<i32>(heap + (child << 2));
        if (child + 1 < rank) {
          const right = load<i32>(heap + ((child + 1) << 2));
          if (right < smaller) {
            child++;
            smaller = right;
          }
        }
        if (smaller >= count) break;
        store<i32>(heap + (i << 2), smaller);
        i = child;
      }
      store<i32>(heap + (i << 2), count);
    }
  }
  if (rank <= 0) return NONE;
  return filled < rank ? 0 : load<i32>(heap);
}

/**
 * Writes the slot addresses of every non-ASCII key and of the ASCII keys
 * counted at least `minCount` times (at `getSelected()`, in the input area:
 * the scan is over) and returns how many. With `allKeys`, non-ASCII keys are
 * picked by their count too.
 */
export function selectKeys(minCount: i32, allKeys: i32): i32 {
  const slots = getSlots();
  const order = getOrder();
  const size = getSize();
  const out = inputAt(max(size << 2, 4));
  let found = 0;
  for (let k = 0; k < size; k++) {
    const entry = load<i32>(order + (k << 2));
    const base = slots + ((entry & ~NON_ASCII) << 4);
    if (((entry & NON_ASCII) != 0 && allKeys == 0) || load<i32>(base, 12) >= minCount) {
      store<i32>(out + (found << 2), base);
      found++;
    }
  }
  selected = out;
  return found;
}
