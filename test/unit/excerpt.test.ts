/** excerpt(): a short, safe rendering of any rejected value. */
import { describe, expect, it } from 'vitest';
import { clip, excerpt } from '../../src/excerpt.ts';

describe('excerpt', () => {
  it('gives short values whole, as JSON', () => {
    expect(excerpt({ a: [1, 'two', null, true] })).toBe('{"a":[1,"two",null,true]}');
    expect(excerpt(undefined)).toBe('undefined');
  });

  it('cuts long strings, long lists and deep nesting at 100 characters with an ellipsis', () => {
    expect(excerpt('x'.repeat(1_000_000))).toBe(`"${'x'.repeat(99)}…`);
    expect(excerpt(Array.from({ length: 100_000 }, () => 7))).toBe(`[${'7,'.repeat(49)}7…`);
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(excerpt(deep)).toBe(`${'['.repeat(100)}…`);
  });

  it('never ends on half a surrogate pair', () => {
    expect(clip(`${'a'.repeat(99)}😀`, 100)).toBe(`${'a'.repeat(99)}…`);
  });
});
