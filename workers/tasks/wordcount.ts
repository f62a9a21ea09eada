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
import { readCountsFileBytes, writeCountsFile } from './counts-file.ts';
import type { KeptCounts } from './counts-file.ts';
import { createHash } from 'node:crypto';
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

export function finalStats(scan: ScanOutcome, options: WordcountOptions): WordStats {
  const stopwords = stopwordSet(options.stopwords);
  // Stemming post-processes the finished word → count map (chunked or not, the map is the same).
  const stemmed = options.stem === undefined ? undefined : stemmedTop(scan.counts, options.top, options.stem, stopwords);
  const words = stemmed === undefined && scan.table
    ? finalWords(scan.table, options.top, stopwords)
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
  for (const path of files) {
    const p = readCountsFileBytes(path);
    table.addKeys(p.keys, p.counts);
    totals.totalWords += p.totalWords;
    totals.bytes += p.bytes;
    totals.invalidUtf8 ||= p.invalidUtf8;
  }
  return fromTable(table, totals.totalWords, totals.bytes, totals.invalidUtf8);
}

/** A scan's full counts for a counts file, as bytes straight from its table's memory. */
function keptCounts(scan: ScanOutcome): KeptCounts {
  const { keys, counts } = scan.table ? scan.table.packedKeys() : { keys: Buffer.from([...scan.counts.keys()].join('\n')), counts: Float64Array.from(scan.counts.values()) };
  return { keys, counts, totalWords: scan.totalWords, bytes: scan.bytes, invalidUtf8: scan.invalidUtf8 };
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
  // A hash only when this read sees the whole file: a later run recognises unchanged content by it.
  // Not for a packed file: the hash must be of the file's bytes, and the scan sees its text.
  const input = request.input;
  const hash = keep !== undefined && input.kind === 'file' && input.start === 0 && input.packing === undefined ? createHash('sha256') : undefined;
  return readScan(scanInput(request.input, undefined, hash), (scan) => {
    if (keep !== undefined) writeCountsFile(keep, keptCounts(scan), hash?.digest('hex'));
    return request.mode === 'final' ? { stats: finalStats(scan, options) } : { partial: toPartial(scan) };
  });
}

export function runMerge(request: MergeRequest): WordStats {
  return readScan(mergePartials(request.partials, request.addCounts), (scan) => {
    if (request.keepCounts !== undefined) writeCountsFile(request.keepCounts, keptCounts(scan));
    return finalStats(scan, request.options as WordcountOptions);
  });
}
