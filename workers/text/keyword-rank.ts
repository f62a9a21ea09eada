/**
 * tf-idf's top keywords read straight from a word table (the string version,
 * workers/text/keywords-reference.ts, is what this is property-tested against).
 * ASCII keys stay bytes: their document frequency is looked up by bytes, and a
 * bounded heap keeps the n + |stopwords| best of them by score, ties by word
 * (byte order is code-point order in UTF-8); only those become strings, and
 * only their stopwords are dropped. A key that cannot reach the heap even with
 * the highest idf is not looked up at all. Non-ASCII keys are normalized one
 * string each (distinct-words.ts), scored and ranked with the ASCII winners.
 */
import type { Keyword } from '../../src/protocol.ts';
import { foldAsciiKeys } from './distinct-words.ts';
import type { TermTable } from './term-table.ts';
import { idf } from './tf-idf.ts';
import { compareCodePoints } from './top-words.ts';
import { normalizeWord, type WordTable } from './word-table.ts';

export interface KeywordCorpus {
  documents: number;
  /** Document frequency by word; none for a corpus of one (every df is 1). */
  df: TermTable | undefined;
}

interface Candidate {
  score: number;
  start: number;
  end: number;
  count: number;
  df: number;
}

export function rankKeywords(
  table: WordTable,
  totalWords: number,
  corpus: KeywordCorpus,
  stopwords: ReadonlySet<string>,
  n: number,
): { uniqueWords: number; keywords: Keyword[] } {
  const { documents, df } = corpus;
  const maxIdf = idf(documents, 1);
  const heap = new CandidateHeap(n > 0 ? n + stopwords.size : 0);
  const normalized = new Map<string, number>();
  let arena: Buffer | undefined;
  let asciiKeys = 0;
  table.forEachKey((keys, start, len, count, ascii) => {
    if (!ascii) {
      const word = normalizeWord(keys.toString('utf8', start, start + len));
      normalized.set(word, (normalized.get(word) ?? 0) + count);
      return;
    }
    asciiKeys++;
    arena = keys;
    const tf = count / totalWords;
    // Math.log is monotonic and df ≥ 1, so tf · ln(N) bounds the score from above.
    if (heap.full && tf * maxIdf < heap.worstScore) return;
    const end = start + len;
    const d = df?.get(keys, start, end) || 1;
    heap.offer(keys, { score: tf * idf(documents, d), start, end, count, df: d });
  });
  const { words, folded } = foldAsciiKeys(table, normalized);
  const scored: Keyword[] = [];
  for (const c of heap.items) {
    const word = arena!.toString('latin1', c.start, c.end);
    if (folded.has(word) || stopwords.has(word)) continue;
    scored.push({ word, count: c.count, df: c.df, score: c.score });
  }
  for (const [word, count] of words) {
    if (stopwords.has(word)) continue;
    const bytes = Buffer.from(word, 'utf8');
    const d = df?.get(bytes, 0, bytes.length) || 1;
    scored.push({ word, count, df: d, score: (count / totalWords) * idf(documents, d) });
  }
  scored.sort((a, b) => b.score - a.score || compareCodePoints(a.word, b.word));
  const keywords = scored.slice(0, n).map((k) => ({ ...k, score: Math.round(k.score * 1e8) / 1e8 }));
  return { uniqueWords: asciiKeys + words.size - folded.size, keywords };
}

/** The best `size` candidates so far; the root is the worst (lowest score, then the last word in byte order). */
class CandidateHeap {
  readonly items: Candidate[] = [];
  private keys: Buffer | undefined;

  constructor(private readonly size: number) {}

  get full(): boolean {
    return this.items.length >= this.size;
  }

  get worstScore(): number {
    return this.items[0]!.score;
  }

  offer(keys: Buffer, c: Candidate): void {
    if (this.size <= 0) return;
    this.keys = keys;
    const { items } = this;
    if (items.length < this.size) {
      items.push(c);
      this.siftUp(items.length - 1);
    } else if (this.worse(items[0]!, c)) {
      items[0] = c;
      this.siftDown(0);
    }
  }

  /** Whether `a` ranks after `b`. */
  private worse(a: Candidate, b: Candidate): boolean {
    if (a.score !== b.score) return a.score < b.score;
    return this.keys!.compare(this.keys!, b.start, b.end, a.start, a.end) > 0;
  }

  private siftUp(at: number): void {
    const { items } = this;
    const item = items[at]!;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.worse(item, items[parent]!)) break;
      items[at] = items[parent]!;
      at = parent;
    }
    items[at] = item;
  }

  private siftDown(at: number): void {
    const { items } = this;
    const item = items[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= items.length) break;
      if (child + 1 < items.length && this.worse(items[child + 1]!, items[child]!)) child++;
      if (!this.worse(items[child]!, item)) break;
      items[at] = items[child]!;
      at = child;
    }
    items[at] = item;
  }
}
