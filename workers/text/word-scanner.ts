/**
 * The word-rule tokenizer (design §1) as a byte-level state machine. It reads
 * UTF-8 bytes in any number of `feed` calls and counts each word into a
 * `WordTable` straight from the input buffer: no string and no copy per word.
 *
 * Contract: a `feed` call must not end inside a UTF-8 sequence unless it is
 * the last (read-range cuts blocks accordingly). A word may span calls: its
 * bytes so far are kept in a small carry buffer and counted once it ends —
 * the only place bytes are copied, once per block at most.
 *
 * ASCII bytes cost one class-table load each; other bytes are decoded to a
 * code point and classified (cached) by `isWordCodePoint`.
 */
import { ALNUM, ALNUM_LOWER, APOS, BYTE_CLASS, HIGH } from './byte-class.ts';
import { isWordCodePoint, TWO_BYTE_WORD } from './unicode-class.ts';
import { decodeAt, sequenceLength } from './utf8.ts';
import { FNV_OFFSET, FNV_PRIME, WordTable } from './word-table.ts';
import { WordTooLongError } from './word-too-long.ts';
import { MAX_WORD_BYTES } from '../../src/protocol.ts';

const RIGHT_SINGLE_QUOTE = 0x2019;
const SPACE = 0x20;

export class WordScanner {
  readonly table: WordTable;
  totalWords = 0;
  invalidUtf8 = false;

  /** Bytes of a word still open at the end of the last feed (`carryLen` of them). */
  private carry = new Uint8Array(256);
  private carryLen = 0;

  constructor(table: WordTable = new WordTable()) {
    this.table = table;
  }

  feed(input: Uint8Array, start = 0, end = input.length): void {
    // One element kind and one map in the hot loop: a Buffer would make it polymorphic.
    const buf = input.constructor === Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (this.carryLen > 0) {
      const runEnd = wordRunEnd(buf, start, end);
      this.appendCarry(buf, start, runEnd);
      if (runEnd === end) return;
      this.flushCarry();
      start = runEnd;
    }
    const open = this.scanBlock(buf, start, end);
    if (open >= 0) this.appendCarry(buf, open, end);
  }

  /** Ends the input: counts a word still open at the end. */
  finish(): WordTable {
    if (this.carryLen > 0) this.flushCarry();
    return this.table;
  }

  /**
   * Counts every word that ends inside `[start, end)` and returns where a word
   * still open at `end` starts (or -1). An apostrophe at `end` counts as open:
   * the next block decides whether it stands between two word code points.
   */
  private scanBlock(buf: Uint8Array, start: number, end: number): number {
    // Imported bindings are module cells that V8 re-reads and checks on every use, even in
    // optimized code; locals stay in registers. Measured with bench/micro/scanner.ts: English
    // 131 → 153 MB/s, Russian/Greek-like 135 → 146 MB/s.
    const byteClass = BYTE_CLASS;
    const alnumLower = ALNUM_LOWER;
    const twoByteWord = TWO_BYTE_WORD;
    const prime = FNV_PRIME;
    const offsetBasis = FNV_OFFSET;
    const alnum = ALNUM;
    const high = HIGH;
    const apos = APOS;
    const maxWordBytes = MAX_WORD_BYTES;
    const table = this.table;
    let words = 0;
    let i = start;
    outer: while (i < end) {
      let b = buf[i]!;
      let cls = byteClass[b]!;
      // Separators, and apostrophes not inside a word.
      while (cls <= apos) {
        if (++i >= end) break outer;
        b = buf[i]!;
        cls = byteClass[b]!;
      }
      const wordStart = i;
      let h = offsetBasis;
      let tail = 0;
      let cp = 0;
      let n = 1;
      for (;;) {
        // The ASCII fast path: most bytes of English text go round this loop only.
        if (cls === alnum) {
          let lower = b | 0x20;
          do {
            h = Math.imul(h ^ lower, prime);
            tail = (tail << 8) | lower;
            if (++i >= end) {
              this.totalWords += words;
              return wordStart;
            }
            b = buf[i]!;
            lower = alnumLower[b]!;
          } while (lower !== 0);
          cls = byteClass[b]!;
        }
        if (cls === high) {
          // Two-byte sequences (Latin accents, Greek, Cyrillic…) are decoded inline.
          const b1 = i + 1 < end ? buf[i + 1]! : 0;
          if (b >= 0xc2 && b < 0xe0 && (b1 & 0xc0) === 0x80) {
            cp = ((b & 0x1f) << 6) | (b1 & 0x3f);
            n = 2;
            if (twoByteWord[cp] === 1) {
              h = Math.imul(Math.imul(h ^ b, prime) ^ b1, prime);
              tail = (tail << 16) | (b << 8) | b1;
              i += 2;
              if (i >= end) {
                this.totalWords += words;
                return wordStart;
              }
              b = buf[i]!;
              cls = byteClass[b]!;
              continue;
            }
          } else {
            cp = decodeAt(buf, i, end);
            n = sequenceLength(cp);
          }
          if (cp >= 0 && isWordCodePoint(cp)) {
            for (let k = i; k < i + n; k++) {
              const byte = buf[k]!;
              h = Math.imul(h ^ byte, prime);
              tail = (tail << 8) | byte;
            }
            i += n;
            if (i >= end) {
              this.totalWords += words;
              return wordStart;
            }
            b = buf[i]!;
            cls = byteClass[b]!;
            continue;
          }
          if (cp !== RIGHT_SINGLE_QUOTE || i === wordStart) break;
        } else if (cls !== apos) {
          break;
        } else {
          n = 1;
        }
        // An apostrophe (n bytes at i) stays only if a word code point follows it.
        const next = i + n;
        if (next >= end) {
          this.totalWords += words;
          return wordStart;
        }
        if (!isWordAt(buf, next, end)) break;
        for (let k = i; k < next; k++) {
          const byte = buf[k]!;
          h = Math.imul(h ^ byte, prime);
          tail = (tail << 8) | byte;
        }
        i = next;
        b = buf[i]!;
        cls = byteClass[b]!;
      }
      if (i > wordStart) {
        if (i - wordStart > maxWordBytes) throw new WordTooLongError(i - wordStart);
        table.add(buf, wordStart, i - wordStart, h, tail);
        words++;
      } else {
        // A non-word code point (symbol, emoji, U+2019 outside a word) or an invalid byte.
        if (cp < 0) this.invalidUtf8 = true;
        i += n;
      }
    }
    this.totalWords += words;
    return -1;
  }

  /**
   * Counts the carried word. The carry holds only word code points and
   * apostrophes, and its word has ended: scanning it followed by a space
   * counts it (and any words its apostrophes split off) by the same rules.
   */
  private flushCarry(): void {
    this.appendCarry(SPACE_BYTE, 0, 1);
    const carry = this.carry.subarray(0, this.carryLen);
    this.carryLen = 0;
    this.scanBlock(carry, 0, carry.length);
  }

  private appendCarry(buf: Uint8Array, start: number, end: number): void {
    const need = this.carryLen + end - start;
    if (need > MAX_WORD_BYTES + 1) throw new WordTooLongError(need);
    if (need > this.carry.length) {
      const next = new Uint8Array(Math.max(need, this.carry.length * 2));
      next.set(this.carry.subarray(0, this.carryLen));
      this.carry = next;
    }
    this.carry.set(buf.subarray(start, end), this.carryLen);
    this.carryLen = need;
  }
}

const SPACE_BYTE = new Uint8Array([SPACE]);

/** Is the code point at `i` a word code point (L, M or N)? */
function isWordAt(buf: Uint8Array, i: number, end: number): boolean {
  const b = buf[i]!;
  if (b < 0x80) return BYTE_CLASS[b] === ALNUM;
  const cp = decodeAt(buf, i, end);
  return cp >= 0 && isWordCodePoint(cp);
}

/** End of the run of word code points and apostrophes that starts at `i`. */
function wordRunEnd(buf: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const b = buf[i]!;
    if (b < 0x80) {
      if (BYTE_CLASS[b] === ALNUM || b === 0x27) {
        i++;
        continue;
      }
      return i;
    }
    const cp = decodeAt(buf, i, end);
    if (cp !== RIGHT_SINGLE_QUOTE && (cp < 0 || !isWordCodePoint(cp))) return i;
    i += sequenceLength(cp);
  }
  return end;
}
