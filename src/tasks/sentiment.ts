/** `sentiment`: AFINN-165 scores per sentence and for the whole text (docs/tasks.md). */
import { z } from 'zod';
import { defineTask } from './descriptor.ts';

/** Any two-letter code is well-formed; whether the task supports it is the `languages` check (E_UNSUPPORTED_LANGUAGE). */
export const languageField = z
  .string()
  .regex(/^[a-z]{2}$/, 'expected a two-letter language code like en')
  .meta({ description: 'language of the text (only en is supported)', example: 'en' });

export const sentencesField = z.number().int().min(0).max(1000).meta({ description: 'how many most positive/negative sentences to report', example: 1 });

const scoredSentence = z.object({ index: z.number(), score: z.number(), text: z.string() });

export const sentimentTask = defineTask({
  name: 'sentiment',
  options: z.object({ language: languageField.default('en'), sentences: sentencesField.default(3) }).strict(),
  // Cut only where no sentence end is undecided; the merge joins the sentence open at each cut.
  chunked: true,
  cuts: 'mid-sentence',
  // natural's AFINN vocabulary for English (its Spanish/Portuguese lists are not wired in).
  languages: ['en'],
  result: z.object({
    sentiment: z
      .object({
        language: z.string(),
        vocabulary: z.literal('afinn-165'),
        score: z.number(),
        comparative: z.number(),
        sentences: z.object({ count: z.number(), positive: z.number(), negative: z.number(), neutral: z.number(), mean: z.number(), min: z.number(), max: z.number() }),
        mostPositive: z.array(scoredSentence),
        mostNegative: z.array(scoredSentence),
      })
      .meta({ description: 'sentiment task: score, comparative, sentence summary, most positive/negative sentences' }),
  }),
});
