/**
 * The `stats` task: characters (code points, BOM excluded), bytes, words and
 * distinct words (word rules), sentences (docs/tasks.md), lines, average word
 * length (code points) and sentence length (words), type/token ratio. No
 * language guess: natural has no language identifier, and guessing from
 * stopword overlap is unreliable on short texts and for related languages.
 *
 * Runs on the byte scanner with its sentence tracker: words are counted in
 * the word table, sentences, code points and line breaks by the module.
 * Chunkable: a chunk's partial is wordcount's plus its sentence figures, and
 * the merge joins the sentence open at each cut (sentence-counts.ts).
 * text-stats-reference.ts computes the same figures from the decoded string.
 */
import type { CountRequest, MergeRequest, PartialCounts, TaskInput, TextStats, TextStatsOutput, TextCountsPartial } from '../../src/protocol.ts';
import { decodeInput } from '../io/decode-input.ts';
import { finalWords } from '../text/final-words.ts';
import { mergeTextCounts, readTextCounts } from '../text/sentence-counts.ts';
import { lettersOf } from '../text/word-letters.ts';
import { mergePartials, rawCounts, readScan, scanInput, toPartial, type ScanOutcome } from './wordcount.ts';
import { writeCountsFile } from './counts-file.ts';
import { wholeFileHash } from './whole-file-hash.ts';

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
const NO_STOPWORDS: ReadonlySet<string> = new Set();

function finishStats(scan: ScanOutcome, texts: readonly TextCountsPartial[]): TextStatsOutput {
  const table = scan.table!;
  const { characters, sentences, lines } = mergeTextCounts(texts);
  const words = scan.totalWords;
  const distinct = finalWords(table, 0, NO_STOPWORDS).uniqueWords;
  const letters = lettersOf(table);
  const stats: TextStats = {
    characters,
    bytes: scan.bytes,
    words,
    distinctWords: distinct,
    sentences,
    lines,
    averageWordLength: words === 0 ? 0 : round(letters / words),
    averageSentenceLength: sentences === 0 ? 0 : round(words / sentences),
    typeTokenRatio: words === 0 ? 0 : round(distinct / words),
  };
  return { totalWords: words, stats, bytes: scan.bytes, invalidUtf8: scan.invalidUtf8 };
}

/** The module counts lead bytes; with invalid UTF-8 the decoder's U+FFFD count decides (rare: decode once). */
function textCounts(scan: ScanOutcome, input: TaskInput): TextCountsPartial {
  const counts = readTextCounts(scan.table!);
  if (!scan.invalidUtf8) return counts;
  const text = decodeInput(input).text;
  let characters = 0;
  for (const _ of text) characters++;
  return { ...counts, characters };
}

/**
 * With `keepCounts`, the input's word counts go to a counts file as
 * wordcount writes them (with the SHA-256 of the file when this read sees
 * all of it): the stats corpus result adds them up as wordcount's does.
 */
export function runCount(request: CountRequest): { stats: TextStatsOutput } | { partial: PartialCounts } {
  const input = request.input;
  const keep = request.keepCounts;
  const hash = wholeFileHash(request);
  return readScan(scanInput(input, { record: false }, hash), (scan) => {
    if (keep !== undefined) writeCountsFile(keep, rawCounts(scan), hash?.digest('hex'));
    const text = textCounts(scan, request.input);
    return request.mode === 'final' ? { stats: finishStats(scan, [text]) } : { partial: { ...toPartial(scan), text } };
  });
}

export function runMerge(request: MergeRequest): TextStatsOutput {
  const texts = request.partials.map((p) => {
    if (!p.text) throw new Error('a stats partial lacks its sentence figures');
    return p.text;
  });
  return readScan(mergePartials(request.partials), (scan) => {
    if (request.keepCounts !== undefined) writeCountsFile(request.keepCounts, rawCounts(scan));
    return finishStats(scan, texts);
  });
}
