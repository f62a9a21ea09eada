/**
 * The word-rule tokenizer (design §1) as a byte-level state machine. It reads
 * UTF-8 bytes in any number of `feed` calls (a word may span two calls; a
 * call must not end inside a UTF-8 sequence unless it is the last) and counts
 * each word into a `WordTable` without building a string per word.
 *
 * ASCII bytes take a table lookup each; other bytes are decoded to a code
 * point and classified (cached) by `isWordCodePoint`.
 */
import { decodeAt, sequenceLength } from './utf8.ts';
import { isWordCodePoint } from './unicode-class.ts';
import { FNV_OFFSET, FNV_PRIME, WordTable } from './word-table.ts';

const SEP = 0;
const LETTER = 1;
const APOSTROPHE = 2;

const ASCII_CLASS = new Uint8Array(128);
const ASCII_LOWER = new Uint8Array(128);
for (let b = 0; b < 128; b++) {
  ASCII_LOWER[b] = b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
  const alnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
  ASCII_CLASS[b] = alnum ? LETTER : b === 0x27 ? APOSTROPHE : SEP;
}

const RIGHT_SINGLE_QUOTE = 0x2019;
const APOSTROPHE_BYTE = 0x27;

export class WordScanner {
  readonly table: WordTable;
  totalWords = 0;
  invalidUtf8 = false;

  private word: Uint8Array = new Uint8Array(256);
  private len = 0;
  private hash = FNV_OFFSET;
  private nonAscii = false;
  /** An apostrophe was appended and waits for a word code point to stay. */
  private pending = false;
  private hashBeforeApostrophe = 0;

  constructor(table: WordTable = new WordTable()) {
    this.table = table;
  }

  feed(buf: Uint8Array, start = 0, end = buf.length): void {
    let word = this.word;
    let len = this.len;
    let hash = this.hash;
    let pending = this.pending;
    let i = start;
    while (i < end) {
      const b = buf[i]!;
      if (b < 0x80) {
        const cls = ASCII_CLASS[b]!;
        if (cls === LETTER) {
          if (len >= word.length - 4) word = this.growWord(len);
          const lower = ASCII_LOWER[b]!;
          word[len++] = lower;
          hash = Math.imul(hash ^ lower, FNV_PRIME);
          pending = false;
        } else if (cls === APOSTROPHE && len > 0 && !pending) {
          if (len >= word.length - 4) word = this.growWord(len);
          this.hashBeforeApostrophe = hash;
          word[len++] = APOSTROPHE_BYTE;
          hash = Math.imul(hash ^ APOSTROPHE_BYTE, FNV_PRIME);
          pending = true;
        } else if (len > 0) {
          if (pending) {
            len--;
            hash = this.hashBeforeApostrophe;
          }
          this.emit(word, len, hash);
          len = 0;
          hash = FNV_OFFSET;
          pending = false;
        }
        i++;
        continue;
      }
      const cp = decodeAt(buf, i, end);
      const n = sequenceLength(cp);
      if (cp === RIGHT_SINGLE_QUOTE && len > 0 && !pending) {
        // Rule 3 maps U+2019 to U+0027; doing it now keeps `o’clock` ASCII.
        if (len >= word.length - 4) word = this.growWord(len);
        this.hashBeforeApostrophe = hash;
        word[len++] = APOSTROPHE_BYTE;
        hash = Math.imul(hash ^ APOSTROPHE_BYTE, FNV_PRIME);
        pending = true;
      } else if (cp >= 0 && isWordCodePoint(cp)) {
        if (len >= word.length - 4) word = this.growWord(len);
        for (let k = 0; k < n; k++) {
          const byte = buf[i + k]!;
          word[len++] = byte;
          hash = Math.imul(hash ^ byte, FNV_PRIME);
        }
        this.nonAscii = true;
        pending = false;
      } else {
        if (cp < 0) this.invalidUtf8 = true;
        if (len > 0) {
          if (pending) {
            len--;
            hash = this.hashBeforeApostrophe;
          }
          this.emit(word, len, hash);
          len = 0;
          hash = FNV_OFFSET;
          pending = false;
        }
      }
      i += n;
    }
    this.len = len;
    this.hash = hash;
    this.pending = pending;
  }

  /** Ends the input: counts a word still open at the end. */
  finish(): WordTable {
    let len = this.len;
    let hash = this.hash;
    if (len > 0) {
      if (this.pending) {
        len--;
        hash = this.hashBeforeApostrophe;
      }
      this.emit(this.word, len, hash);
    }
    this.len = 0;
    this.hash = FNV_OFFSET;
    this.pending = false;
    return this.table;
  }

  private emit(word: Uint8Array, len: number, hash: number): void {
    this.table.add(word, len, hash, this.nonAscii);
    this.totalWords++;
    this.nonAscii = false;
  }

  private growWord(len: number): Uint8Array {
    const next = new Uint8Array(this.word.length * 2);
    next.set(this.word.subarray(0, len));
    this.word = next;
    return next;
  }
}
