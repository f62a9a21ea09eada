/** The tasks and their options, as both sides of the thread protocol see them (src/protocol.ts). */

export const TASK_NAMES = ['wordcount', 'ngrams', 'sentiment', 'stats', 'keywords'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

export const STOPWORD_LANGUAGES = [
  'en', 'es', 'fa', 'fr', 'id', 'it', 'ja', 'nl', 'no', 'pl', 'pt', 'ru', 'sv', 'uk', 'zh',
] as const;
export type StopwordLanguage = (typeof STOPWORD_LANGUAGES)[number];

/** A language's list from natural, no stopwords, or the user's own list. */
export type StopwordSpec = StopwordLanguage | 'none' | { words: string[] };

/** Languages natural has a Porter-style stemmer for (`natural/lib/natural/stemmers/porter_stemmer[_xx]`). */
export const STEM_LANGUAGES = ['en', 'de', 'es', 'fa', 'fr', 'it', 'nl', 'no', 'pt', 'ru', 'sv', 'uk'] as const;
export type StemLanguage = (typeof STEM_LANGUAGES)[number];

export interface WordcountOptions {
  top: number;
  stopwords: StopwordSpec;
  /** Count stems instead of words (absent: no stemming, the plain word rules). */
  stem?: StemLanguage;
}

export interface NgramsOptions {
  n: number;
  top: number;
  stopwords: StopwordSpec;
}

export interface SentimentOptions {
  /** Only `en`: the boundary rejects others with E_UNSUPPORTED_LANGUAGE. */
  language: string;
  /** How many most positive / most negative sentences to report. */
  sentences: number;
}

export type StatsOptions = Record<string, never>;

export interface KeywordsOptions {
  top: number;
  stopwords: StopwordSpec;
}

export interface TaskOptionsByName {
  wordcount: WordcountOptions;
  ngrams: NgramsOptions;
  sentiment: SentimentOptions;
  stats: StatsOptions;
  keywords: KeywordsOptions;
}
export type TaskOptions = TaskOptionsByName[TaskName];

/** Every option any task takes, each optional: what callers and defaults carry before a task picks its own. */
export interface TaskOptionBag {
  top?: number;
  stopwords?: StopwordSpec;
  stem?: StemLanguage | boolean;
  n?: number;
  language?: string;
  sentences?: number;
}
