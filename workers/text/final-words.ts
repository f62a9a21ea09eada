/**
 * Word rules 3–5 read straight from a word table: the number of distinct
 * final words and the top N, without a Map of every word. ASCII keys are
 * final words already (the scanner lowercased them), so a string is made only
 * for an ASCII key whose count could enter the top; non-ASCII keys are
 * normalized one string each, as `WordTable.toCounts` does. On 1.2 M
 * distinct words this takes ~0.1 s where the Map took ~0.9 s
 * (bench/micro/merge.ts).
 */
import type { TopWord } from '../../src/protocol.ts';
import { TopWords } from './top-words.ts';
import { normalizeWord, type WordTable } from './word-table.ts';

export interface FinalWords {
  uniqueWords: number;
  top: TopWord[];
}

export function finalWords(table: WordTable, n: number, stopwords: ReadonlySet<string>): FinalWords {
  // Non-ASCII keys, normalized: several can become one word (`Éclair`, `éclair`), and one can
  // become an ASCII word that is also an ASCII key (the Kelvin sign and `k`).
  const normalized = new Map<string, number>();
  let asciiKeys = 0;
  table.forEachKey((keys, start, len, count) => {
    if (isAscii(keys, start, start + len)) {
      asciiKeys++;
      return;
    }
    const word = normalizeWord(keys.toString('utf8', start, start + len));
    normalized.set(word, (normalized.get(word) ?? 0) + count);
  });
  // Words that are both an ASCII key and a normalized one: counted once, offered once, with both counts.
  const folded = new Set<string>();
  for (const [word, count] of normalized) {
    if (!/^[\x00-\x7f]*$/.test(word)) continue;
    const asAscii = table.countOf(Buffer.from(word, 'latin1'));
    if (asAscii === 0) continue;
    folded.add(word);
    normalized.set(word, count + asAscii);
  }

  const top = new TopWords(n, stopwords);
  table.forEachKey((keys, start, len, count) => {
    if (!top.admits(count) || !isAscii(keys, start, start + len)) return;
    const word = keys.toString('latin1', start, start + len);
    if (!folded.has(word)) top.offer(word, count);
  });
  for (const [word, count] of normalized) top.offer(word, count);
  return { uniqueWords: asciiKeys + normalized.size - folded.size, top: top.words };
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (bytes[k]! >= 0x80) return false;
  return true;
}
