/** The output folder's index is checked as it is read: anything this version cannot use counts as no index (a full count). */
import { describe, expect, it } from 'vitest';
import { isRunIndex } from '../../src/cli/corpus/run-index.ts';

const entry = {
  size: '12', mtimeNs: '1700000000000000000', ino: '42', counts: 'a.counts',
  result: { output: '/out/a_1.json', totalWords: 3, uniqueWords: 2, bytes: 12 },
};
const index = { version: 1, key: 'k', files: { '/in/a.txt': entry }, corpus: { counts: 'c.counts', of: ['a.counts'], result: { task: 'wordcount' } } };

describe('run index check', () => {
  it('accepts an index as a run writes it, with or without a corpus, racy and stats sums', () => {
    expect(isRunIndex(index)).toBe(true);
    expect(isRunIndex({ version: 1, key: 'k', files: {} })).toBe(true);
    const stats = { ...entry, racy: true, counts: null, result: { output: null, totalWords: 3, bytes: 12, sums: { characters: 9, sentences: 1, lines: 1 } } };
    expect(isRunIndex({ ...index, files: { '/in/a.txt': stats } })).toBe(true);
  });

  it('refuses another version, a missing or mistyped field, and malformed corpus or sums', () => {
    expect(isRunIndex({ ...index, version: 2 })).toBe(false);
    expect(isRunIndex({ ...index, key: undefined })).toBe(false);
    expect(isRunIndex({ ...index, files: [] })).toBe(false);
    expect(isRunIndex({ ...index, files: { '/in/a.txt': { ...entry, size: 12 } } })).toBe(false);
    expect(isRunIndex({ ...index, files: { '/in/a.txt': { ...entry, counts: undefined } } })).toBe(false);
    expect(isRunIndex({ ...index, files: { '/in/a.txt': { ...entry, racy: 'yes' } } })).toBe(false);
    expect(isRunIndex({ ...index, files: { '/in/a.txt': { ...entry, result: { ...entry.result, totalWords: '3' } } } })).toBe(false);
    expect(isRunIndex({ ...index, files: { '/in/a.txt': { ...entry, result: { ...entry.result, sums: { characters: 1 } } } } })).toBe(false);
    expect(isRunIndex({ ...index, corpus: { counts: 'c.counts', of: [1], result: {} } })).toBe(false);
    expect(isRunIndex({ ...index, corpus: { counts: 'c.counts', of: [], result: null } })).toBe(false);
    expect(isRunIndex(null)).toBe(false);
  });
});
