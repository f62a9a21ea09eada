/**
 * Sentences for the sentiment and stats tasks. A sentence ends at a run of
 * `.`, `!`, `?` or `…` (with any closing quotes or brackets) followed by
 * white space or the end of the text, or at a blank line (so headings and
 * verse lines without a full stop do not run into the next paragraph). A
 * piece without any word is not a sentence. Abbreviations such as "Mr." end
 * a sentence too: a documented simplification, the same for every input.
 */
import { wordSequence } from './word-sequence.ts';

const END = /[.!?\u2026]+["'\u2019\u201d)\]]*(?=\s|$)|\r?\n[^\S\n]*\r?\n\s*/gu;
const SPACE = /\s+/gu;

export interface Sentence {
  /** White space collapsed, trimmed. */
  text: string;
  words: string[];
}

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let from = 0;
  const add = (to: number): void => {
    const piece = text.slice(from, to);
    const words = wordSequence(piece);
    if (words.length > 0) sentences.push({ text: piece.replace(SPACE, ' ').trim(), words });
  };
  for (const match of text.matchAll(END)) {
    const end = match.index + match[0].length;
    add(end);
    from = end;
  }
  add(text.length);
  return sentences;
}
