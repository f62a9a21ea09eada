/**
 * Loads the WebAssembly word counter (workers/wasm/assembly/word-count.ts,
 * compiled by `npm run build:wasm`). The module is compiled once per thread;
 * each word table is an instance of it with its own memory.
 */
import { readFileSync } from 'node:fs';
import { isWordCodePoint, TWO_BYTE_WORD } from './unicode-class.ts';

/** The module's exports (see its source for what each does). */
export interface WordCountExports {
  memory: WebAssembly.Memory;
  init(initialSlots: number, initialArenaBytes: number, maxWordBytes: number): void;
  inputAt(len: number): number;
  feed(len: number): number;
  finish(): number;
  addKeys(len: number, countsAt: number): void;
  findKey(len: number): number;
  getTwoByteWordTable(): number;
  getSlots(): number;
  getCapacity(): number;
  getArena(): number;
  getArenaUsed(): number;
  getSize(): number;
  getTotalWords(): number;
  getInvalidUtf8(): number;
  getTooLongBytes(): number;
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

/** A fresh instance; `spill` receives counts that outgrow a slot (a key's arena offset and the amount). */
export function instantiateWordCount(spill: (offset: number, amount: number) => void): WordCountExports {
  const instance = new WebAssembly.Instance(wordCountModule(), {
    wordmill: { isWordCodePoint, spill },
  });
  return instance.exports as unknown as WordCountExports;
}

/** Writes the two-byte classification table, which JavaScript computes with a Unicode regex, into an instance. */
export function loadTwoByteTable(wasm: WordCountExports): void {
  new Uint8Array(wasm.memory.buffer, wasm.getTwoByteWordTable(), TWO_BYTE_WORD.length).set(TWO_BYTE_WORD);
}
