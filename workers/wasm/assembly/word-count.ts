/**
 * The WebAssembly word counter (AssemblyScript), the module's entry: its
 * exports are what workers/text/word-count-wasm.ts calls. One instance holds
 * one scanner and its word table at a time, in linear memory: no per-byte map
 * or bounds checks, so English counts ~1.5× faster per thread than it did in
 * JavaScript (bench/RESULTS.md). JavaScript copies each block into the input
 * area, calls `feed`, and reads the table out of memory.
 *
 *   memory-map.ts   fixed byte tables and the code point cache
 *   heap.ts         the bump heap above them (2 GiB at most)
 *   code-points.ts  UTF-8 decoding, which code points are word code points
 *   scanner.ts      the word-rule state machine, the carry between blocks
 *   table.ts        the open-addressing table of keys and counts
 *   read-out.ts     which keys the final words need (non-ASCII, and the top counts)
 *   pack.ts         keys and counts in one block (or a piece at a time), for a counts file or a partial
 *   sentences.ts    sentence ends, code points and line breaks, when a task asks
 *   word-stream.ts  each word's key in text order, when a task asks
 */
import { resetHeap, reserve } from './heap';
import { resetPack } from './pack';
import { HEAP_START, TWO_BYTE_WORD, writeByteTables } from './memory-map';
import { resetScanner, setMaxWordBytes } from './scanner';
import { resetSentences } from './sentences';
import { resetTable } from './table';
import { resetStream } from './word-stream';

export { feed, finish, getInvalidUtf8, getTooLongBytes, getTotalWords, inputAt } from './scanner';
export { addKeys, findKey, getArena, getArenaUsed, getCapacity, getSize, getSlots } from './table';
export { countAtRank, getAsciiKeys, getSelected, selectKeys } from './read-out';
export { getPackedCounts, getPackedKeyBytes, getPackedKeys, getPackedNext, packKeys } from './pack';
export {
  clearEvents, getClosedSentences, getCodePoints, getEventCount, getEvents, getFirstPieceWords, getLastByte, getLineBreaks,
  getOpenWords, getPieceStart, track,
} from './sentences';
export { clearStream, getStream, getStreamLength, streamWords } from './word-stream';

/** Once per instance: the byte tables and the word-length limit. */
export function init(maxWordBytes: i32): void {
  reserve(HEAP_START);
  setMaxWordBytes(maxWordBytes);
  writeByteTables();
}

/**
 * Starts an empty table and scanner in the heap, reusing the memory of the
 * previous one: a thread reuses its instances table after table. The code
 * point cache stays (it depends on Unicode, not on the text).
 */
export function reset(initialSlots: i32, initialArenaBytes: i32): void {
  resetHeap();
  resetTable(initialSlots, initialArenaBytes);
  resetScanner();
  resetSentences();
  resetStream();
  resetPack();
}

export function getTwoByteWordTable(): i32 {
  return TWO_BYTE_WORD;
}
