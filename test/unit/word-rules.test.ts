/** The word rules (docs/word-rules.md), rule by rule, on hand-made text with hand-counted answers. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_WORD_BYTES } from '../../src/protocol.ts';
import { scanInput } from '../../workers/tasks/wordcount.ts';
import { countText, wordCounts } from '../helpers/count-text.ts';

describe('rule 1: decoding', () => {
  it('drops a UTF-8 byte-order mark at the start', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('hello hello')]);
    expect(wordCounts(bytes)).toEqual({ hello: 2 });
  });

  it('turns invalid bytes into separators and says so', () => {
    const bytes = Buffer.from([0x61, 0x62, 0xff, 0x63, 0x64, 0x20, 0xc3, 0x28, 0x65]); // ab\xffcd \xc3(e
    const stats = countText(bytes);
    expect(stats.invalidUtf8).toBe(true);
    expect(wordCounts(bytes)).toEqual({ ab: 1, cd: 1, e: 1 });
  });

  it('treats overlong encodings and encoded surrogates as invalid, not as letters', () => {
    // C1 81 is an overlong "A"; ED A0 80 encodes a surrogate.
    const bytes = Buffer.from([0x78, 0xc1, 0x81, 0x79, 0x20, 0x70, 0xed, 0xa0, 0x80, 0x71]);
    expect(wordCounts(bytes)).toEqual({ x: 1, y: 1, p: 1, q: 1 });
  });

  it('reports valid input as valid', () => {
    expect(countText('plain text').invalidUtf8).toBe(false);
  });

  it('rejects input whose first 8 KiB contain a NUL byte', () => {
    const bytes = Buffer.concat([Buffer.from('text '), Buffer.from([0]), Buffer.from(' more')]);
    expect(() => countText(bytes)).toThrow(expect.objectContaining({ code: 'E_BINARY_INPUT' }));
  });

  it('accepts a NUL byte after the first 8 KiB (it separates words)', () => {
    const bytes = Buffer.concat([Buffer.from('a '.repeat(5000)), Buffer.from([0]), Buffer.from('b')]);
    expect(wordCounts(bytes)).toEqual({ a: 5000, b: 1 });
  });
});

describe('rule 2: what a word is', () => {
  it('takes letters, marks and numbers of any script', () => {
    expect(wordCounts('café Война Οδυσσεύς 我爱你 हिन्दी 1984 ٢٠٢٤ Ⅻ')).toEqual({
      café: 1, война: 1, οδυσσεύς: 1, 我爱你: 1, हिन्दी: 1, 1984: 1, '٢٠٢٤': 1, ⅻ: 1,
    });
  });

  it('keeps an apostrophe between two word characters', () => {
    expect(wordCounts("don't rock'n'roll o’clock")).toEqual({ "don't": 1, "rock'n'roll": 1, "o'clock": 1 });
  });

  it('drops leading, trailing and doubled apostrophes', () => {
    expect(wordCounts("'tis dogs' ''quoted'' it''s")).toEqual({ tis: 1, dogs: 1, quoted: 1, it: 1, s: 1 });
  });

  it('splits on hyphens, underscores, punctuation, symbols and emoji', () => {
    expect(wordCounts('well-known _em_ snake_case a+b=c x/y love❤you 👍fine👍 3.14 1,000')).toEqual({
      well: 1, known: 1, em: 1, snake: 1, case: 1, a: 1, b: 1, c: 1, x: 1, y: 1, love: 1, you: 1, fine: 1,
      3: 1, 14: 1, 1: 1, '000': 1,
    });
  });

  it('keeps a variation selector after an emoji: it is a mark (Mn), so it starts a word', () => {
    // "❤️" is U+2764 U+FE0F; the rules make U+FE0F part of the next word, as the conformance data does.
    expect(wordCounts('love\u2764\ufe0fyou')).toEqual({ love: 1, '\ufe0fyou': 1 });
  });

  it('counts astral letters as letters (code points, not UTF-16 units)', () => {
    expect(wordCounts('𐐀𐐁 𝒜𝒷𝒸')).toEqual({ '𐐨𐐩': 1, '𝒜𝒷𝒸': 1 });
  });

  it('keeps combining marks inside the word', () => {
    expect(wordCounts('nai\u0308ve')).toEqual({ 'na\u00efve': 1 });
  });
});

describe('the word length limit', () => {
  it('counts a word of exactly MAX_WORD_BYTES and refuses one byte more (E_WORD_TOO_LONG)', () => {
    expect(countText(`x ${'a'.repeat(MAX_WORD_BYTES)} y`)).toMatchObject({ totalWords: 3, uniqueWords: 3 });
    expect(() => countText(`x ${'a'.repeat(MAX_WORD_BYTES + 1)} y`)).toThrow(expect.objectContaining({ code: 'E_WORD_TOO_LONG' }));
  });

  it('refuses a word that grows across read blocks of a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wordmill-long-'));
    try {
      const path = join(dir, 'letters.txt');
      writeFileSync(path, `start ${'é'.repeat(MAX_WORD_BYTES)}`);
      expect(() => scanInput({ kind: 'file', path, start: 0, end: Number.MAX_SAFE_INTEGER })).toThrow(
        expect.objectContaining({ code: 'E_WORD_TOO_LONG' }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rule 3: one spelling per word', () => {
  it('lowercases, NFC-normalizes and maps U+2019 to an apostrophe', () => {
    expect(wordCounts('Éclair éclair E\u0301clair ÉCLAIR Don’t don\'t')).toEqual({ éclair: 4, "don't": 2 });
  });

  it('lowercases a final sigma as JavaScript does, per word', () => {
    expect(wordCounts('ΟΔΥΣΣΕΥΣ σοφός ΣΟΦΟΣ')).toEqual({ οδυσσευς: 1, σοφός: 1, σοφος: 1 });
  });

  it('keeps ß and does not fold STRASSE into it', () => {
    expect(wordCounts('Straße STRASSE Maß')).toEqual({ straße: 1, strasse: 1, maß: 1 });
  });

  it('merges a non-ASCII spelling into its ASCII form (Kelvin sign K)', () => {
    expect(wordCounts('\u212A k K')).toEqual({ k: 3 });
  });
});

describe('rules 4 and 5: totals and top words', () => {
  it('counts stopwords in totals but leaves them out of top', () => {
    const stats = countText('the cat and the hat and the bat', 10, 'en');
    expect(stats.totalWords).toBe(8);
    expect(stats.uniqueWords).toBe(5);
    expect(stats.top).toEqual([
      { word: 'bat', count: 1 },
      { word: 'cat', count: 1 },
      { word: 'hat', count: 1 },
    ]);
  });

  it('orders by count, then by word in code-point order (astral after BMP)', () => {
    const stats = countText('b a c c \uff41 \u{10428}', 10);
    expect(stats.top.map((t) => t.word)).toEqual(['c', 'a', 'b', '\uff41', '\u{10428}']);
  });

  it('takes a user stopword list and the top size', () => {
    const stats = countText('x x x y y z', 1, { words: ['x'] });
    expect(stats.top).toEqual([{ word: 'y', count: 2 }]);
  });

  it('gives zero counts for empty input', () => {
    expect(countText('')).toMatchObject({ totalWords: 0, uniqueWords: 0, top: [] });
  });
});
