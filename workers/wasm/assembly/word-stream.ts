/**
 * The word stream, for the ngrams task: each word the scanner counts, in
 * text order, as its key's arena offset in the word table (an id for as long
 * as the table lives). JavaScript reads the list after each scanned piece
 * and clears it. Off unless `streamWords` is called; cheaper than the
 * sentence tracker's events, which also follow every separator byte.
 */
import { alloc } from './heap';

export let streaming: bool = false;
let words: i32 = 0;
let wordsCap: i32 = 0;
let wordsLen: i32 = 0;

export function resetStream(): void {
  streaming = false;
  words = 0;
  wordsCap = 0;
  wordsLen = 0;
}

/** Turns the stream on for this table's scan. */
export function streamWords(): void {
  streaming = true;
  wordsCap = 1 << 16;
  words = alloc(<i64>wordsCap << 2);
}

export function getStream(): i32 { return words; }
export function getStreamLength(): i32 { return wordsLen; }
/** JavaScript has read the stream: start the list again. */
export function clearStream(): void { wordsLen = 0; }

/** A word ended; `offset` names its key. */
export function streamWord(offset: i32): void {
  if (wordsLen == wordsCap) {
    const next = alloc(<i64>wordsCap << 3);
    memory.copy(next, words, wordsLen << 2);
    words = next;
    wordsCap <<= 1;
  }
  store<i32>(words + (wordsLen << 2), offset);
  wordsLen++;
}
