/**
 * A word table that would outgrow one WebAssembly instance (2 GiB: tens of
 * millions of distinct words in one job): refused with a code rather than
 * failing as a trap (see workers/wasm/assembly/heap.ts, `alloc`).
 */
export class TooManyWordsError extends Error {
  readonly code = 'E_TOO_MANY_WORDS';

  constructor(bytes: number) {
    super(`the word table would need ${Math.round(bytes / 2 ** 20)} MiB, past the 2 GiB one job can hold: too many distinct words; split the input into smaller files`);
  }
}
