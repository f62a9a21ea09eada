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
 * The best `n` non-stopwords offered so far, kept sorted: most words lose to
 * the current worst in one compare.
 */
export class TopWords {
  private readonly best: TopWord[] = [];

  constructor(private readonly n: number, private readonly stopwords: ReadonlySet<string>) {}

  offer(word: string, count: number): void {
    const { best, n } = this;
    if (n <= 0) return;
    if (best.length === n) {
      const worst = best[n - 1]!;
      if (count < worst.count || (count === worst.count && compareCodePoints(word, worst.word) > 0)) return;
    }
    if (this.stopwords.has(word)) return;
    const item = { word, count };
    let pos = best.length;
    while (pos > 0 && compareTopWords(item, best[pos - 1]!) < 0) pos--;
    best.splice(pos, 0, item);
    if (best.length > n) best.pop();
  }

  get words(): TopWord[] {
    return this.best;
  }
}

export function selectTop(counts: ReadonlyMap<string, number>, n: number, stopwords: ReadonlySet<string>): TopWord[] {
  const top = new TopWords(n, stopwords);
  for (const [word, count] of counts) top.offer(word, count);
  return top.words;
}
