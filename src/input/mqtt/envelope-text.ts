/**
 * A JSON envelope's `text` read from the payload's bytes, so that a large
 * text goes to the threads as UTF-8 bytes without being decoded to a string
 * and encoded back: decoding 256 KiB of UTF-8 (to a two-byte string as soon
 * as one char is not ASCII), JSON-parsing it and encoding the text again was
 * most of the main thread's time per message. Anything unusual (a second or
 * escaped `text` key, a text JSON.parse refuses, a \u escape above U+007F)
 * answers undefined, and the caller parses the envelope the ordinary way
 * (same answers, same errors).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const TEXT_KEY = Buffer.from('text');

/** The byte range of the `text` string's content (between its quotes), or undefined (see above). */
export function findText(payload: Uint8Array): { start: number; end: number } | undefined {
  const bytes = asBuffer(payload);
  let at = skipBlank(bytes, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  if (bytes[at] !== OPEN_BRACE) return undefined;
  at = skipBlank(bytes, at + 1);
  let found: { start: number; end: number } | undefined;
  if (bytes[at] === CLOSE_BRACE) return undefined;
  for (;;) {
    if (bytes[at] !== QUOTE) return undefined;
    const keyEnd = stringEnd(bytes, at + 1);
    if (keyEnd < 0) return undefined;
    const keyBackslash = bytes.indexOf(BACKSLASH, at + 1);
    // An escaped key may spell `text` too: leave such an envelope to JSON.parse.
    if (keyBackslash >= 0 && keyBackslash < keyEnd) return undefined;
    const isText = keyEnd - at - 1 === TEXT_KEY.length && bytes.compare(TEXT_KEY, 0, TEXT_KEY.length, at + 1, keyEnd) === 0;
    at = skipBlank(bytes, keyEnd + 1);
    if (bytes[at] !== COLON) return undefined;
    at = skipBlank(bytes, at + 1);
    if (isText) {
      if (found !== undefined || bytes[at] !== QUOTE) return undefined;
      const start = at + 1;
      const end = stringEnd(bytes, start);
      if (end < 0) return undefined;
      found = { start, end };
      at = end + 1;
    } else {
      at = valueEnd(bytes, at);
      if (at < 0) return undefined;
    }
    at = skipBlank(bytes, at);
    if (bytes[at] === CLOSE_BRACE) break;
    if (bytes[at] !== COMMA) return undefined;
    at = skipBlank(bytes, at + 1);
  }
  return skipBlank(bytes, at + 1) === bytes.length ? found : undefined;
}

/**
 * The UTF-8 bytes of the JSON string content in [start, end) of `payload`, escapes undone, in a
 * buffer of their own. The string is read as latin1, one char per byte, so JSON.parse undoes the
 * escapes and checks the string (control bytes, bad escapes) without decoding UTF-8, and the chars
 * go back to the same bytes. A \u escape of U+0080 or above would come out as one char instead of
 * its UTF-8 bytes: such a text answers undefined (so does any string JSON.parse refuses).
 */
export function textBytes(payload: Uint8Array, start: number, end: number): Buffer | undefined {
  const quoted = asBuffer(payload).toString('latin1', start - 1, end + 1);
  for (let u = quoted.indexOf('\\u'); u >= 0; u = quoted.indexOf('\\u', u + 2)) {
    const unit = Number.parseInt(quoted.slice(u + 2, u + 6), 16);
    // Also a false alarm (an escaped backslash before a "u") sends the text the ordinary way: rare, and right.
    if (!(unit < 0x80)) return undefined;
  }
  let text: unknown;
  try {
    text = JSON.parse(quoted);
  } catch {
    return undefined;
  }
  return typeof text === 'string' ? Buffer.from(text, 'latin1') : undefined;
}

function asBuffer(payload: Uint8Array): Buffer {
  return Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
}

function skipBlank(bytes: Buffer, at: number): number {
  while (at < bytes.length) {
    const b = bytes[at]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) break;
    at++;
  }
  return at;
}

/** The index of the quote that closes the string whose content starts at `at`; -1 if none. */
function stringEnd(bytes: Buffer, at: number): number {
  for (;;) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote < 0) return -1;
    let slashes = 0;
    while (bytes[quote - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

/** Just past the JSON value at `at` (another key's: small), strings and nesting followed; -1 if cut off. */
function valueEnd(bytes: Buffer, at: number): number {
  let depth = 0;
  while (at < bytes.length) {
    const b = bytes[at]!;
    if (b === QUOTE) {
      at = stringEnd(bytes, at + 1);
      if (at < 0) return -1;
      if (depth === 0) return at + 1;
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
    else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      if (depth === 0) return at;
      depth--;
      if (depth === 0) return at + 1;
    } else if (depth === 0 && (b === COMMA || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) return at;
    at++;
  }
  return depth === 0 ? at : -1;
}
