/**
 * The `stats` task: characters (code points, BOM excluded), bytes, words and
 * distinct words (word rules), sentences (sentences.ts), lines, average word
 * length (code points) and sentence length (words), type/token ratio. No
 * language guess: natural has no language identifier, and guessing from
 * stopword overlap is unreliable on short texts and for related languages.
 * One thread reads the whole input (sentences can span chunk cuts).
 */
import type { CountRequest, TextStats, TextStatsOutput } from '../../src/protocol.ts';
import { decodeInput } from '../io/decode-input.ts';
import { splitSentences } from '../text/sentences.ts';
import { codePointLength } from '../text/word-sequence.ts';

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Lines as an editor shows them: terminated lines, plus a last line without a terminator. */
export function countLines(text: string): number {
  if (text === '') return 0;
  const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  return /(\r\n|\r|\n)$/.test(text) ? breaks : breaks + 1;
}

export function textStats(text: string, bytes: number): TextStats {
  const sentences = splitSentences(text);
  const distinct = new Set<string>();
  let words = 0;
  let letters = 0;
  for (const s of sentences) {
    for (const w of s.words) {
      distinct.add(w);
      letters += codePointLength(w);
    }
    words += s.words.length;
  }
  return {
    characters: codePointLength(text),
    bytes,
    words,
    distinctWords: distinct.size,
    sentences: sentences.length,
    lines: countLines(text),
    averageWordLength: words === 0 ? 0 : round(letters / words),
    averageSentenceLength: sentences.length === 0 ? 0 : round(words / sentences.length),
    typeTokenRatio: words === 0 ? 0 : round(distinct.size / words),
  };
}

export function runCount(request: CountRequest): { stats: TextStatsOutput } {
  const decoded = decodeInput(request.input);
  const stats = textStats(decoded.text, decoded.bytes);
  return { stats: { totalWords: stats.words, stats, bytes: decoded.bytes, invalidUtf8: decoded.invalidUtf8 } };
}
