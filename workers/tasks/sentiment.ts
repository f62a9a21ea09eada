/**
 * The `sentiment` task (English only; the boundary rejects other languages
 * with E_UNSUPPORTED_LANGUAGE): natural's AFINN score of every sentence, the
 * total, a summary of the sentence scores and the most positive and most
 * negative sentences.
 *
 * Runs on the byte scanner: its sentence tracker passes each word as its key
 * in the word table and each sentence end with its byte positions
 * (sentence-scores.ts), and only the shown sentences' texts are decoded.
 * Chunkable: ranges are cut where no sentence ends, and the merge joins the
 * sentence open at each cut (sentiment-merge.ts).
 * sentiment-reference.ts computes the same result from the decoded string.
 */
import type { CountRequest, MergeRequest, PartialCounts, SentimentOptions, SentimentStats, TaskInput } from '../../src/protocol.ts';
import { readPackedText } from '../io/decode-input.ts';
import { readRange } from '../io/read-range.ts';
import { SentenceScores } from '../text/sentence-scores.ts';
import { mergeSentiment } from '../text/sentiment-merge.ts';
import { hasBom } from '../text/utf8.ts';
import type { WordTable } from '../text/word-table.ts';
import { readScan, scanInput } from './wordcount.ts';

/** The range's bytes: shown sentences are decoded from them after the scan. */
function rangeBytes(input: TaskInput): { bytes: Uint8Array; atStart: boolean } {
  if (input.kind === 'bytes') return { bytes: input.bytes, atStart: input.atStart };
  if (input.packing !== undefined) return { bytes: readPackedText(input), atStart: true };
  const out = Buffer.allocUnsafe(input.end - input.start);
  let at = 0;
  readRange(input.path, input.start, input.end, (buf, s, e) => {
    buf.copy(out, at, s, e);
    at += e - s;
  });
  return { bytes: out.subarray(0, at), atStart: input.start === 0 };
}

function partialOf(input: TaskInput, options: SentimentOptions): Required<Pick<PartialCounts, 'sentiment'>> & PartialCounts {
  const { bytes, atStart } = rangeBytes(input);
  let scores: SentenceScores | undefined;
  const drain = (table: WordTable): void => {
    scores ??= new SentenceScores(table.wasm, options.sentences);
    scores.drain();
  };
  const scan = scanInput({ kind: 'bytes', bytes, atStart }, { record: true, afterPiece: drain });
  return readScan(scan, (s) => {
    drain(s.table!);
    const body = atStart && hasBom(bytes, 0, bytes.length) ? bytes.subarray(3) : bytes;
    const sentiment = scores!.finish(body, s.table!.wasm.getPieceStart());
    return { words: '', counts: new Float64Array(0), totalWords: s.totalWords, bytes: s.bytes, invalidUtf8: s.invalidUtf8, sentiment };
  });
}

function statsOf(partials: readonly PartialCounts[], options: SentimentOptions): SentimentStats {
  const { totalWords, ...sentiment } = mergeSentiment(partials.map((p) => p.sentiment!), options);
  const bytes = partials.reduce((n, p) => n + p.bytes, 0);
  return { totalWords, sentiment, bytes, invalidUtf8: partials.some((p) => p.invalidUtf8) };
}

export function runCount(request: CountRequest): { stats: SentimentStats } | { partial: PartialCounts } {
  const options = request.options as SentimentOptions;
  const partial = partialOf(request.input, options);
  return request.mode === 'final' ? { stats: statsOf([partial], options) } : { partial };
}

export function runMerge(request: MergeRequest): SentimentStats {
  return statsOf(request.partials, request.options as SentimentOptions);
}
