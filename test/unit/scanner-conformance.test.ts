/**
 * The scanner against the conformance data (rule 7 of docs/word-rules.md): expected results
 * for the four books and the Unicode sample, computed by an independent
 * implementation. Goes through scanInput → finalStats, the worker's own path.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finalStats, scanInput } from '../../workers/tasks/wordcount.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = `${root}test/fixtures/conformance/`;

interface Expected {
  totalWords: number;
  uniqueWords: number;
  top: [string, number][];
}

function expected(name: string): Expected {
  return JSON.parse(readFileSync(`${fixtures}${name}`, 'utf8')) as Expected;
}

function countFile(path: string, top: number): { totalWords: number; uniqueWords: number; top: [string, number][] } {
  const scan = scanInput({ kind: 'file', path, start: 0, end: statSync(path).size });
  const stats = finalStats(scan, { top, stopwords: 'en' });
  return { totalWords: stats.totalWords, uniqueWords: stats.uniqueWords, top: stats.top.map((t) => [t.word, t.count]) };
}

describe('scanner conformance', () => {
  for (const book of ['dracula', 'frankenstein', 'heart-of-darkness', 'pride-and-prejudice']) {
    it(`matches the expected counts for ${book}`, () => {
      expect(countFile(`${root}data/${book}.txt`, 20)).toEqual(expected(`${book}.expected.json`));
    });
  }

  it('matches the expected top 50 of the Unicode sample', () => {
    expect(countFile(`${fixtures}unicode-sample.txt`, 50)).toEqual(expected('unicode-sample.top50.json'));
  });

  it('gives the same counts for bytes in memory as for the file', () => {
    const path = `${fixtures}unicode-sample.txt`;
    const bytes = new Uint8Array(readFileSync(path));
    const fromBytes = scanInput({ kind: 'bytes', bytes, atStart: true });
    const fromFile = scanInput({ kind: 'file', path, start: 0, end: bytes.length });
    const { counts, totalWords, bytes: size, invalidUtf8 } = fromFile;
    expect({ counts: fromBytes.counts, totalWords: fromBytes.totalWords, bytes: fromBytes.bytes, invalidUtf8: fromBytes.invalidUtf8 })
      .toEqual({ counts, totalWords, bytes: size, invalidUtf8 });
    expect(fromBytes.invalidUtf8).toBe(true);
  });
});
