/**
 * The output folder's index of counted files, `<out>/.index/index.json`: what each
 * file looked like when it was counted (size, mtime, inode, as git's index
 * keeps them), its result, and where its word counts are kept, for one task
 * with one set of options. A later run with the same task and options reuses
 * the files that did not change instead of counting them again.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../sinks/atomic-write.ts';
import type { CorpusResult } from './corpus-result.ts';

const resultSchema = z.object({
  output: z.string().nullable(),
  totalWords: z.number(),
  uniqueWords: z.number().optional(),
  bytes: z.number(),
  /** stats task: the figures its corpus result adds up. */
  sums: z.object({ characters: z.number(), sentences: z.number(), lines: z.number() }).optional(),
});

const entrySchema = z.object({
  size: z.string(),
  mtimeNs: z.string(),
  ino: z.string(),
  /** Modified within the second before it was read: the stat alone does not prove it unchanged later. */
  racy: z.boolean().optional(),
  /** Name of its counts file in `<out>/.index/counts/`, null when the run kept none. */
  counts: z.string().nullable(),
  result: resultSchema,
});

const indexSchema = z.object({
  version: z.literal(1),
  /** Digest of the task and its options: another key means nothing here can be reused. */
  key: z.string(),
  /** By absolute path. */
  files: z.record(z.string(), entrySchema),
  /** The last corpus merge: its counts file, the counts files it added up (in file order), and its result (reused while they are the same). */
  corpus: z.object({ counts: z.string(), of: z.array(z.string()), result: z.custom<CorpusResult>((v) => typeof v === 'object' && v !== null) }).optional(),
});

export type IndexEntry = z.infer<typeof entrySchema>;
export type IndexedResult = z.infer<typeof resultSchema>;
export type RunIndex = z.infer<typeof indexSchema>;

// Under a dot-folder: scripts that take every `<out>/*.json` as a result see none of it.
export const indexPath = (outDir: string): string => join(outDir, '.index', 'index.json');
export const countsDir = (outDir: string): string => join(outDir, '.index', 'counts');

/** The index, or undefined when there is none or it cannot be read (then everything is counted). */
export async function readRunIndex(outDir: string): Promise<RunIndex | undefined> {
  let text: string;
  try {
    text = await readFile(indexPath(outDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = indexSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as RunIndex) : undefined;
  } catch {
    return undefined;
  }
}

export async function writeRunIndex(outDir: string, index: RunIndex): Promise<void> {
  await writeFileAtomic(indexPath(outDir), `${JSON.stringify(index)}\n`);
}
