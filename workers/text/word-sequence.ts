/**
 * Words in order, by the word rules (docs/word-rules.md), over a decoded string: the
 * string references of the tasks that need sequence (n-grams, sentences) use
 * this, while the tasks themselves run on the byte scanner; a test holds both
 * to the same counts.
 */

import { MAX_WORD_BYTES } from '../../src/protocol.ts';
import { WordTooLongError } from './word-too-long.ts';

/** Rule 2: runs of L/M/N code points, joined by an apostrophe that has such a code point on each side. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019][\p{L}\p{M}\p{N}]+)*/gu;
const ASCII = /^[\x00-\x7f]*$/;

/** Rule 3: lowercase, NFC, U+2019 → U+0027 (ASCII words need only the first). */
export function normalizeWord(raw: string): string {
  const lower = raw.toLowerCase();
  return ASCII.test(lower) ? lower : lower.normalize('NFC').replaceAll('\u2019', "'");
}

export function wordSequence(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(WORD)) {
    // UTF-16 length ≥ UTF-8 bytes / 3: a cheap bound before the exact count.
    if (match[0].length * 3 > MAX_WORD_BYTES && Buffer.byteLength(match[0]) > MAX_WORD_BYTES) {
      throw new WordTooLongError(Buffer.byteLength(match[0]));
    }
    words.push(normalizeWord(match[0]));
  }
  return words;
}

/** Code points in a string (astral letters count once). */
export function codePointLength(word: string): number {
  let n = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}
