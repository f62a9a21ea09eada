/**
 * The top n-grams of a tuple table, count descending, ties by the n-gram
 * string in code-point order, made strings only once chosen. Ties compare
 * tuples word by word by each word's rank in code-point order: that is the
 * strings' order because the space that joins words sorts below every
 * character a word can hold (letters, marks, numbers, U+0027), so a word that
 * is a prefix of another orders first either way.
 */
import type { NgramCount } from '../../src/protocol.ts';
import type { NgramTable } from './ngram-table.ts';
import type { NgramVocabulary } from './ngram-vocabulary.ts';
import { compareCodePoints } from './top-words.ts';

/** Each word id's position among the vocabulary's words in code-point order. */
function ranksOf(vocabulary: NgramVocabulary): Int32Array {
  const words = vocabulary.words;
  // The built-in sort orders by UTF-16 unit, which is code-point order unless a word holds a surrogate pair.
  const astral = words.some((w) => /[\ud800-\udfff]/.test(w));
  const sorted = astral ? [...words].sort(compareCodePoints) : [...words].sort();
  const ranks = new Int32Array(words.length);
  sorted.forEach((word, rank) => {
    ranks[vocabulary.idOf(word)] = rank;
  });
  return ranks;
}

export function topNgrams(table: NgramTable, vocabulary: NgramVocabulary, top: number): NgramCount[] {
  const k = Math.min(top, table.size);
  if (k <= 0) return [];
  const { n, counts, tuples } = table;
  const ranks = ranksOf(vocabulary);
  /** Whether entry a orders before entry b. */
  const before = (a: number, b: number): boolean => {
    const ca = counts[a]!;
    const cb = counts[b]!;
    if (ca !== cb) return ca > cb;
    for (let i = 0; i < n; i++) {
      const ra = ranks[tuples[a * n + i]!]!;
      const rb = ranks[tuples[b * n + i]!]!;
      if (ra !== rb) return ra < rb;
    }
    return false;
  };
  // A bounded heap whose root is the worst kept entry: most entries lose to it in one compare.
  const heap = new Int32Array(k);
  let size = 0;
  const siftDown = (at: number): void => {
    const item = heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && before(heap[child]!, heap[child + 1]!)) child++;
      if (!before(item, heap[child]!)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = item;
  };
  for (let e = 0; e < table.size; e++) {
    if (size < k) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!before(heap[parent]!, e)) break;
        heap[at] = heap[parent]!;
        at = parent;
      }
      heap[at] = e;
    } else if (before(e, heap[0]!)) {
      heap[0] = e;
      siftDown(0);
    }
  }
  const chosen = Array.from(heap).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  return chosen.map((e) => {
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(vocabulary.words[tuples[e * n + i]!]!);
    return { ngram: words.join(' '), count: counts[e]! };
  });
}
