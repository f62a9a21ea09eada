/** Each task's finished output, as a worker answers it (src/protocol.ts). */
import type { TaskName } from './task-options.ts';

export interface TopWord {
  word: string;
  count: number;
  /** wordcount with `stem`: the stem whose count this is (`word` is its most frequent form). */
  stem?: string;
}

/** Every task counts words by the word rules, so `totalWords` is common (the run summary adds them up). */
interface OutputBase {
  bytes: number;
  invalidUtf8: boolean;
  totalWords: number;
}

/** wordcount's fields, exactly as docs/word-rules.md fixes them (`stem` and `uniqueStems` only with stemming). */
export interface WordStats extends OutputBase {
  uniqueWords: number;
  top: TopWord[];
  uniqueStems?: number;
  /** Code points of every word occurrence: a corpus merge of counts files asked for them (`MergeRequest.letters`, the stats corpus's average word length). */
  letters?: number;
}

export interface NgramCount {
  ngram: string;
  count: number;
}
export interface NgramStats extends OutputBase {
  /** Every n-word window, stopword-edged ones included. */
  totalNgrams: number;
  ngrams: NgramCount[];
  /** Distinct n-grams counted (stopword-edged ones are not): the corpus merge of n-gram counts files only. */
  uniqueNgrams?: number;
}

export interface ScoredSentence {
  /** 0-based position among the input's sentences. */
  index: number;
  score: number;
  text: string;
}
export interface SentimentSummary {
  language: string;
  vocabulary: 'afinn-165';
  /** Sum of the AFINN scores of every sentence (natural's negation handling applies per sentence). */
  score: number;
  /** score / words: natural's normalised score for the whole text. */
  comparative: number;
  sentences: { count: number; positive: number; negative: number; neutral: number; mean: number; min: number; max: number };
  mostPositive: ScoredSentence[];
  mostNegative: ScoredSentence[];
}
export interface SentimentStats extends OutputBase {
  sentiment: SentimentSummary;
}

export interface TextStats {
  characters: number;
  bytes: number;
  words: number;
  distinctWords: number;
  sentences: number;
  lines: number;
  averageWordLength: number;
  averageSentenceLength: number;
  typeTokenRatio: number;
}
export interface TextStatsOutput extends OutputBase {
  stats: TextStats;
}

export interface Keyword {
  word: string;
  count: number;
  /** Documents of the corpus that contain the word. */
  df: number;
  score: number;
}
export interface KeywordStats extends OutputBase {
  uniqueWords: number;
  documents: number;
  keywords: Keyword[];
  /** Stage `terms` only: the document's distinct words, UTF-8 joined by '\n' (stopwords too: the `score` stage drops them). */
  terms?: Uint8Array;
}

export interface TaskStatsByName {
  wordcount: WordStats;
  ngrams: NgramStats;
  sentiment: SentimentStats;
  stats: TextStatsOutput;
  keywords: KeywordStats;
}
/** A task's finished output, as a worker answers it. */
export type TaskStats = TaskStatsByName[TaskName];
