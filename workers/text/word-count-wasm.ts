/**
 * Loads the WebAssembly word counter (workers/wasm/assembly/word-count.ts,
 * compiled by `npm run build:wasm`). The module is compiled once per thread;
 * a word table is an instance of it with its own memory (reused: word-table.ts).
 */
import { readFileSync } from 'node:fs';
import { TooManyWordsError } from './too-many-words.ts';
import { isWordCodePoint, TWO_BYTE_WORD } from './unicode-class.ts';

/** The module's exports (see its source for what each does). */
export interface WordCountExports {
  memory: WebAssembly.Memory;
  init(maxWordBytes: number): void;
  reset(initialSlots: number, initialArenaBytes: number): void;
  inputAt(len: number): number;
  feed(len: number): number;
  finish(): number;
  addKeys(keysAt: number, len: number, countsAt: number): void;
  findKey(keyAt: number, len: number): number;
  countAtRank(rank: number, allKeys: number): number;
  getAsciiKeys(): number;
  selectKeys(minCount: number, allKeys: number): number;
  packKeys(asciiOnly: number, from: number, maxKeyBytes: number): number;
  getPackedNext(): number;
  getPackedKeys(): number;
  getPackedKeyBytes(): number;
  getPackedCounts(): number;
  getSelected(): number;
  getTwoByteWordTable(): number;
  getSlots(): number;
  getCapacity(): number;
  getArena(): number;
  getArenaUsed(): number;
  getSize(): number;
  getTotalWords(): number;
  getInvalidUtf8(): number;
  getTooLongBytes(): number;
  track(record: number): void;
  getClosedSentences(): number;
  getFirstPieceWords(): number;
  getOpenWords(): number;
  getPieceStart(): number;
  getCodePoints(): number;
  getLineBreaks(): number;
  getLastByte(): number;
  getEvents(): number;
  getEventCount(): number;
  clearEvents(): void;
  streamWords(): void;
  getStream(): number;
  getStreamLength(): number;
  clearStream(): void;
}

/** `feed` and `finish` return this when a word passed the length limit (`getTooLongBytes` says how long). */
export const TOO_LONG = -2;

let compiled: WebAssembly.Module | undefined;

function wordCountModule(): WebAssembly.Module {
  if (compiled) return compiled;
  const url = new URL('../wasm/word-count.wasm', import.meta.url);
  let bytes: Buffer;
  try {
    bytes = readFileSync(url);
  } catch (error) {
    throw new Error(`${url.pathname} is missing: run \`npm run build\` (it compiles the WebAssembly word counter)`, { cause: error });
  }
  compiled = new WebAssembly.Module(bytes);
  return compiled;
}

/**
 * An instance with the thread's answers loaded. `spill` receives counts that
 * outgrow a slot (a key's arena offset and the amount) for whichever table
 * the instance holds at the time.
 */
export interface WordCountInstance {
  readonly exports: WordCountExports;
  spill: (offset: number, amount: number) => void;
}

export function instantiateWordCount(maxWordBytes: number): WordCountInstance {
  const holder: WordCountInstance = {
    exports: undefined as unknown as WordCountExports,
    spill: () => {},
  };
  const instance = new WebAssembly.Instance(wordCountModule(), {
    wordmill: {
      isWordCodePoint,
      spill: (offset: number, amount: number) => holder.spill(offset, amount),
      heapFull: (bytes: number) => {
        throw new TooManyWordsError(bytes);
      },
    },
  });
  const exports = instance.exports as unknown as WordCountExports;
  exports.init(maxWordBytes);
  // The two-byte classification table, which JavaScript computes with a Unicode regex.
  new Uint8Array(exports.memory.buffer, exports.getTwoByteWordTable(), TWO_BYTE_WORD.length).set(TWO_BYTE_WORD);
  (holder as { exports: WordCountExports }).exports = exports;
  return holder;
}
