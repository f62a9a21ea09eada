/** The upload chunker cuts where a file's ranges may be cut (src/dispatch/chunk-plan.ts), whatever the pieces. */
import { describe, expect, it } from 'vitest';
import { StreamChunker } from '../../src/dispatch/stream-chunker.ts';

const text = (chunks: Uint8Array[]): string[] => chunks.map((c) => Buffer.from(c).toString('utf8'));

function chunkAll(input: string, size: number, pieceSize: number, rule: 'between-words' | 'mid-sentence' = 'between-words'): string[] {
  const bytes = Buffer.from(input, 'utf8');
  const chunker = new StreamChunker(size, rule);
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += pieceSize) out.push(...chunker.push(bytes.subarray(at, at + pieceSize)));
  const rest = chunker.end();
  if (rest !== undefined) out.push(rest);
  return text(out);
}

describe('StreamChunker', () => {
  it('cuts after the last separator of each full buffer and carries the rest, whatever the piece size', () => {
    for (const piece of [1, 3, 8, 100]) {
      expect(chunkAll('the cat sat on the mat', 8, piece)).toEqual(['the cat ', 'sat on ', 'the mat']);
    }
  });

  it('never splits a UTF-8 sequence: a multi-byte letter is not a cut point', () => {
    // The second buffer (é, 日 and one byte of 本) has no cut: it grows, and the rest ends the stream.
    expect(chunkAll('aé é日本 x', 6, 1)).toEqual(['aé ', 'é日本 x']);
    expect(chunkAll('aé é日本 xyzw vu', 6, 1)).toEqual(['aé ', 'é日本 ', 'xyzw ', 'vu']);
  });

  it('mid-sentence: cuts only after a separator that cannot end a sentence (a comma here)', () => {
    expect(chunkAll('One, two. Three, four.', 8, 2, 'mid-sentence')).toEqual(['One,', ' two. Three,', ' four.']);
  });

  it('grows instead of cutting when a full buffer has no cut point, and hands every chunk its own buffer', () => {
    const chunks: Uint8Array[] = [];
    const chunker = new StreamChunker(4);
    chunks.push(...chunker.push(Buffer.from('abcdefghij k lm nop')));
    chunks.push(chunker.end()!);
    expect(text(chunks)).toEqual(['abcdefghij k lm ', 'nop']);
    expect(chunks[0]!.byteOffset).toBe(0);
    expect(chunks[0]!.buffer).not.toBe(chunks[1]!.buffer);
  });

  it('an empty stream has no rest', () => {
    expect(new StreamChunker(8).end()).toBeUndefined();
  });
});
