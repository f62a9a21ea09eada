/**
 * Option fields that several tasks share. A field's `description` (zod
 * metadata) is what the CLI flag's --help, the HTTP query parameter and
 * /openapi.json say about it; an option only one task takes lives in that
 * task's descriptor.
 */
import { z } from 'zod';
import { STOPWORD_LANGUAGES } from '../protocol.ts';

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

export const stopwordSpecSchema = z
  .union([
    z.enum(['none', ...STOPWORD_LANGUAGES]),
    z.object({ words: stopwordList }).strict(),
  ])
  .meta({ description: `stopword list: none or a language (${STOPWORD_LANGUAGES.join(', ')}); the CLI also takes a file, one word a line`, example: 'none' });

export const topField = z.number().int().min(0).max(10_000).meta({ description: 'how many top words to report', example: 5 });
