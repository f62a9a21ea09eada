/** `keywords`: tf-idf against the corpus (a single text is a corpus of one) (docs/tasks.md). */
import { z } from 'zod';
import { defineTask } from './descriptor.ts';
import { stopwordSpecSchema, topField } from './option-fields.ts';

export const keywordsTask = defineTask({
  name: 'keywords',
  options: z.object({ top: topField.default(20), stopwords: stopwordSpecSchema.default('en') }).strict(),
  chunked: true,
  result: z.object({
    uniqueWords: z.number(),
    documents: z.number().meta({ description: 'documents of the corpus' }),
    keywords: z.array(z.object({ word: z.string(), count: z.number(), df: z.number(), score: z.number() })),
  }),
});
