/**
 * The corpus result of a `process` run: the whole folder as one text. For
 * wordcount it is exact (every file's full counts added up in a worker, not
 * their top lists); for stats the figures that add up across files.
 */
import type { MapOutcome } from '../../engine.ts';
import type { TopWord } from '../../protocol.ts';

export interface WordcountCorpus {
  task: 'wordcount';
  /** Files whose counts are in it. */
  files: number;
  bytes: number;
  totalWords: number;
  uniqueWords: number;
  top: TopWord[];
  uniqueStems?: number;
}

/** stats: the sums; distinct words and the averages of the whole corpus are not sums of the files' and are left out. */
export interface StatsCorpus {
  task: 'stats';
  files: number;
  bytes: number;
  totalWords: number;
  characters: number;
  sentences: number;
  lines: number;
}

export type CorpusResult = WordcountCorpus | StatsCorpus;

/** Tasks with a corpus result: `wordcount` through counts files, `stats` by sums. */
export const CORPUS_TASKS: ReadonlySet<string> = new Set(['wordcount', 'stats']);

export function wordcountCorpus(merged: MapOutcome, files: number): WordcountCorpus {
  if (!merged.ok) throw merged.error;
  const r = merged.result;
  if (r.task !== 'wordcount') throw new Error(`corpus merge answered a ${r.task} result`);
  return {
    task: 'wordcount',
    files,
    bytes: r.bytes,
    totalWords: r.totalWords,
    uniqueWords: r.uniqueWords,
    top: r.top,
    ...(r.uniqueStems === undefined ? {} : { uniqueStems: r.uniqueStems }),
  };
}

export function statsCorpus(results: ReadonlyArray<{ bytes: number; totalWords: number; sums?: { characters: number; sentences: number; lines: number } | undefined }>): StatsCorpus {
  const sum: StatsCorpus = { task: 'stats', files: 0, bytes: 0, totalWords: 0, characters: 0, sentences: 0, lines: 0 };
  for (const r of results) {
    if (r.sums === undefined) continue;
    sum.files++;
    sum.bytes += r.bytes;
    sum.totalWords += r.totalWords;
    sum.characters += r.sums.characters;
    sum.sentences += r.sums.sentences;
    sum.lines += r.sums.lines;
  }
  return sum;
}
