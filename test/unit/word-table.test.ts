/**
 * The word table and scanner in WebAssembly, on the paths the property tests
 * do not reach with their short texts: tables and arenas that grow many
 * times, counts past 2^30 (handed to JavaScript), words carried across many
 * feeds, and the word-length limit.
 */
import { describe, expect, it } from 'vitest';
import { MAX_WORD_BYTES } from '../../src/protocol.ts';
import { finalWords } from '../../workers/text/final-words.ts';
import { selectTop } from '../../workers/text/top-words.ts';
import { WordScanner } from '../../workers/text/word-scanner.ts';
import { CountBytes, WordTable } from '../../workers/text/word-table.ts';
import { TooManyWordsError } from '../../workers/text/too-many-words.ts';
import { WordTooLongError } from '../../workers/text/word-too-long.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('word table (WebAssembly)', () => {
  it('counts 60,000 distinct words exactly from a 16-slot, 64-byte start', () => {
    const words = Array.from({ length: 60_000 }, (_, i) => `w${i.toString(36)}x`);
    // Each word i appears (i % 3) + 1 times, in an order that is not sorted.
    const text = words.flatMap((w, i) => Array.from({ length: (i % 3) + 1 }, () => (i % 2 === 0 ? w.toUpperCase() : w))).reverse().join(' ');
    const scanner = new WordScanner(new WordTable(16, 64));
    scanner.feed(encode(text));
    const counts = scanner.finish().toCounts();
    expect(counts.size).toBe(60_000);
    expect(scanner.totalWords).toBe(120_000);
    expect(counts.get('w0x')).toBe(1);
    expect(counts.get('w1x')).toBe(2);
    expect(counts.get(`w${(59_999).toString(36)}x`)).toBe(3);
  });

  it('keeps counts past 2^30 exact through merges (they spill to JavaScript)', () => {
    const table = new WordTable();
    table.addKeys('the\nword', [2 ** 30 + 5, 7]);
    table.addKeys('the\nother', [2 ** 31, 1]);
    expect(table.countOf(encode('the'))).toBe(2 ** 30 + 5 + 2 ** 31);
    expect(table.toCounts()).toEqual(new Map([['the', 2 ** 30 + 5 + 2 ** 31], ['word', 7], ['other', 1]]));
    const { keys, counts } = table.keysAndCounts();
    expect(new Map(keys.split('\n').map((k, i) => [k, counts[i]]))).toEqual(table.toCounts());
    const bytes = table.keyBytesAndCounts();
    expect(bytes.keys.toString('utf8')).toBe(keys);
    expect([...bytes.counts]).toEqual([...counts]);
  });

  it('adds keys given as bytes and counts given as little-endian float64 bytes', () => {
    const table = new WordTable();
    table.addKeys('éclair\nword', [3, 2 ** 30 + 1]);
    const { keys, counts } = table.keyBytesAndCounts();
    const next = new WordTable();
    next.addKeys(keys, new CountBytes(new Uint8Array(counts.buffer)));
    next.addKeys(Buffer.from('word\nnew'), new CountBytes(new Uint8Array(Float64Array.of(4, 1).buffer)));
    expect(next.toCounts()).toEqual(new Map([['éclair', 3], ['word', 2 ** 30 + 5], ['new', 1]]));
  });

  it('packs every key and count in its memory, as the keys and counts read one by one', () => {
    const scanner = new WordScanner(new WordTable(16, 64));
    scanner.feed(encode('Éclair éclair the THE the o’clock Война 42 x'));
    const table = scanner.finish();
    const { keys, counts } = table.packedKeys();
    expect(counts).toBeInstanceOf(CountBytes);
    const values = new Float64Array((counts as CountBytes).bytes.slice().buffer);
    const packed = new Map(keys.toString('utf8').split('\n').map((k, i) => [k, values[i]]));
    expect(packed).toEqual(new Map([['Éclair', 1], ['éclair', 1], ['the', 3], ['o’clock', 1], ['Война', 1], ['42', 1], ['x', 1]]));
    expect(table.keysAndCounts().keys).toBe(keys.toString('utf8'));
    expect([...table.keyBytesAndCounts().counts]).toEqual([...values]);
    const empty = new WordTable();
    expect(empty.packedKeys().keys.length).toBe(0);
    expect(empty.keysAndCounts()).toEqual({ keys: '', counts: new Float64Array(0) });
  });

  it('ranks a spilled count by its whole value in the top words', () => {
    const table = new WordTable();
    // After the spill, the slot of "the" holds 5: a read-out going by slot counts alone would rank it last.
    table.addKeys('the\nword\nother', [2 ** 30 + 5, 7, 6]);
    expect(finalWords(table, 2, new Set())).toEqual({ uniqueWords: 3, top: [{ word: 'the', count: 2 ** 30 + 5 }, { word: 'word', count: 7 }] });
  });

  it('reads the top words from a table of 60,000 keys with many tied counts, ties in code-point order', () => {
    const words = Array.from({ length: 60_000 }, (_, i) => `w${i.toString(36)}x`);
    const text = words.flatMap((w, i) => Array.from({ length: i % 50 === 0 ? 3 : 1 }, () => w)).join(' ');
    const scanner = new WordScanner(new WordTable(16, 64));
    scanner.feed(encode(text));
    const table = scanner.finish();
    const stop = new Set(['w0x', 'w1ex']);
    const expected = selectTop(table.toCounts(), 25, stop);
    expect(finalWords(table, 25, stop)).toEqual({ uniqueWords: 60_000, top: expected });
    expect(expected.filter((t) => t.count === 3)).toHaveLength(25);
  });

  it('carries a 100,000-byte word across 1-byte feeds and counts it once', () => {
    const long = 'é'.repeat(50_000);
    const bytes = encode(`a ${long} b ${long}`);
    const scanner = new WordScanner();
    for (let i = 0; i < bytes.length; ) {
      // Never cut inside a two-byte é: the feed contract.
      const step = bytes[i]! >= 0xc0 ? 2 : 1;
      scanner.feed(bytes, i, i + step);
      i += step;
    }
    expect(scanner.finish().toCounts()).toEqual(new Map([['a', 1], [long, 2], ['b', 1]]));
    expect(scanner.totalWords).toBe(4);
  });

  it(`refuses a word longer than ${MAX_WORD_BYTES} bytes, in one feed or across feeds`, () => {
    const long = encode('x'.repeat(MAX_WORD_BYTES + 1));
    const oneFeed = new WordScanner();
    expect(() => {
      oneFeed.feed(long);
      oneFeed.finish();
    }).toThrow(WordTooLongError);
    const scanner = new WordScanner();
    scanner.feed(long, 0, 1000);
    expect(() => {
      scanner.feed(long, 1000, long.length);
      scanner.finish();
    }).toThrow(WordTooLongError);
    const atLimit = new WordScanner();
    atLimit.feed(long, 0, MAX_WORD_BYTES);
    expect(atLimit.finish().toCounts().get('x'.repeat(MAX_WORD_BYTES))).toBe(1);
  });

  it('reuses a released table\'s memory for the next table, empty, and refuses the released one', () => {
    const first = new WordScanner(WordTable.forInput(100));
    first.feed(new Uint8Array([...encode('Alpha beta beta gamma '), 0xff]));
    expect(first.invalidUtf8).toBe(true);
    const table = first.finish();
    table.addKeys('big', [2 ** 30 + 1]);
    table.release();
    expect(() => table.toCounts()).toThrow(/after release/);
    const next = new WordScanner(WordTable.forInput(100));
    next.feed(encode('beta delta'));
    expect(next.finish().toCounts()).toEqual(new Map([['beta', 1], ['delta', 1]]));
    expect(next.totalWords).toBe(2);
    expect(next.invalidUtf8).toBe(false);
    next.table.addKeys('big', [2 ** 30 + 2]);
    expect(next.table.countOf(encode('big'))).toBe(2 ** 30 + 2);
  });

  it('refuses a table past 2 GiB with E_TOO_MANY_WORDS, and the next table works', () => {
    // 2^27 slots of 16 bytes is 2 GiB: the same check a table growing to tens of millions of words meets.
    expect(() => new WordTable(2 ** 27)).toThrow(TooManyWordsError);
    expect(() => new WordTable(2 ** 27)).toThrow(/2048 MiB, past the 2 GiB/);
    const scanner = new WordScanner();
    scanner.feed(encode('still counting'));
    expect(scanner.finish().toCounts()).toEqual(new Map([['still', 1], ['counting', 1]]));
  });
});
