/**
 * Word rules 3–5 read straight from a word table: the number of distinct
 * final words and the top N, without a Map of every word. ASCII keys are
 * final words already (the scanner lowercased them), so a string is made only
 * for the few ASCII keys the module picks as candidates for the top (see
 * `WordTable.forEachCandidate`); non-ASCII keys are normalized one string
 * each, as `WordTable.toCounts` does. On 1.2 M distinct words this took
 * ~0.1 s where a Map took ~0.9 s (bench/micro/merge.ts); on a book it is a
 * fraction of a millisecond.
 */
import type { TopWord } from '../../src/protocol.ts';
import { TopWords } from './top-words.ts';
import { normalizeWord, type WordTable } from './word-table.ts';

export interface FinalWords {
  uniqueWords: number;
  top: TopWord[];
}

/**
 * `normalizedOut`, when given, receives the final word and count of every
 * non-ASCII key (keys that meet in one word summed; before any is folded into
 * an ASCII key of the same word): with the table's ASCII keys, every final
 * word of the table, for a counts file of final words.
 */
export function finalWords(table: WordTable, n: number, stopwords: ReadonlySet<string>, normalizedOut?: Map<string, number>): FinalWords {
  if (table.keysFinal) return finalWordsAsKeys(table, n, stopwords);
  // Non-ASCII keys, normalized: several can become one word (`Éclair`, `éclair`), and one can
  // become an ASCII word that is also an ASCII key (the Kelvin sign and `k`). ASCII keys: only
  // those that could rank among the n + |stopwords| most frequent; one that cannot is beaten
  // by at least n words that are not stopwords, so it cannot be in the top n.
  const normalized = normalizedOut ?? new Map<string, number>();
  const asciiCandidates: TopWord[] = [];
  const asciiKeys = table.forEachCandidate(n > 0 ? n + stopwords.size : 0, (keys, start, len, count, ascii) => {
    if (ascii) {
      asciiCandidates.push({ word: keys.toString('latin1', start, start + len), count });
      return;
    }
    const word = normalizeWord(keys.toString('utf8', start, start + len));
    normalized.set(word, (normalized.get(word) ?? 0) + count);
  });
  // Words that are both an ASCII key and a normalized one: counted once, offered once, with both counts.
  const folded = new Map<string, number>();
  for (const [word, count] of normalized) {
    if (!/^[\x00-\x7f]*$/.test(word)) continue;
    const asAscii = table.countOf(Buffer.from(word, 'latin1'));
    if (asAscii === 0) continue;
    folded.set(word, count + asAscii);
  }

  const top = new TopWords(n, stopwords);
  for (const { word, count } of asciiCandidates) if (!folded.has(word)) top.offer(word, count);
  for (const [word, count] of normalized) top.offer(word, folded.get(word) ?? count);
  return { uniqueWords: asciiKeys + normalized.size - folded.size, top: top.words };
}

/** A table of final words: each key is one word, and only keys whose count could rank are read out. */
function finalWordsAsKeys(table: WordTable, n: number, stopwords: ReadonlySet<string>): FinalWords {
  const top = new TopWords(n, stopwords);
  const uniqueWords = table.forEachCandidate(n > 0 ? n + stopwords.size : 0, (keys, start, len, count, ascii) => {
    top.offer(keys.toString(ascii ? 'latin1' : 'utf8', start, start + len), count);
  });
  return { uniqueWords, top: top.words };
}
