/**
 * Stopword lists. natural's per-language lists are loaded one file at a time
 * (never natural's index, which costs ~0.7 s per thread and runs dotenv).
 */
import { createRequire } from 'node:module';
import type { StopwordLanguage, StopwordSpec } from '../../src/protocol.ts';

const require = createRequire(import.meta.url);
const byLanguage = new Map<StopwordLanguage, ReadonlySet<string>>();
const EMPTY: ReadonlySet<string> = new Set();

export function stopwordSet(spec: StopwordSpec): ReadonlySet<string> {
  if (spec === 'none') return EMPTY;
  if (typeof spec === 'object') return new Set(spec.words);
  let set = byLanguage.get(spec);
  if (!set) {
    const file = spec === 'en' ? 'stopwords' : `stopwords_${spec}`;
    const mod = require(`natural/lib/natural/util/${file}`) as { words: string[] };
    set = new Set(mod.words);
    byLanguage.set(spec, set);
  }
  return set;
}
