/**
 * Random texts for the sentence tasks' property tests: word pieces of every
 * script the word rules cover, and everything the sentence rule looks at
 * (ends, closing quotes and brackets, every kind of white space and line
 * break), plus invalid UTF-8.
 */
import fc from 'fast-check';

const encoder = new TextEncoder();

const PIECES: Uint8Array[] = [
  ...['good', 'bad', 'not', "don't", 'love', 'hate', 'Happy', 'a', 'Z', '7', 'T', 'dogs', 'e\u0301', 'É', 'ß', 'İ', 'Σ', 'мир', '我', '𐐀', 'K'],
  ...[' ', ' ', ' ', ' ', '\n', '\n', '\r', '\r\n', '\t', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u000b'],
  ...['.', '.', '!', '?', '…', '"', "'", '’', '”', ')', ']', '(', ',', ';', '-', '_', '👍', '\u0085', '\u180e'],
].map((s) => encoder.encode(s));
const BAD_BYTES: Uint8Array[] = [[0xff], [0xc3], [0xe2, 0x80], [0x80], [0xed, 0xa0, 0x80]].map((b) => new Uint8Array(b));

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const sentenceText = fc
  .array(fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_BYTES) }), { maxLength: 150 })
  .chain((pieces) => fc.boolean().map((bom) => concat(bom ? [new Uint8Array([0xef, 0xbb, 0xbf]), ...pieces] : pieces)));

/** Decoded as the string references see it: invalid bytes as U+FFFD, a BOM at the start dropped. */
export function decodeForReference(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}
