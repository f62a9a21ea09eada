/** `wordcount`: word counts by the word rules, optionally by stem (docs/tasks.md). */
import { z } from 'zod';
import { STEM_LANGUAGES } from '../protocol.ts';
import type { StemLanguage } from '../protocol.ts';
import { defineTask } from './descriptor.ts';
import { stopwordSpecSchema, topField } from './option-fields.ts';

/** `true` means English; `false` or absent means no stemming. */
export const stemField = z
  .union([z.boolean(), z.enum(STEM_LANGUAGES)], { error: `expected true, false or a stemmer language (${STEM_LANGUAGES.join(', ')})` })
  .meta({ description: `count stems: true (English) or a stemmer language (${STEM_LANGUAGES.join(', ')})`, example: true });

export function normalizeStem(value: StemLanguage | boolean | undefined): StemLanguage | undefined {
  if (value === true) return 'en';
  return value === false ? undefined : value;
}

export const topWordSchema = z.object({
  word: z.string(),
  count: z.number(),
  stem: z.string().optional().meta({ description: 'with stem: the stem whose count this is (word is its most frequent form)' }),
});

export const wordcountTask = defineTask({
  name: 'wordcount',
  options: z.object({ top: topField.default(20), stopwords: stopwordSpecSchema.default('en'), stem: stemField.optional() }).strict(),
  chunked: true,
  finish: ({ stem, ...rest }) => {
    const normalized = normalizeStem(stem);
    return normalized === undefined ? rest : { ...rest, stem: normalized };
  },
  result: z.object({
    uniqueWords: z.number(),
    top: z.array(topWordSchema),
    uniqueStems: z.number().optional().meta({ description: 'with stem: how many distinct stems' }),
  }),
});
