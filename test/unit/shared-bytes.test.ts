import { describe, expect, it } from 'vitest';
import { isShared, joinBytes, SHARED_MIN_BYTES, sharedCopy, utf8Bytes } from '../../src/dispatch/shared-bytes.ts';

const piece = (size: number, fill: number): Buffer => Buffer.alloc(size, fill);

describe('job bytes in shared memory', () => {
  it('joins a large body into one shared buffer, byte for byte, and a small one into a plain buffer', () => {
    const large = joinBytes([piece(40_000, 97), piece(30_000, 98)], 70_000);
    expect(isShared(large)).toBe(true);
    expect(Buffer.from(large).equals(Buffer.concat([piece(40_000, 97), piece(30_000, 98)]))).toBe(true);
    const small = joinBytes([piece(10, 97), piece(5, 98)], 15);
    expect(isShared(small)).toBe(false);
    expect(Buffer.from(small).toString()).toBe('aaaaaaaaaabbbbb');
  });

  it('copies into shared memory once, and not again', () => {
    const copy = sharedCopy(piece(SHARED_MIN_BYTES, 120));
    expect(isShared(copy)).toBe(true);
    expect(sharedCopy(copy)).toBe(copy);
  });

  it('encodes a large text into shared memory as UTF-8, a small one into a plain buffer', () => {
    const text = 'naïve café — '.repeat(6000);
    const bytes = utf8Bytes(text);
    expect(isShared(bytes)).toBe(true);
    expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(isShared(utf8Bytes('tiny'))).toBe(false);
  });
});
