/**
 * A word table's distinct final words (word rule 3) read from its key bytes:
 * ASCII keys are final words already (the scanner lowercased them), so only
 * non-ASCII keys become strings, normalized one each as `WordTable.toCounts`
 * does. Several keys can meet in one final word (`Éclair` and `éclair`), and a
 * normalized key can meet an ASCII key (the Kelvin sign and `k`, `o’clock` and
 * `o'clock`): `folded` holds those, their count being the sum of both.
 */
import { normalizeWord, type WordTable } from './word-table.ts';

export interface NormalizedKeys {
  /** Final words of the non-ASCII keys, with their summed counts (plus the ASCII key's, when folded). */
  words: Map<string, number>;
  /** Words of `words` that are also an ASCII key of the table. */
  folded: Set<string>;
}

const ASCII = /^[\x00-\x7f]*$/;

/** Call after the table's non-ASCII keys were collected in `words` (one string each). */
export function foldAsciiKeys(table: WordTable, words: Map<string, number>): NormalizedKeys {
  const folded = new Set<string>();
  for (const [word, count] of words) {
    if (!ASCII.test(word)) continue;
    const asAscii = table.countOf(Buffer.from(word, 'latin1'));
    if (asAscii === 0) continue;
    folded.add(word);
    words.set(word, count + asAscii);
  }
  return { words, folded };
}

/**
 * The table's distinct final words as UTF-8 joined by '\n', and how many there
 * are: the `terms` stage of a corpus `keywords` run. ASCII keys are copied as bytes.
 */
export function distinctWords(table: WordTable): { words: Uint8Array; count: number } {
  let out: Buffer | undefined;
  let at = 0;
  let ascii = 0;
  const normalized = new Map<string, number>();
  table.forEachKey((keys, start, len, count, isAscii) => {
    if (!isAscii) {
      const word = normalizeWord(keys.toString('utf8', start, start + len));
      normalized.set(word, (normalized.get(word) ?? 0) + count);
      return;
    }
    // Every key and a separator each fit: the arena holds each key once.
    out ??= Buffer.allocUnsafe(keys.length + table.size);
    if (ascii > 0) out[at++] = 0x0a;
    for (let k = start, end = start + len; k < end; k++) out[at++] = keys[k]!;
    ascii++;
  });
  const { words, folded } = foldAsciiKeys(table, normalized);
  const rest = [...words.keys()].filter((w) => !folded.has(w));
  const tail = rest.length === 0 ? '' : `${at > 0 ? '\n' : ''}${rest.join('\n')}`;
  // Exactly its bytes: a view of a larger buffer would send all of that buffer to the main thread.
  const joined = new Uint8Array(at + Buffer.byteLength(tail, 'utf8'));
  if (out !== undefined) joined.set(out.subarray(0, at));
  Buffer.from(joined.buffer).write(tail, at, 'utf8');
  return { words: joined, count: ascii + rest.length };
}
