import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TopWord } from '../../src/protocol.ts';

export const BOOKS = ['dracula', 'frankenstein', 'heart-of-darkness', 'pride-and-prejudice'] as const;
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface Expected {
  totalWords: number;
  uniqueWords: number;
  top: TopWord[];
}

/** Expected results computed by an independent implementation (test/fixtures/conformance/README.md). */
export function expectedFor(name: (typeof BOOKS)[number] | 'unicode-sample'): Expected {
  const file = name === 'unicode-sample' ? 'unicode-sample.top50.json' : `${name}.expected.json`;
  const raw = JSON.parse(readFileSync(`${FIXTURES}conformance/${file}`, 'utf8')) as {
    totalWords: number;
    uniqueWords: number;
    top: Array<[string, number]>;
  };
  return { totalWords: raw.totalWords, uniqueWords: raw.uniqueWords, top: raw.top.map(([word, count]) => ({ word, count })) };
}
