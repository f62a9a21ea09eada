/**
 * What job records and result files keep of a job's options: everything but
 * an inline stopword list, which becomes its size and a hash. The list itself
 * (up to 10,000 words) is needed only while the job runs; kept in every
 * record and written into every result it made a 3-byte job cost megabytes.
 */
import { createHash } from 'node:crypto';
import type { StopwordSpec, TaskOptions } from '../protocol.ts';

export interface StopwordListDigest {
  /** How many words the list had. */
  words: number;
  /** SHA-256 (hex) of the words, each followed by "\n" (the bytes of a one-word-per-line file). */
  sha256: string;
}

/** A stopword option as recorded: a language, `none`, or the digest of an inline list. */
export type RecordedStopwords = Exclude<StopwordSpec, { words: string[] }> | StopwordListDigest;

/** A task's options as recorded: the same, with an inline stopword list replaced by its digest. */
export type RecordedOptions<O> = O extends { stopwords: StopwordSpec } ? Omit<O, 'stopwords'> & { stopwords: RecordedStopwords } : O;

export function digestStopwords(spec: StopwordSpec): RecordedStopwords {
  if (typeof spec === 'string') return spec;
  const hash = createHash('sha256');
  for (const word of spec.words) hash.update(word).update('\n');
  return { words: spec.words.length, sha256: hash.digest('hex') };
}

export function recordedOptions<O extends TaskOptions>(options: O): RecordedOptions<O> {
  if (!('stopwords' in options)) return options as RecordedOptions<O>;
  return { ...options, stopwords: digestStopwords(options.stopwords) } as RecordedOptions<O>;
}
