/** The byte lookup of AFINN values gives natural's value for every listed word and for words it does not list. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { afinnValueOfBytes } from '../../workers/text/afinn-key-table.ts';
import { afinnValue, NEGATION, wordValues } from '../../workers/text/afinn-sentiment.ts';
import { normalizeWord } from '../../workers/text/word-table.ts';

const bytesValue = (word: string): number => {
  // Padded, as keys sit inside the word table's arena.
  const bytes = Buffer.from(`xx${word}yy`, 'utf8');
  return afinnValueOfBytes(bytes, 2, bytes.length - 2);
};

describe('afinnValueOfBytes', () => {
  it('answers as afinnValue for every listed word, each negation and unlisted words of any script', () => {
    const { scores, negations } = wordValues();
    const words = [...Object.keys(scores), ...negations, 'zebra', 'goodness', 'goo', '', 'naïve', 'мир', 'don’t', 'NOT', 'Love'];
    for (const word of words) expect([word, bytesValue(word)]).toEqual([word, afinnValue(normalizeWord(word))]);
  });

  it('knows natural\'s own figures: love +3, hate −3, not negates', () => {
    expect([bytesValue('love'), bytesValue('hate'), bytesValue('not'), bytesValue('table')]).toEqual([3, -3, NEGATION, 0]);
    const SentimentAnalyzer = createRequire(import.meta.url)('natural/lib/natural/sentiment/SentimentAnalyzer') as new (l: string, s: null, t: string) => { getSentiment(w: string[]): number };
    expect(new SentimentAnalyzer('English', null, 'afinn').getSentiment(['love'])).toBe(3);
  });
});
