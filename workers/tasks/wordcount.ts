/**
 * The `wordcount` task: word rules (docs/word-rules.md) over bytes or a file range,
 * answered as final statistics or as partial counts for a chunked input.
 */
import type {
  CountRequest, MergeRequest, PartialCounts, TaskInput, WordStats, WordcountOptions,
} from '../../src/protocol.ts';
import { BinaryInputError } from '../text/binary-input.ts';
import { stemmedTop } from '../text/stemming.ts';
import { stopwordSet } from '../text/stopwords.ts';
import { finalWords } from '../text/final-words.ts';
import { selectTop } from '../text/top-words.ts';
import { warmUpScanner } from '../text/warm-up.ts';
import { WordScanner } from '../text/word-scanner.ts';
import { feedScanner } from './scan-input-bytes.ts';
import { WordTable } from '../text/word-table.ts';
import { partialTotals } from './partial-totals.ts';
import { lettersOf } from '../text/word-letters.ts';
import { readCountsFileBytes, writeCountsFile } from './counts-file.ts';
import type { KeptCounts } from './counts-file.ts';
import { wholeFileHash } from './whole-file-hash.ts';
import type { Hash } from 'node:crypto';

// At worker start-up, while the thread waits for its first job: see warm-up.ts.
warmUpScanner();

export { BinaryInputError };

export interface ScanOutcome {
  /** Final words and counts; built on first use (a partial result never needs them). */
  readonly counts: Map<string, number>;
  /** The counting table, when there is one: partial results are read from it directly. */
  readonly table?: WordTable;
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
}

/** Sentence tracking for the stats and sentiment tasks (workers/wasm/assembly/sentences.ts). */
export interface SentenceTracking {
  /** Keep word and sentence events, read by `afterPiece` after each scanned piece. */
  record: boolean;
  afterPiece?: (table: WordTable) => void;
}

/** `hash`, when given, sees every byte read (a counts file records the file's SHA-256). */
export function scanInput(input: TaskInput, sentences?: SentenceTracking, hash?: Hash): ScanOutcome {
  const table = WordTable.forInput(input.kind === 'bytes' ? input.bytes.length : input.end - input.start);
  if (sentences) table.wasm.track(sentences.record ? 1 : 0);
  const afterPiece = sentences?.afterPiece;
  const scanner = new WordScanner(table, afterPiece && (() => afterPiece(table)));
  const bytes = feedScanner(input, scanner, hash);
  return fromTable(scanner.finish(), scanner.totalWords, bytes, scanner.invalidUtf8);
}

function fromTable(table: WordTable, totalWords: number, bytes: number, invalidUtf8: boolean): ScanOutcome {
  let counts: Map<string, number> | undefined;
  return {
    get counts() {
      counts ??= table.toCounts();
      return counts;
    },
    table,
    totalWords,
    bytes,
    invalidUtf8,
  };
}

/**
 * `normalizedOut`: see `finalWords` (filled when the table is read out by it, left empty when the
 * final words come from `scan.counts`, as with stemming).
 */
export function finalStats(scan: ScanOutcome, options: WordcountOptions, normalizedOut?: Map<string, number>): WordStats {
  const stopwords = stopwordSet(options.stopwords);
  // Stemming post-processes the finished word → count map (chunked or not, the map is the same).
  const stemmed = options.stem === undefined ? undefined : stemmedTop(scan.counts, options.top, options.stem, stopwords);
  const words = stemmed === undefined && scan.table
    ? finalWords(scan.table, options.top, stopwords, normalizedOut)
    : { uniqueWords: scan.counts.size, top: stemmed?.top ?? selectTop(scan.counts, options.top, stopwords) };
  return {
    totalWords: scan.totalWords,
    ...words,
    ...(stemmed === undefined ? {} : { uniqueStems: stemmed.uniqueStems }),
    bytes: scan.bytes,
    invalidUtf8: scan.invalidUtf8,
  };
}

/**
 * A chunk's counts for the merge step. `words` holds the table's raw keys
 * (ASCII lowercased, the rest as scanned): the merge normalizes them once, so
 * no chunk pays for a string per distinct word.
 */
export function toPartial(scan: ScanOutcome): PartialCounts {
  const { keys, counts } = scan.table ? scan.table.keysAndCounts() : { keys: [...scan.counts.keys()].join('\n'), counts: Float64Array.from(scan.counts.values()) };
  return {
    words: keys,
    counts,
    totalWords: scan.totalWords,
    bytes: scan.bytes,
    invalidUtf8: scan.invalidUtf8,
  };
}

/**
 * Sums partial counts in a word table (bytes, not a Map of strings), normalizing keys once at the end;
 * then the counts files of `files`, one file in memory at a time.
 */
export function mergePartials(partials: readonly PartialCounts[], files: readonly string[] = []): ScanOutcome {
  const table = WordTable.forKeys(Math.max(0, ...partials.map((p) => p.counts.length)));
  for (const p of partials) table.addKeys(p.words, p.counts);
  const totals = partialTotals(partials);
  // Partials hold raw keys; counts files, final words or (written by earlier versions) raw keys.
  let keysFinal = partials.length === 0;
  for (const path of files) {
    const p = readCountsFileBytes(path);
    keysFinal &&= p.finalWords;
    table.addKeys(p.keys, p.counts);
    totals.totalWords += p.totalWords;
    totals.bytes += p.bytes;
    totals.invalidUtf8 ||= p.invalidUtf8;
  }
  // Final words normalize to themselves, so a table of both kinds is read out normalizing every key.
  table.keysFinal = keysFinal;
  return fromTable(table, totals.totalWords, totals.bytes, totals.invalidUtf8);
}

/**
 * A scan's full counts for a counts file, as final words: a corpus merge then adds them up and
 * reads the top by count, normalizing no key again (a non-ASCII corpus has tens of thousands).
 * ASCII keys are final words as they are and go from the table's memory; the non-ASCII ones go
 * as `finalStats` normalized them (`normalized`), or, when it read no table (stemming), from
 * `scan.counts`. A word that is both (the Kelvin sign and `k`) is kept twice: merges add them up.
 */
function finalCounts(scan: ScanOutcome, normalized: ReadonlyMap<string, number>, readTable: boolean): KeptCounts {
  const totals = { totalWords: scan.totalWords, bytes: scan.bytes, invalidUtf8: scan.invalidUtf8, finalWords: true };
  const table = scan.table;
  if (table?.keysFinal) {
    const { keys, counts } = table.packedKeys();
    return { keys: [keys], counts: [counts], ...totals };
  }
  if (table === undefined || !readTable || table.hasSpills) {
    return { keys: [Buffer.from([...scan.counts.keys()].join('\n'))], counts: [Float64Array.from(scan.counts.values())], ...totals };
  }
  const ascii = table.packedAsciiKeys();
  return {
    keys: [ascii.keys, Buffer.from([...normalized.keys()].join('\n'))],
    counts: [ascii.counts, Float64Array.from(normalized.values())],
    ...totals,
  };
}

/** A table's counts as they are (raw keys), for a counts file: a partial count's, or the stats task's. */
export function rawCounts(scan: ScanOutcome): KeptCounts {
  const { keys, counts } = scan.table ? scan.table.packedKeys() : { keys: Buffer.from([...scan.counts.keys()].join('\n')), counts: Float64Array.from(scan.counts.values()) };
  return { keys: [keys], counts: [counts], finalWords: false, totalWords: scan.totalWords, bytes: scan.bytes, invalidUtf8: scan.invalidUtf8 };
}

/** Final statistics, and the scan's final words written to `keep` when asked. */
function finalStatsKept(scan: ScanOutcome, options: WordcountOptions, keep: string | undefined, sha256?: string): WordStats {
  if (keep === undefined) return finalStats(scan, options);
  const normalized = new Map<string, number>();
  const stats = finalStats(scan, options, normalized);
  writeCountsFile(keep, finalCounts(scan, normalized, options.stem === undefined), sha256);
  return stats;
}

/** Runs `read` on a scan, then hands the scan's table memory to the next one (the scan is spent). */
export function readScan<T>(scan: ScanOutcome, read: (scan: ScanOutcome) => T): T {
  try {
    return read(scan);
  } finally {
    scan.table?.release();
  }
}

export function runCount(request: CountRequest): { stats: WordStats } | { partial: PartialCounts } {
  // The registry sends wordcount requests here only, with options the boundary parsed for wordcount.
  const options = request.options as WordcountOptions;
  const keep = request.keepCounts;
  const hash = wholeFileHash(request);
  return readScan(scanInput(request.input, undefined, hash), (scan) => {
    if (request.mode === 'final') return { stats: finalStatsKept(scan, options, keep, hash?.digest('hex')) };
    if (keep !== undefined) writeCountsFile(keep, rawCounts(scan), hash?.digest('hex'));
    return { partial: toPartial(scan) };
  });
}

export function runMerge(request: MergeRequest): WordStats {
  return readScan(mergePartials(request.partials, request.addCounts), (scan) => {
    // The stats corpus's average word length needs the letters of the whole; no other merge does.
    const letters = request.letters === true && scan.table ? lettersOf(scan.table) : undefined;
    const stats = finalStatsKept(scan, request.options as WordcountOptions, request.keepCounts);
    return letters === undefined ? stats : { ...stats, letters };
  });
}
