/**
 * Counts files read and written in pieces: every cut between pieces gives back
 * the keys and counts a file holds, byte for byte what the whole-buffer
 * layout writes, for any piece size, keys longer than a piece included; and
 * a file that is not what its header says is refused.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCountsHeader as readHeaderInMain } from '../../src/cli/corpus/counts-header.ts';
import { writeCountsLayout } from '../../workers/tasks/counts-layout.ts';
import { forEachCountsPiece, readCountsHeader } from '../../workers/tasks/counts-piece-reader.ts';
import { writeCountsPieces } from '../../workers/tasks/counts-piece-writer.ts';
import { tupleTableKeys } from '../../workers/tasks/ngram-counts-file.ts';
import { wordTableKeys } from '../../workers/tasks/word-table-keys.ts';
import { NgramTable } from '../../workers/text/ngram-table.ts';
import { NgramVocabulary } from '../../workers/text/ngram-vocabulary.ts';
import { countsOf, WordTable } from '../../workers/text/word-table.ts';

const dir = mkdtempSync(join(tmpdir(), 'wordmill-counts-pieces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;
const path = (): string => join(dir, `${serial++}.counts`);

/** Keys as a counts file holds them: no '\n' in any, none empty; some past the small piece sizes below. */
const key = fc.oneof(
  fc.array(fc.constantFrom('a', 'b', 'é', 'Я', ' ', '𐐀', "'"), { minLength: 1, maxLength: 8 }).map((p) => p.join('')),
  fc.array(fc.constantFrom('x', 'ß'), { minLength: 40, maxLength: 90 }).map((p) => p.join('')),
);
const entries = fc.uniqueArray(fc.record({ key, count: fc.integer({ min: 1, max: 2 ** 40 }) }), { selector: (e) => e.key, maxLength: 40 });

function wholeFile(keys: readonly string[], counts: readonly number[], extra: object = {}): string {
  const file = path();
  const bytes = Buffer.from(keys.join('\n'), 'utf8');
  writeCountsLayout(file, { keys: keys.length, keyBytes: bytes.length, ...extra }, [bytes], [Float64Array.from(counts)]);
  return file;
}

function readInPieces(file: string, pieceBytes: number): { keys: string[]; counts: number[]; pieces: Array<{ bytes: number; count: number }> } {
  const keys: string[] = [];
  const counts: number[] = [];
  const pieces: Array<{ bytes: number; count: number }> = [];
  forEachCountsPiece(file, (piece, pieceCounts, count) => {
    keys.push(...Buffer.from(piece).toString('utf8').split('\n'));
    counts.push(...countsOf(pieceCounts));
    pieces.push({ bytes: piece.length, count });
  }, pieceBytes);
  return { keys, counts, pieces };
}

describe('counts files in pieces', () => {
  it('read back every key and count, in order, for any piece size; a piece past the size is one key', () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: 1, max: 64 }), (list, pieceBytes) => {
        const file = wholeFile(list.map((e) => e.key), list.map((e) => e.count));
        const read = readInPieces(file, pieceBytes);
        expect(read.keys).toEqual(list.map((e) => e.key));
        expect(read.counts).toEqual(list.map((e) => e.count));
        for (const piece of read.pieces) if (piece.bytes > pieceBytes) expect(piece.count).toBe(1);
        expect(read.pieces.reduce((n, p) => n + p.count, 0)).toBe(list.length);
      }),
      { numRuns: 300 },
    );
  });

  it('are written byte for byte as the whole buffers are, however the keys and counts are cut', () => {
    fc.assert(
      fc.property(entries, fc.array(fc.nat(), { maxLength: 6 }), (list, cuts) => {
        const keys = list.map((e) => e.key);
        const counts = Float64Array.from(list.map((e) => e.count));
        const whole = wholeFile(keys, [...counts]);
        const header = { keys: keys.length, keyBytes: Buffer.byteLength(keys.join('\n')) };
        const boundsOf = (at: (c: number) => number): number[] => [0, ...[...new Set(cuts.map(at))].sort((a, b) => a - b), keys.length];
        const keyBounds = boundsOf((c) => c % (keys.length + 1));
        // The counts cut elsewhere than the keys: each goes to its own place in the file.
        const countBounds = boundsOf((c) => (c * 3 + 1) % (keys.length + 1));
        const pieces = path();
        writeCountsPieces(pieces, header, (out) => {
          for (let k = 0; k + 1 < keyBounds.length; k++) out.keys(Buffer.from(keys.slice(keyBounds[k], keyBounds[k + 1]).join('\n')), keyBounds[k + 1]! - keyBounds[k]!);
          for (let k = 0; k + 1 < countBounds.length; k++) out.counts(counts.subarray(countBounds[k], countBounds[k + 1]));
        });
        expect(readFileSync(pieces)).toEqual(readFileSync(whole));
      }),
      { numRuns: 100 },
    );
  });

  it('refuse a file cut short, and pieces that do not make what the header says', () => {
    const file = wholeFile(['ab', 'cd'], [1, 2]);
    truncateSync(file, readFileSync(file).length - 1);
    expect(() => readInPieces(file, 4)).toThrow(expect.objectContaining({ code: 'E_COUNTS_FILE', message: expect.stringMatching(/cut short/) }));
    expect(() => writeCountsPieces(path(), { keys: 2, keyBytes: 5 }, (out) => {
      out.keys(Buffer.from('ab'), 1);
      out.counts(Float64Array.of(1));
    })).toThrow(expect.objectContaining({ code: 'E_COUNTS_FILE', message: expect.stringMatching(/written 1 keys in 2 bytes and 1 counts/) }));
  });

  it('have a header line of any length, read alone by the worker and by the main thread', async () => {
    const long = 'w'.repeat(200_000);
    const file = wholeFile(['a b'], [3], { kind: 'ngrams', head: [long], tail: [long, 'z'] });
    expect(readCountsHeader(file)).toMatchObject({ keys: 1, keyBytes: 3, head: [long], tail: [long, 'z'] });
    expect(await readHeaderInMain(file)).toMatchObject({ keys: 1, head: [long] });
    expect(readInPieces(file, 1)).toMatchObject({ keys: ['a b'], counts: [3] });
    writeFileSync(file, '{"keys":1');
    expect(() => readCountsHeader(file)).toThrow(expect.objectContaining({ code: 'E_COUNTS_FILE' }));
    await expect(readHeaderInMain(file)).rejects.toMatchObject({ code: 'E_COUNTS_FILE', message: expect.stringMatching(/no counts file header line/) });
  });

  it('write a tuple table and a word table the same for every piece size', () => {
    const words = ['the', 'é', 'x'.repeat(70), 'Я', 'b'];
    const vocabulary = new NgramVocabulary(new Set());
    const ids = Int32Array.from(words, (w) => vocabulary.idOf(w));
    const tuples = new NgramTable(2);
    const wordTable = new WordTable();
    const expected = new Map<string, number>();
    for (let i = 0; i + 1 < ids.length; i++) {
      for (let j = 0; j < ids.length; j++) {
        const count = 1 + ((i * 7 + j) % 5);
        tuples.add(Int32Array.of(ids[i]!, ids[j]!), 0, count);
        expected.set(`${words[i]!} ${words[j]!}`, count);
      }
    }
    wordTable.addKeys([...expected.keys()].join('\n'), Float64Array.from(expected.values()));
    try {
      for (const keysOf of [(p: number) => tupleTableKeys(tuples, vocabulary, p), (p: number) => wordTableKeys(wordTable, p)]) {
        const written = [1, 5, 64, 1 << 20].map((pieceBytes) => {
          const file = path();
          const keys = keysOf(pieceBytes);
          writeCountsPieces(file, { keys: keys.keys, keyBytes: keys.keyBytes }, (out) => keys.writeTo(out));
          return file;
        });
        for (const file of written) expect(readFileSync(file)).toEqual(readFileSync(written[0]!));
        const read = readInPieces(written[0]!, 3);
        expect(new Map(read.keys.map((k, i) => [k, read.counts[i]!]))).toEqual(expected);
      }
    } finally {
      wordTable.release();
    }
  });
});
