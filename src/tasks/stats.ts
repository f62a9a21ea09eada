/** `stats`: plain text statistics, no options (docs/tasks.md). */
import { z } from 'zod';
import { defineTask } from './descriptor.ts';

export const statsTask = defineTask({
  name: 'stats',
  options: z.object({}).strict(),
  chunked: true,
  // Cut only where no sentence end is undecided, so the chunks' sentence ends are the input's.
  cuts: 'mid-sentence',
  result: z.object({
    stats: z
      .object({
        characters: z.number(),
        bytes: z.number(),
        words: z.number(),
        distinctWords: z.number(),
        sentences: z.number(),
        lines: z.number(),
        averageWordLength: z.number(),
        averageSentenceLength: z.number(),
        typeTokenRatio: z.number(),
      })
      .meta({ description: 'stats task: characters, bytes, words, distinct words, sentences, lines, averages' }),
  }),
});
