/** stats: every figure counted by hand on a small text. */
import { describe, expect, it } from 'vitest';
import { countLines } from '../../workers/text/text-stats-reference.ts';
import { runTask } from '../helpers/run-task.ts';

describe('stats task', () => {
  it('counts characters, bytes, words, sentences, lines and averages', () => {
    // 2 lines; "Héllo wörld. Héllo!" = 19 code points, 22 bytes (é, ö, é take 2); "\n" + "Bye now" → 27 code points, 30 bytes.
    const { stats, totalWords } = runTask('stats', 'Héllo wörld. Héllo!\nBye now');
    expect(stats).toEqual({
      characters: 27, bytes: 30, words: 5, distinctWords: 4, sentences: 3, lines: 2,
      // Letters 5+5+5+3+3 = 21 over 5 words; 5 words over 3 sentences; 4 distinct of 5.
      averageWordLength: 4.2, averageSentenceLength: 1.6667, typeTokenRatio: 0.8,
    });
    expect(totalWords).toBe(5);
  });

  it('counts a BOM as no character, and an empty text as zeros', () => {
    expect(runTask('stats', '\ufeffab').stats).toMatchObject({ characters: 2, bytes: 5, words: 1 });
    expect(runTask('stats', '').stats).toMatchObject({ characters: 0, words: 0, sentences: 0, lines: 0, averageWordLength: 0 });
  });

  it('counts lines like an editor', () => {
    expect([countLines('a'), countLines('a\n'), countLines('a\r\nb'), countLines('\n\n')]).toEqual([1, 1, 2, 2]);
  });
});
