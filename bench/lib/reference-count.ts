/**
 * The word rules (docs/word-rules.md) written the obvious way (decode, regex,
 * normalize): slow, but independent of the scanner, so the bench can check
 * wordmill's results on its generated unit texts against it.
 */
import { readFileSync } from 'node:fs';

export function referenceTotals(path: string): { totalWords: number; uniqueWords: number } {
  let text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(readFileSync(path));
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const words = new Set<string>();
  let totalWords = 0;
  for (const [match] of text.matchAll(/[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu)) {
    words.add(match.toLowerCase().normalize('NFC').replaceAll('’', "'"));
    totalWords++;
  }
  return { totalWords, uniqueWords: words.size };
}
