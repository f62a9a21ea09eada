/**
 * The word-rule tokenizer (docs/word-rules.md): UTF-8 bytes in any number of `feed`
 * calls, each word counted into a `WordTable` with no string and no copy per
 * word. The state machine itself runs in WebAssembly
 * (workers/wasm/assembly/scanner.ts); this class copies each block into
 * the instance's memory and turns its status codes into errors.
 *
 * Contract: a `feed` call must not end inside a UTF-8 sequence unless it is
 * the last (read-range cuts blocks accordingly). A word may span calls.
 */
import { completeSequenceEnd } from './utf8.ts';
import { TOO_LONG } from './word-count-wasm.ts';
import { WordTable } from './word-table.ts';
import { WordTooLongError } from './word-too-long.ts';

/** Larger inputs are fed in pieces of about this size, so the copy in the instance stays small. */
const PIECE_BYTES = 1 << 20;

export class WordScanner {
  readonly table: WordTable;

  /** `afterPiece` runs after each piece the module scans (and after `finish`): the sentence events are read there. */
  constructor(table: WordTable = new WordTable(), private readonly afterPiece?: () => void) {
    this.table = table;
  }

  get totalWords(): number {
    return this.table.wasm.getTotalWords();
  }

  get invalidUtf8(): boolean {
    return this.table.wasm.getInvalidUtf8() !== 0;
  }

  feed(input: Uint8Array, start = 0, end = input.length): void {
    while (end - start > PIECE_BYTES) {
      // Cut where no UTF-8 sequence is split, as the contract asks of every feed but the last.
      const cut = start + completeSequenceEnd(input.subarray(start, start + PIECE_BYTES), PIECE_BYTES);
      this.feedPiece(input, start, cut);
      start = cut;
    }
    this.feedPiece(input, start, end);
  }

  /** Ends the input: counts a word still open at the end. */
  finish(): WordTable {
    if (this.table.wasm.finish() === TOO_LONG) throw new WordTooLongError(this.table.wasm.getTooLongBytes());
    this.afterPiece?.();
    return this.table;
  }

  private feedPiece(input: Uint8Array, start: number, end: number): void {
    const wasm = this.table.wasm;
    const len = end - start;
    const at = wasm.inputAt(len);
    new Uint8Array(wasm.memory.buffer, at, len).set(input.subarray(start, end));
    if (wasm.feed(len) === TOO_LONG) throw new WordTooLongError(wasm.getTooLongBytes());
    this.afterPiece?.();
  }
}
