/**
 * The schema of each task option, once: every task's schema (registry.ts)
 * and the all-options bag that inputs accept (config.ts) are built from
 * these, so the CLI, HTTP, MQTT and queue mode validate the same way.
 */
import { z } from 'zod';
import { STEM_LANGUAGES, STOPWORD_LANGUAGES } from '../protocol.ts';
import type { StemLanguage } from '../protocol.ts';

/**
 * An inline stopword list travels with the job (queue payloads, every chunk
 * sent to a thread), so it is bounded: past this, use a language's list.
 * Records and result files keep only its digest (src/dispatch/option-digest.ts).
 */
export const STOPWORD_LIST_LIMITS = Object.freeze({ words: 10_000, bytes: 1024 * 1024 });

const stopwordList = z
  .array(z.string())
  .max(STOPWORD_LIST_LIMITS.words, `a stopword list holds at most ${STOPWORD_LIST_LIMITS.words} words`)
  .refine(
    (words) => words.reduce((sum, word) => sum + Buffer.byteLength(word, 'utf8'), 0) <= STOPWORD_LIST_LIMITS.bytes,
    `a stopword list holds at most ${STOPWORD_LIST_LIMITS.bytes} bytes of words (1 MiB)`,
  );

export const stopwordSpecSchema = z.union([
  z.enum(['none', ...STOPWORD_LANGUAGES]),
  z.object({ words: stopwordList }).strict(),
]);

export const topField = z.number().int().min(0).max(10_000);

/** n-grams of 2 to 5 words: 1-grams are wordcount, longer ones are almost all unique. */
export const nField = z.number().int().min(2, 'n must be 2 to 5').max(5, 'n must be 2 to 5');

/** `true` means English; `false` or absent means no stemming. */
export const stemField = z.union([z.boolean(), z.enum(STEM_LANGUAGES)], {
  error: `expected true, false or a stemmer language (${STEM_LANGUAGES.join(', ')})`,
});

/** Any two-letter code is well-formed; whether a task supports it is the task's check (E_UNSUPPORTED_LANGUAGE). */
export const languageField = z.string().regex(/^[a-z]{2}$/, 'expected a two-letter language code like en');

export const sentencesField = z.number().int().min(0).max(1000);

export function normalizeStem(value: StemLanguage | boolean | undefined): StemLanguage | undefined {
  if (value === true) return 'en';
  return value === false ? undefined : value;
}
