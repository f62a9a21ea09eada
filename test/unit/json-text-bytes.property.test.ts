import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isShared } from '../../src/dispatch/shared-bytes.ts';
import { parseTextBytesJson } from '../../src/input/json/json-text-bytes.ts';

const bytesOf = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

describe('a JSON envelope read with its text as UTF-8 bytes', () => {
  it('gives the text\'s exact UTF-8 bytes and the other fields as JSON.parse does, or declines', () => {
    fc.assert(fc.property(
      fc.string({ unit: 'binary' }),
      fc.option(fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/), { nil: undefined }),
      fc.option(fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ unit: 'binary', maxLength: 8 }), fc.boolean())), { nil: undefined }),
      (text, id, options) => {
        const envelope = { ...(id === undefined ? {} : { id }), text, ...(options === undefined ? {} : { options }) };
        const read = parseTextBytesJson(bytesOf(envelope));
        // JSON.stringify writes \u escapes only for lone surrogates and control characters, and
        // the path declines non-ASCII fields other than the text: otherwise it must answer.
        const declines = /[\ud800-\udfff\u0000-\u001f\u007f-\uffff]/.test(JSON.stringify(options ?? {})) || /[\u0000-\u0007\u000b\u000e-\u001f]|\p{Cs}/u.test(text);
        if (read === undefined) {
          expect(declines).toBe(true);
          return;
        }
        expect(Buffer.from(read.text).equals(Buffer.from(text, 'utf8'))).toBe(true);
        const { text: _latin1, ...rest } = read.value;
        const { text: _text, ...expected } = JSON.parse(JSON.stringify(envelope)) as Record<string, unknown>;
        expect(rest).toEqual(expected);
      },
    ), { numRuns: 500 });
  });

  it('reads escapes, quotes and multi-byte characters back to the same bytes', () => {
    const text = 'naïve "café"\n\tback\\slash / ünïcødé 🎉 — end';
    const read = parseTextBytesJson(bytesOf({ id: 'a-1', task: 'wordcount', text, options: { top: 3, stopwords: 'none' } }));
    expect(read).toBeDefined();
    expect(Buffer.from(read!.text).toString('utf8')).toBe(text);
    expect(read!.value).toMatchObject({ id: 'a-1', task: 'wordcount', options: { top: 3, stopwords: 'none' } });
  });

  it('drops a leading byte-order mark as TextDecoder does', () => {
    const read = parseTextBytesJson(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytesOf({ text: 'héllo' })]));
    expect(Buffer.from(read!.text).toString('utf8')).toBe('héllo');
  });

  it('declines what it cannot read exactly: \\u escapes, invalid UTF-8, raw control characters, non-ASCII fields, non-objects', () => {
    expect(parseTextBytesJson(Buffer.from('{"text":"caf\\u00e9"}'))).toBeUndefined();
    expect(parseTextBytesJson(Buffer.from('{"text":"a\\\\u0041"}'))).toBeUndefined();
    expect(parseTextBytesJson(Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]))).toBeUndefined();
    expect(parseTextBytesJson(Buffer.from('{"text":"line\nbreak"}'))).toBeUndefined();
    expect(parseTextBytesJson(bytesOf({ text: 'x', options: { stopwords: 'français' } }))).toBeUndefined();
    expect(parseTextBytesJson(bytesOf(['text']))).toBeUndefined();
    expect(parseTextBytesJson(bytesOf({ text: 42 }))).toBeUndefined();
  });

  it('puts a large text in shared memory and a small one in a plain buffer', () => {
    const large = parseTextBytesJson(bytesOf({ text: 'wörd '.repeat(20_000) }));
    expect(isShared(large!.text)).toBe(true);
    expect(Buffer.from(large!.text).toString('utf8')).toBe('wörd '.repeat(20_000));
    expect(isShared(parseTextBytesJson(bytesOf({ text: 'small' }))!.text)).toBe(false);
  });
});
