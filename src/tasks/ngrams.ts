/** `ngrams`: the most frequent word n-grams, exact across chunk cuts (docs/tasks.md). */
import { z } from 'zod';
import { defineTask } from './descriptor.ts';
import { stopwordSpecSchema, topField } from './option-fields.ts';

/** n-grams of 2 to 5 words: 1-grams are wordcount, longer ones are almost all unique. */
export const nField = z.number().int().min(2, 'n must be 2 to 5').max(5, 'n must be 2 to 5').meta({ description: 'words per n-gram, 2 to 5', example: 3 });

export const ngramsTask = defineTask({
  name: 'ngrams',
  options: z.object({ n: nField.default(2), top: topField.default(20), stopwords: stopwordSpecSchema.default('en') }).strict(),
  chunked: true,
  result: z.object({
    totalNgrams: z.number().meta({ description: 'every n-word window, stopword-edged ones included' }),
    ngrams: z.array(z.object({ ngram: z.string(), count: z.number() })),
  }),
});
