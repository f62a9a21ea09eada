/**
 * Baseline: natural's WordTokenizer in a loop (loaded as its own submodule, not
 * natural's index, which costs ~0.7 s and runs dotenv). It is ASCII-only, so
 * its counts differ from the word rules; it is here for speed only.
 *   node --import tsx bench/baselines/natural-tokenizer.ts DIR
 */
import { createRequire } from 'node:module';
import { printTotals, textPieces } from './read-text.ts';

interface Tokenizer {
  tokenize(text: string): string[];
}
const require = createRequire(import.meta.url);
const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer') as { WordTokenizer: new () => Tokenizer };

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: natural-tokenizer.ts DIR');
const tokenizer = new WordTokenizer();
const counts = new Map<string, number>();
for await (const piece of textPieces(dir)) {
  for (const token of tokenizer.tokenize(piece)) {
    const word = token.toLowerCase();
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
}
printTotals(counts);
