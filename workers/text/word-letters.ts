/**
 * Code points of every word occurrence in a word table: each key's final
 * word (rule 3 may change its length) times its count. The stats task's
 * average word length is this over the words; a corpus merge reports it so
 * the corpus's average is exact too.
 */
import { codePointLength } from './word-sequence.ts';
import { normalizeWord, type WordTable } from './word-table.ts';

export function lettersOf(table: WordTable): number {
  let letters = 0;
  table.forEachKey((keys, start, len, count, ascii) => {
    letters += count * (ascii ? len : codePointLength(normalizeWord(keys.toString('utf8', start, start + len))));
  });
  return letters;
}
