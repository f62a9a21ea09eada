/** sentiment: AFINN-165 scores worked out by hand (love +3, happy +3, terrible −3, awful −3, mess −2, good +3). */
import { describe, expect, it } from 'vitest';
import { parseTaskOptions } from '../../src/tasks/registry.ts';
import { runTask } from '../helpers/run-task.ts';

const TEXT = 'I love this happy day! It was a terrible, awful mess? Not good.\n\nThe fox sleeps.';

describe('sentiment task', () => {
  it('scores each sentence, sums them and lists the most positive and negative first', () => {
    const { sentiment, totalWords } = runTask('sentiment', TEXT, { sentences: 1 });
    expect(totalWords).toBe(16);
    // Sentences: +6, −8, −3 ("not" flips good's +3: natural's negation), 0.
    expect(sentiment).toMatchObject({
      language: 'en', vocabulary: 'afinn-165', score: -5, comparative: -0.3125,
      sentences: { count: 4, positive: 1, negative: 2, neutral: 1, mean: -1.25, min: -8, max: 6 },
      mostPositive: [{ index: 0, score: 6, text: 'I love this happy day!' }],
      mostNegative: [{ index: 1, score: -8, text: 'It was a terrible, awful mess?' }],
    });
  });

  it('keeps text order among equal scores and reports zero for an empty text', () => {
    const { sentiment } = runTask('sentiment', 'Good. Bad. Good.', { sentences: 2 });
    expect(sentiment.mostPositive.map((s) => s.index)).toEqual([0, 2]);
    expect(runTask('sentiment', '').sentiment).toMatchObject({ score: 0, comparative: 0, sentences: { count: 0, min: 0, max: 0 } });
  });

  it('refuses languages other than English with E_UNSUPPORTED_LANGUAGE', () => {
    expect(() => parseTaskOptions('sentiment', {}, { language: 'fr' })).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED_LANGUAGE' }));
    expect(() => parseTaskOptions('sentiment', {}, { language: 'french' })).toThrow(expect.objectContaining({ code: 'E_INVALID_JOB' }));
  });
});
