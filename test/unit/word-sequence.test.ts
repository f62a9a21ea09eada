/** The sequential tokenizer (n-grams, sentences) follows the word rules exactly as the byte scanner does. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../workers/io/decode-input.ts';
import { wordSequence } from '../../workers/text/word-sequence.ts';
import { scanInput } from '../../workers/tasks/wordcount.ts';
import { BOOKS, DATA_DIR, FIXTURES } from '../helpers/conformance.ts';

function sameCounts(raw: Uint8Array): void {
  const words = wordSequence(decodeUtf8(raw, true).text);
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const scan = scanInput({ kind: 'bytes', bytes: raw, atStart: true });
  expect(words.length).toBe(scan.totalWords);
  expect(new Map([...counts].sort())).toEqual(new Map([...scan.counts].sort()));
}

describe('word sequence', () => {
  it.each(BOOKS)('gives the byte scanner’s counts on %s', (book) => {
    sameCounts(readFileSync(`${DATA_DIR}${book}.txt`));
  });

  it('gives the byte scanner’s counts on the Unicode sample', () => {
    sameCounts(readFileSync(`${FIXTURES}conformance/unicode-sample.txt`));
  });

  it('keeps order and applies the rules', () => {
    const text = "\ufeff'Tis Don’t rock'n'roll well-known CAFÉ e\u0301 dogs' 𐐀x";
    expect(wordSequence(decodeUtf8(Buffer.from(text), true).text)).toEqual(
      ['tis', "don't", "rock'n'roll", 'well', 'known', 'café', 'é', 'dogs', '𐐨x'],
    );
  });

  it('marks invalid UTF-8 and replaces it with U+FFFD (a separator)', () => {
    const decoded = decodeUtf8(Buffer.from([0x61, 0xff, 0x62]), true);
    expect(decoded.invalidUtf8).toBe(true);
    expect(wordSequence(decoded.text)).toEqual(['a', 'b']);
  });
});
