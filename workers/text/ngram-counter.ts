/**
 * Counting word n-grams (n consecutive words, joined by one space: words
 * never contain one) that neither start nor end with a stopword, and the
 * cross-chunk step: the n-grams that span a cut are formed from the words
 * carried over from earlier chunks and the next chunk's first words.
 */

export function countNgrams(words: readonly string[], n: number, stopwords: ReadonlySet<string>, into = new Map<string, number>()): Map<string, number> {
  for (let i = 0; i + n <= words.length; i++) {
    if (stopwords.has(words[i]!) || stopwords.has(words[i + n - 1]!)) continue;
    const key = words.slice(i, i + n).join(' ');
    into.set(key, (into.get(key) ?? 0) + 1);
  }
  return into;
}

/**
 * Walks chunks in order. `carry` holds the last n-1 words seen so far; with
 * at most n-1 carried words and at most n-1 head words, every n-window of
 * carry+head spans the cut, so none is counted twice, and a chunk shorter
 * than n-1 words passes its words on in the carry.
 */
export class BoundaryJoiner {
  private carry: string[] = [];

  constructor(
    private readonly n: number,
    private readonly stopwords: ReadonlySet<string>,
    private readonly into: Map<string, number>,
  ) {}

  add(chunk: { head: readonly string[]; tail: readonly string[] }): void {
    if (this.carry.length > 0 && chunk.head.length > 0) countNgrams([...this.carry, ...chunk.head], this.n, this.stopwords, this.into);
    const keep = this.n - 1;
    this.carry = [...this.carry, ...chunk.tail].slice(-keep);
  }
}

/** The first and last n-1 words of a chunk (all of them when it has fewer). */
export function chunkEdges(words: readonly string[], n: number): { head: string[]; tail: string[] } {
  return { head: words.slice(0, n - 1), tail: words.slice(Math.max(0, words.length - (n - 1))) };
}
