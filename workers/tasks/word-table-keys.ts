/**
 * A word table's keys and counts as a counts file's (counts-piece-writer.ts),
 * packed by the table's module a piece at a time into one reused area and
 * written from there: a merged table of millions of n-grams goes to disk
 * without a second copy of its keys, in WebAssembly memory or in JavaScript.
 */
import { PIECE_BYTES } from './counts-layout.ts';
import type { NgramKeys } from './ngram-counts-file.ts';
import { CountBytes } from '../text/word-table.ts';
import type { WordTable } from '../text/word-table.ts';

/** The table's keys and counts; the table must not change until they are written. */
export function wordTableKeys(table: WordTable, pieceBytes = PIECE_BYTES): NgramKeys {
  const wasm = table.wasm;
  const keys = table.size;
  return {
    keys,
    // The arena holds each key's bytes once, and nothing else.
    keyBytes: keys === 0 ? 0 : wasm.getArenaUsed() + keys - 1,
    writeTo(out) {
      if (table.hasSpills) {
        // A count past 2^30 (a 2 GB+ input of one word): its slot alone holds part of it, so the table reads itself out whole.
        const whole = table.packedKeys();
        out.keys(whole.keys, keys);
        out.counts(whole.counts);
        return;
      }
      for (let from = 0; from < keys; from = wasm.getPackedNext()) {
        const n = wasm.packKeys(0, from, pieceBytes);
        const memory = wasm.memory.buffer;
        out.keys(new Uint8Array(memory, wasm.getPackedKeys(), wasm.getPackedKeyBytes()), n);
        out.counts(new CountBytes(new Uint8Array(memory, wasm.getPackedCounts(), n * 8)));
      }
    },
  };
}
