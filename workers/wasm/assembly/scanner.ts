/**
 * The word-rule scanner (docs/word-rules.md): a byte state machine over blocks fed
 * in order, counting each word into the table (table.ts) as it ends. A word
 * still open at the end of a block is kept in the carry and counted when it
 * ends. Errors are status codes; the JavaScript side (workers/text/
 * word-scanner.ts) turns them into exceptions.
 */
import { alloc } from './heap';
import { decodeAt, isWordAt, isWordCodePoint, sequenceLength } from './code-points';
import { ALNUM, ALNUM_LOWER, APOS, BYTE_CLASS, HIGH, TWO_BYTE_WORD } from './memory-map';
import { add, FNV_OFFSET, FNV_PRIME } from './table';
import { countText, enterCarry, enterInput, leaveInput, startCarry, trackByte, trackCodePoint, tracking, trackWord } from './sentences';
import { streaming, streamWord } from './word-stream';

const RIGHT_SINGLE_QUOTE: i32 = 0x2019;

export const OK: i32 = 0;
export const TOO_LONG: i32 = -2;
const NO_OPEN_WORD: i32 = -1;

let maxWordBytes: i32 = 1 << 20;

let inputArea: i32 = 0;
let inputCap: i32 = 0;

let carry: i32 = 0;
let carryCap: i32 = 0;
let carryLen: i32 = 0;

let totalWords: f64 = 0;
let invalidUtf8: i32 = 0;
/** Length of the word that was too long, when `feed` or `finish` returns TOO_LONG. */
let tooLongBytes: i32 = 0;

export function setMaxWordBytes(bytes: i32): void {
  maxWordBytes = bytes;
}

/** A scanner with nothing read yet, its carry in fresh heap memory (after `resetHeap`). */
export function resetScanner(): void {
  inputArea = 0;
  inputCap = 0;
  carryLen = 0;
  totalWords = 0;
  invalidUtf8 = 0;
  tooLongBytes = 0;
  carryCap = 256;
  carry = alloc(<i64>carryCap);
}

/** Where the caller writes the next `len` bytes to feed (or keys to add). */
export function inputAt(len: i32): i32 {
  if (len > inputCap) {
    inputCap = max(len, 1 << 16);
    inputArea = alloc(<i64>inputCap);
  }
  return inputArea;
}

export function getTotalWords(): f64 { return totalWords; }
export function getInvalidUtf8(): i32 { return invalidUtf8; }
export function getTooLongBytes(): i32 { return tooLongBytes; }

/** Scans input bytes [0, len) written at `inputAt(len)`. Returns OK or TOO_LONG. */
export function feed(len: i32): i32 {
  if (!tracking) return feedBlock(len);
  countText(inputArea, inputArea + len);
  enterInput(inputArea);
  const status = feedBlock(len);
  leaveInput(len);
  return status;
}

function feedBlock(len: i32): i32 {
  let start = inputArea;
  const end = inputArea + len;
  if (carryLen > 0) {
    const runEnd = wordRunEnd(start, end);
    if (!appendCarry(start, runEnd - start)) return TOO_LONG;
    if (runEnd == end) return OK;
    if (flushCarry() == TOO_LONG) return TOO_LONG;
    start = runEnd;
  }
  const open = scanBlock(start, end);
  if (open == TOO_LONG) return TOO_LONG;
  if (open != NO_OPEN_WORD) {
    if (tracking) startCarry(open);
    if (!appendCarry(open, end - open)) return TOO_LONG;
  }
  return OK;
}

/** Ends the input: counts a word still open at the end. */
export function finish(): i32 {
  return carryLen > 0 ? flushCarry() : OK;
}

/**
 * Counts every word that ends inside [start, end) (addresses) and returns
 * where a word still open at `end` starts, NO_OPEN_WORD, or TOO_LONG. An
 * apostrophe at `end` counts as open: the next block decides.
 */
function scanBlock(start: i32, end: i32): i32 {
  let words = 0;
  let i = start;
  while (i < end) {
    let b: i32 = load<u8>(i);
    let cls: i32 = load<u8>(BYTE_CLASS + b);
    // Separators, and apostrophes not inside a word.
    while (cls <= APOS) {
      if (tracking) trackByte(b, i);
      if (++i >= end) {
        totalWords += <f64>words;
        return NO_OPEN_WORD;
      }
      b = load<u8>(i);
      cls = load<u8>(BYTE_CLASS + b);
    }
    const wordStart = i;
    let h: u32 = FNV_OFFSET;
    let tail: i32 = 0;
    let cp: i32 = 0;
    let n: i32 = 1;
    while (true) {
      // The ASCII fast path: most bytes of English text go round this loop only.
      if (cls == ALNUM) {
        let lower: i32 = b | 0x20;
        do {
          h = (h ^ <u32>lower) * FNV_PRIME;
          tail = (tail << 8) | lower;
          if (++i >= end) {
            totalWords += <f64>words;
            return wordStart;
          }
          b = load<u8>(i);
          lower = load<u8>(ALNUM_LOWER + b);
        } while (lower != 0);
        cls = load<u8>(BYTE_CLASS + b);
      }
      if (cls == HIGH) {
        // Two-byte sequences (Latin accents, Greek, Cyrillic…) are decoded inline.
        const b1: i32 = i + 1 < end ? load<u8>(i + 1) : 0;
        if (b >= 0xc2 && b < 0xe0 && (b1 & 0xc0) == 0x80) {
          cp = ((b & 0x1f) << 6) | (b1 & 0x3f);
          n = 2;
          if (load<u8>(TWO_BYTE_WORD + cp) == 1) {
            h = (((h ^ <u32>b) * FNV_PRIME) ^ <u32>b1) * FNV_PRIME;
            tail = (tail << 16) | (b << 8) | b1;
            i += 2;
            if (i >= end) {
              totalWords += <f64>words;
              return wordStart;
            }
            b = load<u8>(i);
            cls = load<u8>(BYTE_CLASS + b);
            continue;
          }
        } else {
          cp = decodeAt(i, end);
          n = sequenceLength(cp);
        }
        if (cp >= 0 && isWordCodePoint(cp)) {
          for (let k = i; k < i + n; k++) {
            const byte: i32 = load<u8>(k);
            h = (h ^ <u32>byte) * FNV_PRIME;
            tail = (tail << 8) | byte;
          }
          i += n;
          if (i >= end) {
            totalWords += <f64>words;
            return wordStart;
          }
          b = load<u8>(i);
          cls = load<u8>(BYTE_CLASS + b);
          continue;
        }
        if (cp != RIGHT_SINGLE_QUOTE || i == wordStart) break;
      } else if (cls != APOS) {
        break;
      } else {
        n = 1;
      }
      // An apostrophe (n bytes at i) stays only if a word code point follows it.
      const next = i + n;
      if (next >= end) {
        totalWords += <f64>words;
        return wordStart;
      }
      if (!isWordAt(next, end)) break;
      for (let k = i; k < next; k++) {
        const byte: i32 = load<u8>(k);
        h = (h ^ <u32>byte) * FNV_PRIME;
        tail = (tail << 8) | byte;
      }
      i = next;
      b = load<u8>(i);
      cls = load<u8>(BYTE_CLASS + b);
    }
    if (i > wordStart) {
      if (i - wordStart > maxWordBytes) {
        tooLongBytes = i - wordStart;
        return TOO_LONG;
      }
      const offset = add(wordStart, i - wordStart, h, tail);
      if (tracking) trackWord(wordStart, offset, i - wordStart);
      if (streaming) streamWord(offset);
      words++;
    } else {
      // A non-word code point (symbol, emoji, U+2019 outside a word) or an invalid byte.
      if (cp < 0) invalidUtf8 = 1;
      if (tracking) trackCodePoint(cp, i);
      i += n;
    }
  }
  totalWords += <f64>words;
  return NO_OPEN_WORD;
}

/**
 * Counts the carried word. The carry holds only word code points and
 * apostrophes, and its word has ended: scanning it followed by a separator
 * counts it (and any words its apostrophes split off) by the same rules.
 * The separator is a NUL, not a space: for the sentence tracker a space could
 * end a sentence, while a NUL after a word or apostrophe changes nothing.
 */
function flushCarry(): i32 {
  if (!reserveCarry(1)) return TOO_LONG;
  store<u8>(carry + carryLen, 0x00);
  const len = carryLen + 1;
  carryLen = 0;
  if (tracking) enterCarry(carry);
  const status = scanBlock(carry, carry + len) == TOO_LONG ? TOO_LONG : OK;
  if (tracking) enterInput(inputArea);
  return status;
}

function reserveCarry(extra: i32): bool {
  const need = carryLen + extra;
  if (need > maxWordBytes + 1) {
    tooLongBytes = need;
    return false;
  }
  if (need > carryCap) {
    const cap = max(need, carryCap * 2);
    const next = alloc(<i64>cap);
    memory.copy(next, carry, carryLen);
    carry = next;
    carryCap = cap;
  }
  return true;
}

function appendCarry(from: i32, len: i32): bool {
  if (!reserveCarry(len)) return false;
  memory.copy(carry + carryLen, from, len);
  carryLen += len;
  return true;
}

/** End of the run of word code points and apostrophes that starts at `i`. */
function wordRunEnd(i: i32, end: i32): i32 {
  while (i < end) {
    const b: i32 = load<u8>(i);
    if (b < 0x80) {
      if (load<u8>(BYTE_CLASS + b) == ALNUM || b == 0x27) {
        i++;
        continue;
      }
      return i;
    }
    const cp = decodeAt(i, end);
    if (cp != RIGHT_SINGLE_QUOTE && (cp < 0 || !isWordCodePoint(cp))) return i;
    i += sequenceLength(cp);
  }
  return end;
}

