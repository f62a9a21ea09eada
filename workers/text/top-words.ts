/**
 * Word rule 5: the N most frequent non-stopwords, count descending, ties by
 * word in code-point order.
 */
import type { TopWord } from '../../src/protocol.ts';

/** Orders strings by code point (JS `<` orders by UTF-16 unit, which differs past U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800–DFFF) encode code points above every BMP unit: move them up.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

export function compareTopWords(a: TopWord, b: TopWord): number {
  return b.count - a.count || compareCodePoints(a.word, b.word);
}

/**
 * The best `n` non-stopwords offered so far, in a bounded heap whose root is
 * the worst of them: most words lose to the root in one compare, and one that
 * enters costs O(log n), so a large `top` stays cheap (a sorted list paid a
 * splice per entry).
 */
export class TopWords {
  /** Binary heap: every item is worse than (ordered after) neither of its children. */
  private readonly heap: TopWord[] = [];

  constructor(private readonly n: number, private readonly stopwords: ReadonlySet<string>) {}

  offer(word: string, count: number): void {
    const { heap, n } = this;
    if (n <= 0) return;
    const full = heap.length === n;
    if (full) {
      const worst = heap[0]!;
      if (count < worst.count || (count === worst.count && compareCodePoints(word, worst.word) > 0)) return;
    }
    if (this.stopwords.has(word)) return;
    const item = { word, count };
    if (full) {
      heap[0] = item;
      this.siftDown(0);
    } else {
      heap.push(item);
      this.siftUp(heap.length - 1);
    }
  }

  /** The kept words, best first. */
  get words(): TopWord[] {
    return [...this.heap].sort(compareTopWords);
  }

  private siftUp(at: number): void {
    const { heap } = this;
    const item = heap[at]!;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (compareTopWords(heap[parent]!, item) >= 0) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = item;
  }

  private siftDown(at: number): void {
    const { heap } = this;
    const item = heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && compareTopWords(heap[child + 1]!, heap[child]!) > 0) child++;
      if (compareTopWords(heap[child]!, item) <= 0) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = item;
  }
}

export function selectTop(counts: ReadonlyMap<string, number>, n: number, stopwords: ReadonlySet<string>): TopWord[] {
  const top = new TopWords(n, stopwords);
  for (const [word, count] of counts) top.offer(word, count);
  return top.words;
}
