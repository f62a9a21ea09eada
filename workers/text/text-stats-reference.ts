/**
 * The `stats` figures computed the plain way, over the decoded string
 * (sentences.ts, word-sequence.ts): the reference the scanner-based task
 * (workers/tasks/stats.ts) is property-tested against.
 */
import type { TextStats } from '../../src/protocol.ts';
import { splitSentences } from './sentences.ts';
import { codePointLength } from './word-sequence.ts';

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
