import { MAX_WORD_BYTES } from '../../src/protocol.ts';

/** A run of word code points longer than MAX_WORD_BYTES: not text we count (see protocol.ts). */
export class WordTooLongError extends Error {
  readonly code = 'E_WORD_TOO_LONG';

  constructor(bytes: number) {
    super(`a word of more than ${MAX_WORD_BYTES} bytes (${bytes} and counting) with no separator: not natural-language text`);
  }
}
