/**
 * Baseline: what one writes in plain JavaScript without thinking about speed —
 * `toLowerCase`, split on a regex, count in a `Map`. Single thread.
 *   node --import tsx bench/baselines/plain-js.ts DIR  →  {"totalWords","uniqueWords"}
 */
import { printTotals, textPieces } from './read-text.ts';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: plain-js.ts DIR');
const counts = new Map<string, number>();
for await (const piece of textPieces(dir)) {
  for (const word of piece.toLowerCase().split(/[^\p{L}\p{M}\p{N}']+/u)) {
    if (word !== '') counts.set(word, (counts.get(word) ?? 0) + 1);
  }
}
printTotals(counts);
