/**
 * Counts a range's n-grams from the scanner's word stream
 * (workers/wasm/assembly/word-stream.ts): each word arrives as its key's
 * arena offset in the word table, becomes a final-word id once per key, and
 * each window of n ids that neither starts nor ends with a stopword is
 * counted in the tuple table. Also keeps the range's first and last n-1
 * words, from which the merge forms the n-grams that span its cuts.
 */
import { NgramTable } from './ngram-table.ts';
import { NgramVocabulary } from './ngram-vocabulary.ts';
import type { WordCountExports } from './word-count-wasm.ts';
import { normalizeWord } from './word-table.ts';

export class NgramStream {
  readonly vocabulary: NgramVocabulary;
  readonly table: NgramTable;
  /** The first n-1 word ids of the range (all of them when it has fewer). */
  readonly head: number[] = [];
  /** Word id + 1 by key offset; 0 for a key not met yet. */
  private idByOffset = new Int32Array(1 << 12);
  /** Arena bytes [0, known) hold keys that already have an id. */
  private known = 0;
  /** The last n-1 ids of earlier pieces, then the piece's ids. */
  private ids = new Int32Array(1 << 12);
  private carried = 0;

  constructor(private readonly n: number, stopwords: ReadonlySet<string>, expectedNgrams: number) {
    this.vocabulary = new NgramVocabulary(stopwords);
    this.table = new NgramTable(n, expectedNgrams * 2);
  }

  /** The last n-1 word ids (all of them when the range has fewer). */
  get tail(): number[] {
    return Array.from(this.ids.subarray(0, this.carried));
  }

  /** Reads and clears the module's word stream (call after each scanned piece). */
  drain(wasm: WordCountExports): void {
    const len = wasm.getStreamLength();
    if (len === 0) return;
    const offsets = new Int32Array(wasm.memory.buffer, wasm.getStream(), len);
    this.learnKeys(wasm, offsets);
    const total = this.carried + len;
    if (total > this.ids.length) {
      const grown = new Int32Array(Math.max(total, this.ids.length * 2));
      grown.set(this.ids.subarray(0, this.carried));
      this.ids = grown;
    }
    const ids = this.ids;
    const byOffset = this.idByOffset;
    for (let i = 0; i < len; i++) ids[this.carried + i] = byOffset[offsets[i]!]! - 1;
    wasm.clearStream();
    const n = this.n;
    const keep = n - 1;
    for (let i = 0; this.head.length < keep && i < len; i++) this.head.push(ids[this.carried + i]!);
    // Every window that ends in this piece (the carried ids are fewer than n, so none was counted before).
    const stop = this.vocabulary.stop;
    const table = this.table;
    for (let i = 0; i + n <= total; i++) {
      if (stop[ids[i]!] === 1 || stop[ids[i + keep]!] === 1) continue;
      table.add(ids, i, 1);
    }
    const carried = Math.min(keep, total);
    ids.copyWithin(0, total - carried, total);
    this.carried = carried;
  }

  /**
   * Gives an id to each key first met in this piece. Keys enter the arena
   * back to back in the order the stream first names them, so the new keys'
   * offsets, in stream order, are increasing, and each ends where the next
   * begins (the last where the arena's used bytes end).
   */
  private learnKeys(wasm: WordCountExports, offsets: Int32Array): void {
    const used = wasm.getArenaUsed();
    if (used === this.known) return;
    if (used > this.idByOffset.length) {
      let size = this.idByOffset.length;
      while (size < used) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.idByOffset);
      this.idByOffset = grown;
    }
    // An offset past every new key seen so far is the next new key; one at or below it names a key again.
    const starts: number[] = [];
    let last = this.known - 1;
    for (let i = 0; i < offsets.length; i++) {
      const offset = offsets[i]!;
      if (offset > last) {
        starts.push(offset);
        last = offset;
      }
    }
    const arena = Buffer.from(wasm.memory.buffer, wasm.getArena(), used);
    for (let s = 0; s < starts.length; s++) {
      const start = starts[s]!;
      const end = s + 1 < starts.length ? starts[s + 1]! : used;
      this.idByOffset[start] = this.vocabulary.idOf(finalWord(arena, start, end)) + 1;
    }
    this.known = used;
  }
}

/** The key's final word (rule 3): ASCII keys are lowercased already. */
function finalWord(arena: Buffer, start: number, end: number): string {
  for (let k = start; k < end; k++) {
    if (arena[k]! >= 0x80) return normalizeWord(arena.toString('utf8', start, end));
  }
  return arena.toString('latin1', start, end);
}
