/**
 * The `wordcount` task: word rules of design §1 over bytes or a file range,
 * answered as final statistics or as partial counts for a chunked input.
 */
import type {
  CountRequest, MergeRequest, PartialCounts, TaskInput, WordStats, WordcountOptions,
} from '../../src/protocol.ts';
import { BINARY_SNIFF_BYTES } from '../../src/protocol.ts';
import { readRange } from '../io/read-range.ts';
import { stopwordSet } from '../text/stopwords.ts';
import { selectTop } from '../text/top-words.ts';
import { hasBom } from '../text/utf8.ts';
import { warmUpScanner } from '../text/warm-up.ts';
import { WordScanner } from '../text/word-scanner.ts';

// At worker start-up, while the thread waits for its first job: see warm-up.ts.
warmUpScanner();

export class BinaryInputError extends Error {
  readonly code = 'E_BINARY_INPUT';
}

export interface ScanOutcome {
  counts: Map<string, number>;
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
}

export function scanInput(input: TaskInput): ScanOutcome {
  const scanner = new WordScanner();
  const feed = (buf: Uint8Array, start: number, end: number, atStart: boolean): void => {
    if (atStart) {
      const sniffEnd = Math.min(end, start + BINARY_SNIFF_BYTES);
      if (buf.subarray(start, sniffEnd).includes(0)) {
        throw new BinaryInputError(`input looks binary: NUL byte in the first ${BINARY_SNIFF_BYTES} bytes`);
      }
      if (hasBom(buf, start, end)) start += 3;
    }
    scanner.feed(buf, start, end);
  };
  let bytes: number;
  if (input.kind === 'bytes') {
    feed(input.bytes, 0, input.bytes.length, input.atStart);
    bytes = input.bytes.length;
  } else {
    bytes = readRange(input.path, input.start, input.end, (buf, s, e, first) => feed(buf, s, e, first && input.start === 0));
  }
  const table = scanner.finish();
  return { counts: table.toCounts(), totalWords: scanner.totalWords, bytes, invalidUtf8: scanner.invalidUtf8 };
}

export function finalStats(scan: ScanOutcome, options: WordcountOptions): WordStats {
  return {
    totalWords: scan.totalWords,
    uniqueWords: scan.counts.size,
    top: selectTop(scan.counts, options.top, stopwordSet(options.stopwords)),
    bytes: scan.bytes,
    invalidUtf8: scan.invalidUtf8,
  };
}

export function toPartial(scan: ScanOutcome): PartialCounts {
  return {
    words: [...scan.counts.keys()].join('\n'),
    counts: [...scan.counts.values()],
    totalWords: scan.totalWords,
    bytes: scan.bytes,
    invalidUtf8: scan.invalidUtf8,
  };
}

export function mergePartials(partials: readonly PartialCounts[]): ScanOutcome {
  const counts = new Map<string, number>();
  let totalWords = 0;
  let bytes = 0;
  let invalidUtf8 = false;
  for (const p of partials) {
    totalWords += p.totalWords;
    bytes += p.bytes;
    invalidUtf8 ||= p.invalidUtf8;
    if (p.counts.length === 0) continue;
    const words = p.words.split('\n');
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      counts.set(w, (counts.get(w) ?? 0) + p.counts[i]!);
    }
  }
  return { counts, totalWords, bytes, invalidUtf8 };
}

export function runCount(request: CountRequest): { stats: WordStats } | { partial: PartialCounts } {
  const scan = scanInput(request.input);
  return request.mode === 'final' ? { stats: finalStats(scan, request.options) } : { partial: toPartial(scan) };
}

export function runMerge(request: MergeRequest): WordStats {
  return finalStats(mergePartials(request.partials), request.options);
}
