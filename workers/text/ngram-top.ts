/**
 * The top n-grams of a tuple table, count descending, ties by the n-gram
 * string in code-point order, made strings only once chosen.
 *
 * The k-th count is found from a histogram of counts; every entry above it
 * is in. Among the entries tied at it, the first by string are taken: as
 * strings when they are few, else by comparing tuples word by word by each
 * word's rank in code-point order. That is the strings' order because the
 * space that joins words sorts below every character a word can hold
 * (letters, marks, numbers, U+0027), so a word that is a prefix of another
 * orders first either way.
 */
import type { NgramCount } from '../../src/protocol.ts';
import type { NgramTable } from './ngram-table.ts';
import type { NgramVocabulary } from './ngram-vocabulary.ts';
import { compareCodePoints } from './top-words.ts';

/** Up to this many tied entries are ordered as strings; more, by word ranks (one sort of the vocabulary). */
const TIES_AS_STRINGS = 1 << 14;

export function topNgrams(table: NgramTable, vocabulary: NgramVocabulary, top: number): NgramCount[] {
  const k = Math.min(top, table.size);
  if (k <= 0) return [];
  const counts = table.counts;
  const cutoff = kthCount(counts, table.size, k);
  const chosen: number[] = [];
  const tied: number[] = [];
  for (let e = 0; e < table.size; e++) {
    const c = counts[e]!;
    if (c > cutoff) chosen.push(e);
    else if (c === cutoff) tied.push(e);
  }
  const room = k - chosen.length;
  const text = (e: number): string => ngramText(table, vocabulary, e);
  if (tied.length <= room) chosen.push(...tied);
  else if (tied.length <= TIES_AS_STRINGS) chosen.push(...firstAsStrings(tied, room, text));
  else chosen.push(...firstByRanks(table, vocabulary, tied, room));
  return chosen
    .map((e) => ({ ngram: text(e), count: counts[e]! }))
    .sort((a, b) => b.count - a.count || compareCodePoints(a.ngram, b.ngram));
}

/** The k-th largest of counts[0 .. size), from a histogram of the distinct counts. */
function kthCount(counts: Float64Array, size: number, k: number): number {
  const histogram = new Map<number, number>();
  for (let e = 0; e < size; e++) histogram.set(counts[e]!, (histogram.get(counts[e]!) ?? 0) + 1);
  const values = [...histogram.keys()].sort((a, b) => b - a);
  let seen = 0;
  for (const value of values) {
    seen += histogram.get(value)!;
    if (seen >= k) return value;
  }
  return values[values.length - 1]!;
}

function ngramText(table: NgramTable, vocabulary: NgramVocabulary, e: number): string {
  const words: string[] = [];
  for (let i = 0; i < table.n; i++) words.push(vocabulary.words[table.tuples[e * table.n + i]!]!);
  return words.join(' ');
}

function firstAsStrings(entries: readonly number[], m: number, text: (e: number) => string): number[] {
  return entries
    .map((e) => ({ e, s: text(e) }))
    .sort((a, b) => compareCodePoints(a.s, b.s))
    .slice(0, m)
    .map((x) => x.e);
}

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

/** The first `m` entries by rank tuple, in a bounded heap whose root is the last kept: most entries lose to it in one compare. */
function firstByRanks(table: NgramTable, vocabulary: NgramVocabulary, entries: readonly number[], m: number): number[] {
  const { n, tuples } = table;
  const ranks = ranksOf(vocabulary);
  const before = (a: number, b: number): boolean => {
    for (let i = 0; i < n; i++) {
      const ra = ranks[tuples[a * n + i]!]!;
      const rb = ranks[tuples[b * n + i]!]!;
      if (ra !== rb) return ra < rb;
    }
    return false;
  };
  const heap = new Int32Array(m);
  let size = 0;
  for (const e of entries) {
    let at: number;
    if (size < m) {
      at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!before(heap[parent]!, e)) break;
        heap[at] = heap[parent]!;
        at = parent;
      }
      heap[at] = e;
      continue;
    }
    if (!before(e, heap[0]!)) continue;
    at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && before(heap[child]!, heap[child + 1]!)) child++;
      if (!before(e, heap[child]!)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = e;
  }
  return Array.from(heap);
}
