/**
 * JSON.parse of a UTF-8 job envelope (`{ "text": "...", ... }`) with its text
 * taken back as UTF-8 bytes, without a UTF-16 string of it in between.
 *
 * Decoding a 256 KiB envelope to a JS string, parsing it and encoding the
 * text back to UTF-8 for the threads took ~2.5 ms of the main thread (a text
 * with any non-ASCII character becomes a two-byte string, on V8's slow paths).
 * Read as Latin-1 instead, each byte is one character: JSON's syntax and
 * escapes are ASCII and parse the same, a multi-byte UTF-8 sequence passes
 * through a string untouched, and writing the text back as Latin-1 gives its
 * exact UTF-8 bytes. That holds when the bytes are valid UTF-8 (checked first,
 * with SIMD) and there is no `\u` escape (its code point would come back as
 * one Latin-1 byte). Anything else, and any field but the text that is not
 * ASCII, is left to the caller's ordinary path, so results and error messages
 * stay exactly those of `JSON.parse` on the decoded text.
 */
import { isUtf8 } from 'node:buffer';
import { SHARED_MIN_BYTES } from '../../dispatch/shared-bytes.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../json-depth.ts';

export interface TextBytesJson {
  /** The parsed object, its `text` still the Latin-1 string of the text's bytes. */
  value: Record<string, unknown>;
  /** The `text` field's UTF-8 bytes (in shared memory when large: dispatch/shared-bytes.ts). */
  text: Uint8Array;
}

const BACKSLASH_U = Buffer.from('\\u');
const NON_ASCII = /[^\x00-\x7f]/;

/** `undefined`: not such an envelope, or not one this path reads exactly; parse it the ordinary way. */
export function parseTextBytesJson(payload: Uint8Array): TextBytesJson | undefined {
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // TextDecoder drops a BOM
  if (!isUtf8(bytes) || bytes.includes(BACKSLASH_U)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('latin1', from));
  } catch {
    return undefined;
  }
  // Deep nesting is refused by the ordinary path (and JSON.stringify below would overflow the stack).
  if (typeof value !== 'object' || value === null || Array.isArray(value) || nestsDeeperThan(value, MAX_JSON_DEPTH)) return undefined;
  const fields = value as Record<string, unknown>;
  const text = fields['text'];
  if (typeof text !== 'string') return undefined;
  for (const [key, field] of Object.entries(fields)) {
    if (key !== 'text' && NON_ASCII.test(typeof field === 'string' ? field : JSON.stringify(field) ?? '')) return undefined;
  }
  return { value: fields, text: latin1Bytes(text) };
}

function latin1Bytes(text: string): Uint8Array {
  if (text.length < SHARED_MIN_BYTES) return Buffer.from(text, 'latin1');
  const shared = new SharedArrayBuffer(text.length);
  Buffer.from(shared).write(text, 0, text.length, 'latin1');
  return new Uint8Array(shared);
}
