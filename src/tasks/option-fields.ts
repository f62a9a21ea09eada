/**
 * Option fields that several tasks share. A field's `description` (zod
 * metadata) is what the CLI flag's --help, the HTTP query parameter and
 * /openapi.json say about it; an option only one task takes lives in that
 * task's descriptor.
 */
import { z } from 'zod';
import { STOPWORD_LANGUAGES } from '../protocol.ts';

export const stopwordSpecSchema = z
  .union([
    z.enum(['none', ...STOPWORD_LANGUAGES]),
    z.object({ words: z.array(z.string()).max(100_000) }).strict(),
  ])
  .meta({ description: `stopword list: none or a language (${STOPWORD_LANGUAGES.join(', ')}); the CLI also takes a file, one word a line`, example: 'none' });

export const topField = z.number().int().min(0).max(10_000).meta({ description: 'how many top words to report', example: 5 });
