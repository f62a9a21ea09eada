/** wordcount with `stem`: counts per Porter stem, shown as the stem's most frequent word. */
import { describe, expect, it } from 'vitest';
import { parseTaskOptions } from '../../src/tasks/registry.ts';
import { runTask } from '../helpers/run-task.ts';

describe('wordcount stem', () => {
  it('adds up the forms of a stem and shows the most frequent one', () => {
    // run: runs ×2 + running + run = 4 (shown as "runs"); connect: connected + connection ×2 = 3.
    const stats = runTask('wordcount', 'runs running runs run connected connection connection the the the', { top: 3, stem: true });
    expect(stats.top).toEqual([
      { word: 'runs', count: 4, stem: 'run' },
      { word: 'connection', count: 3, stem: 'connect' },
    ]);
    expect(stats).toMatchObject({ totalWords: 10, uniqueWords: 6, uniqueStems: 2 });
  });

  it('breaks a tie between forms in code-point order, and stems other languages', () => {
    expect(runTask('wordcount', 'jumped jumps', { stem: 'en', top: 1 }).top).toEqual([{ word: 'jumped', count: 2, stem: 'jump' }]);
    expect(runTask('wordcount', 'chanter chante chantait', { stem: 'fr', stopwords: 'fr', top: 1 }).top[0]).toEqual({ word: 'chantait', count: 3, stem: 'chant' });
  });

  it('leaves the output unchanged without stem (no stem keys, options as before)', () => {
    const stats = runTask('wordcount', 'runs running', { top: 5 });
    expect(stats).not.toHaveProperty('uniqueStems');
    expect(stats.top.every((t) => !('stem' in t))).toBe(true);
    expect(parseTaskOptions('wordcount', { top: 1, n: 3, language: 'en' }, { stem: false })).toEqual({ top: 1, stopwords: 'en' });
  });
});
