import { readFileSync } from 'node:fs';
import { STOPWORD_LANGUAGES } from '../protocol.ts';
import type { StopwordSpec } from '../protocol.ts';

/**
 * `--stopwords en|none|<lang>|FILE`. A file holds one word per line (`#`
 * starts a comment); its words get word rule 3 so they match counted words.
 */
export function parseStopwordsOption(value: string): StopwordSpec {
  if (value === 'none') return 'none';
  if ((STOPWORD_LANGUAGES as readonly string[]).includes(value)) return value as StopwordSpec;
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch (error) {
    const languages = STOPWORD_LANGUAGES.join('|');
    throw new Error(`--stopwords: "${value}" is neither none, a language (${languages}) nor a readable file (${(error as Error).message})`);
  }
  const words = text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '')
    .map((word) => word.toLowerCase().normalize('NFC').replaceAll('\u2019', "'"));
  return { words };
}
