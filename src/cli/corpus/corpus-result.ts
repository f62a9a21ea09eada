/**
 * The corpus result of a `process` run: the whole folder as one text. Its
 * words (wordcount, stats) and n-grams (ngrams) are exact: every file's full
 * counts added up in a worker, not their top lists; stats' sentence,
 * character and line figures are the sums of the files'.
 */
import { COUNTS_TASKS } from '../../dispatch/job.ts';
import type { JobResult } from '../../dispatch/job.ts';
import type { MapOutcome } from '../../engine.ts';
import type { NgramCount, NgramCountsFileHeader, TopWord } from '../../protocol.ts';
import { CountsHeaderError } from './counts-header.ts';

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

/** stats: the sums of the files' figures. */
export interface StatsSums {
  task: 'stats';
  files: number;
  bytes: number;
  totalWords: number;
  characters: number;
  sentences: number;
  lines: number;
}

/**
 * stats: the sums, and the words of the whole corpus as wordcount counts
 * them (with the run's `--top` and `--stopwords`), and the averages that are
 * ratios of those: letters per word, distinct words per word, words per
 * (summed) sentence.
 */
export interface StatsCorpus extends StatsSums {
  uniqueWords: number;
  top: TopWord[];
  averageWordLength: number;
  averageSentenceLength: number;
  typeTokenRatio: number;
}

/** ngrams: exact, the same numbers as counting the joined text in one pass (`uniqueNgrams`: distinct n-grams counted). */
export interface NgramsCorpus {
  task: 'ngrams';
  files: number;
  n: number;
  bytes: number;
  totalWords: number;
  totalNgrams: number;
  uniqueNgrams: number;
  top: NgramCount[];
}

/** `StatsSums` alone: a stats run whose workers keep no counts files here (`--queue`). */
export type CorpusResult = WordcountCorpus | StatsCorpus | StatsSums | NgramsCorpus;

/** Tasks with a corpus result, each from the counts files its workers keep. */
export const CORPUS_TASKS: ReadonlySet<string> = COUNTS_TASKS;

/** Rounded as the stats task rounds its per-file ratios. */
const round = (x: number): number => Math.round(x * 1e4) / 1e4;

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

export function statsSums(results: ReadonlyArray<{ bytes: number; totalWords: number; sums?: { characters: number; sentences: number; lines: number } | undefined }>): StatsSums {
  const sum: StatsSums = { task: 'stats', files: 0, bytes: 0, totalWords: 0, characters: 0, sentences: 0, lines: 0 };
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

/** The sums with the merged word counts of the same files (a `wordcount` merge with the run's `--top`, `--stopwords`). */
export function statsCorpus(sums: StatsSums, merged: MapOutcome): StatsCorpus {
  const words = wordcountCorpus(merged, sums.files);
  if (words.totalWords !== sums.totalWords) throw new Error(`stats corpus: the counts files hold ${words.totalWords} words, the results ${sums.totalWords}`);
  const letters = merged.ok && merged.result.task === 'wordcount' ? merged.result.letters : undefined;
  if (letters === undefined) throw new Error('stats corpus: the merge reported no letters');
  const total = sums.totalWords;
  return {
    ...sums,
    uniqueWords: words.uniqueWords,
    top: words.top,
    averageWordLength: total === 0 ? 0 : round(letters / total),
    averageSentenceLength: sums.sentences === 0 ? 0 : round(total / sums.sentences),
    typeTokenRatio: total === 0 ? 0 : round(words.uniqueWords / total),
  };
}

export function ngramsCorpus(merged: MapOutcome, files: number, n: number): NgramsCorpus {
  if (!merged.ok) throw merged.error;
  const r = merged.result;
  if (r.task !== 'ngrams' || r.uniqueNgrams === undefined) throw new Error(`corpus merge answered a ${r.task} result, not an ngrams corpus`);
  return { task: 'ngrams', files, n, bytes: r.bytes, totalWords: r.totalWords, totalNgrams: r.totalNgrams, uniqueNgrams: r.uniqueNgrams, top: r.ngrams };
}

/**
 * ngrams of one file: its own result with the distinct n-grams its counts
 * file holds. The file's top is the corpus's: the merge would read the same
 * counts with the same --top and stopwords, in the same order.
 */
export function ngramsCorpusOfOne(result: JobResult, header: Partial<NgramCountsFileHeader>, n: number): NgramsCorpus {
  if (result.task !== 'ngrams') throw new Error(`corpus of one file: a ${result.task} result, not an ngrams one`);
  if (header.kind !== 'ngrams' || header.n !== n || header.totalWords !== result.totalWords || typeof header.keys !== 'number') {
    throw new CountsHeaderError(`corpus of one file: its counts file does not hold the ${String(n)}-grams of its ${result.totalWords} words`);
  }
  return { task: 'ngrams', files: 1, n, bytes: result.bytes, totalWords: result.totalWords, totalNgrams: result.totalNgrams, uniqueNgrams: header.keys, top: result.ngrams };
}
