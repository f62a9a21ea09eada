/**
 * Large MQTT envelopes have their text read from the payload's bytes (envelope-text.ts): the job's
 * input must be exactly the UTF-8 of the text JSON.parse would give, and anything the byte walk does
 * not take must come out as the ordinary parse has it (the text as a string, or the same error).
 */
import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../src/input/mqtt/payload.ts';

const LIMIT = 1 << 22;
const filler = 'The quick brown fox, "quoted", back\\slash\ttab\r\nnaïve café 日本語 😀 jumps.\n'.repeat(1200); // ~100 KB
const big = (text: string): string => `${filler}${text}`;
const encode = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');
const inputOf = (payload: Buffer) => parsePayload(payload, undefined, LIMIT).input;
const parseError = (payload: Buffer): string => {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (error) {
    return `the payload starts with "{" but is not a JSON envelope: ${(error as Error).message}`;
  }
  throw new Error('expected the payload not to parse');
};

describe('large MQTT envelopes read from their bytes', () => {
  it.each([
    ['escapes JSON.stringify writes', big('\u0001\u001f end')],
    ['a text that starts with a BOM char', `\ufeff${big('x')}`],
    ['an empty-looking tail', big('')],
  ])('takes %s as the UTF-8 bytes of the text', (_name, text) => {
    const parsed = parsePayload(encode({ id: 'job-1', text, options: { top: 3 } }), undefined, LIMIT);
    expect(parsed).toEqual({ kind: 'envelope', id: 'job-1', task: undefined, input: { bytes: Buffer.from(text, 'utf8') }, options: { top: 3 } });
  });

  it('finds the top-level text whatever the key order, spacing, nesting and byte-order mark', () => {
    const text = big('end');
    const escaped = JSON.stringify(text);
    const payload = Buffer.from(`\ufeff {\n "options" : {"text": "not this", "list": [1, {"a": "}"}]},\t"task":"wordcount", "text" : ${escaped} , "id":"a\\"b"\n}\n`);
    // The id is refused by the envelope's rules (a quote): the walk must not hide that error.
    expect(() => parsePayload(payload, undefined, LIMIT)).toThrow(expect.objectContaining({ code: 'E_INVALID_MESSAGE', message: 'envelope "id": use 1-128 letters, digits, ".", "_" or "-"' }));
    const valid = Buffer.from(`\ufeff {\n "options" : {"text": "not this", "list": [1, {"a": "}"}]},\t"task":"wordcount", "text" : ${escaped} , "id":"a-b"\n}\n`);
    expect(parsePayload(valid, undefined, LIMIT)).toEqual({
      kind: 'envelope', id: 'a-b', task: 'wordcount', input: { bytes: Buffer.from(text, 'utf8') }, options: { text: 'not this', list: [1, { a: '}' }] },
    });
  });

  it.each([
    ['a \\u escape above U+007F', `{"text":${JSON.stringify(big('x')).slice(0, -1)}\\u00e9"}`, big('xé')],
    ['a lone surrogate', `{"text":${JSON.stringify(big('x')).slice(0, -1)}\\ud800"}`, big('x\ud800')],
    ['an escaped key that spells text', `{"te\\u0078t":${JSON.stringify(big('y'))}}`, big('y')],
  ])('leaves %s to the ordinary parse: the text as a string', (_name, payload, text) => {
    expect(inputOf(Buffer.from(payload, 'utf8'))).toEqual({ text });
  });

  it('gives the last of two text keys, as JSON.parse does', () => {
    expect(inputOf(Buffer.from(`{"text":${JSON.stringify(big('first'))},"text":"second"}`))).toEqual({ text: 'second' });
  });

  it.each([
    ['a raw newline in the text', Buffer.from(`{"text":"${'a'.repeat(70_000)}\nb"}`)],
    ['a bad escape', Buffer.from(`{"text":"${'a'.repeat(70_000)}\\x"}`)],
    ['bytes after the envelope', Buffer.from(`{"text":"${'a'.repeat(70_000)}"} x`)],
    ['a missing comma', Buffer.from(`{"text":"${'a'.repeat(70_000)}" "id":"x"}`)],
  ])('refuses %s with the error of the whole payload', (_name, payload) => {
    expect(() => parsePayload(payload, undefined, LIMIT)).toThrow(expect.objectContaining({ code: 'E_INVALID_MESSAGE', message: parseError(payload) }));
  });

  it('refuses invalid UTF-8 anywhere in the payload, as the ordinary parse does', () => {
    const payload = Buffer.concat([Buffer.from(`{"text":"${'a'.repeat(70_000)}`), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(() => parsePayload(payload, undefined, LIMIT)).toThrow(expect.objectContaining({ code: 'E_INVALID_MESSAGE', message: parseError(payload) }));
  });

  it('parses a small envelope whole: its text stays a string', () => {
    expect(inputOf(encode({ text: 'small\ntext' }))).toEqual({ text: 'small\ntext' });
  });
});
