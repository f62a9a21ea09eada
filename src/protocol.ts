/**
 * The thread protocol: what the main thread sends to a worker and what comes
 * back. Both sides import this file and nothing else of each other, so it
 * holds plain data types only (structured-clone safe).
 */

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

/**
 * `keywords` over a corpus: first each document's distinct terms (`terms`),
 * then scoring against the corpus's document frequencies (`score`).
 */
export type KeywordsCorpus =
  | { stage: 'terms' }
  | { stage: 'score'; documents: number; df: { words: string; counts: number[] } };

export interface TopWord {
  word: string;
  count: number;
  /** wordcount with `stem`: the stem whose count this is (`word` is its most frequent form). */
  stem?: string;
}

/**
 * How a packed file range becomes text (docs/packed-inputs.md): `codec` undoes
 * the compression (`stored`: the bytes as they are), `html` keeps the visible
 * text only; `expectBytes` and `expectCrc32` are what a zip records of the
 * member (a gzip file's own trailer is checked the same way).
 */
export interface Packing {
  codec: 'gzip' | 'deflate-raw' | 'stored';
  html: boolean;
  expectBytes?: number;
  expectCrc32?: number;
}

/**
 * Where a task's bytes are: in the message, or a byte range of a file the
 * worker reads itself. A `packing` range is one whole compressed stream or
 * HTML file, never cut into chunks.
 */
export type TaskInput =
  | { kind: 'bytes'; bytes: Uint8Array; atStart: boolean }
  | { kind: 'file'; path: string; start: number; end: number; packing?: Packing };

/**
 * `final` answers with the finished statistics; `partial` with the chunk's
 * counts, to be combined by a `merge` request once every chunk is in.
 */
export type CountMode = 'final' | 'partial';

export interface CountRequest {
  type: 'count';
  jobId: string;
  source: string;
  task: TaskName;
  input: TaskInput;
  mode: CountMode;
  options: TaskOptions;
  corpus?: KeywordsCorpus;
  /** wordcount: also write the input's counts to this file (see `CountsFileHeader`). */
  keepCounts?: string;
  logDir: string | null;
}

/**
 * First line of a counts file (JSON, then '\n'), which wordcount writes when
 * asked (`keepCounts`) so that a later run can add a file's counts into a
 * corpus without counting it again. After the line: `keyBytes` bytes of raw
 * keys joined by '\n' (as `PartialCounts.words`), zero bytes up to a multiple
 * of 8 from the file's start, then `keys` counts as little-endian float64.
 */
export interface CountsFileHeader {
  version: 1;
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
  keys: number;
  keyBytes: number;
  /** SHA-256 (hex) of the bytes counted, when one read saw the whole file (not for a file counted in chunks or merged counts). */
  sha256?: string;
}

export interface PartialCounts {
  /**
   * Distinct words joined by '\n' (words never contain a newline). wordcount
   * sends its table's raw keys (not yet lowercased past ASCII or NFC'd): the
   * merge adds them up by bytes and normalizes each distinct key once.
   */
  words: string;
  /** A typed array: it crosses the thread boundary as one copy, where a 500,000-number array took ~30 ms each way. */
  counts: Float64Array;
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
  /**
   * `ngrams`: `words` is the chunk's vocabulary (final words), `counts` its
   * n-gram counts and `ngramIds` their words, n indexes into `words` per n-gram.
   */
  ngramIds?: Int32Array;
  /** `ngrams`: the chunk's first and last n-1 words, to form the n-grams that span a cut. */
  head?: string[];
  tail?: string[];
  /** `stats` and `sentiment`: the chunk's characters, line breaks and sentences. */
  text?: TextCountsPartial;
  /** `sentiment`: the chunk's sentence scores, and the pieces of the sentences open at its cuts. */
  sentiment?: SentimentPartial;
}

/**
 * A chunk's sentence figures. A chunk is cut where no sentence ends, so its
 * words before its first sentence end (`headWords`) continue the sentence
 * the chunk before left open, and the words after its last end (`tailWords`)
 * start the one the next chunk continues.
 */
export interface TextCountsPartial {
  /** Code points (a BOM at the input's start excluded). */
  characters: number;
  /** CR LF, CR or LF. */
  lineBreaks: number;
  endsWithBreak: boolean;
  headWords: number;
  /** Whether any sentence ends in the chunk; if not, all its words are `headWords`. */
  closed: boolean;
  /** Sentences that start and end inside the chunk. */
  sentences: number;
  tailWords: number;
}

/** Part of a sentence that spans a cut: its score either way natural's negation may stand when it starts. */
export interface SentenceFragment {
  /** Score if no negation came earlier in the sentence. */
  score: number;
  /** Score if one did (every word counts negated). */
  negatedScore: number;
  /** Whether the fragment holds a negation word. */
  negates: boolean;
  words: number;
  /** Its text with white space runs collapsed to one space, not trimmed, cut to a bounded prefix. */
  text: string;
  truncated: boolean;
}

export interface SentenceSummary {
  count: number;
  positive: number;
  negative: number;
  neutral: number;
  sum: number;
  min: number;
  max: number;
  words: number;
}

export interface SentimentPartial {
  head: SentenceFragment;
  /** Whether any sentence ends in the chunk; if not, `head` is all of it. */
  closed: boolean;
  /** The sentences that start and end inside the chunk. */
  inner: SentenceSummary;
  /** The chunk's most positive and negative inner sentences, `index` counted within the chunk. */
  mostPositive: ScoredSentence[];
  mostNegative: ScoredSentence[];
  tail: SentenceFragment;
}

export interface MergeRequest {
  type: 'merge';
  jobId: string;
  source: string;
  task: TaskName;
  partials: PartialCounts[];
  options: TaskOptions;
  corpus?: KeywordsCorpus;
  /** wordcount: also write the merged counts to this file. */
  keepCounts?: string;
  /** wordcount: counts files to add to `partials`, read one at a time (memory stays bounded by distinct words). */
  addCounts?: string[];
  logDir: string | null;
}

export type TaskRequest = CountRequest | MergeRequest;

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
}

export interface NgramCount {
  ngram: string;
  count: number;
}
export interface NgramStats extends OutputBase {
  /** Every n-word window, stopword-edged ones included. */
  totalNgrams: number;
  ngrams: NgramCount[];
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
  /** Stage `terms` only: the document's distinct non-stopword words joined by '\n'. */
  terms?: string;
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

/**
 * Codes of failures a worker reports as data (anything else is a crash).
 * `E_OUTPUT_FAILED`: the thread could not write its log (the output folder is
 * not writable, the disk is full): not a crash, and running again will not help.
 * `E_INPUT_DAMAGED`: a compressed file or archive that cannot be read to its end.
 */
export const WORKER_ERROR_CODES = ['E_BINARY_INPUT', 'E_WORD_TOO_LONG', 'E_TOO_MANY_WORDS', 'E_INPUT_UNREADABLE', 'E_INPUT_NOT_FOUND', 'E_INPUT_CHANGED', 'E_INPUT_DAMAGED', 'E_OUTPUT_FAILED'] as const;
export type WorkerErrorCode = (typeof WORKER_ERROR_CODES)[number];

export type TaskResponse =
  | { ok: true; kind: 'final'; stats: TaskStats; threadId: number }
  | { ok: true; kind: 'partial'; partial: PartialCounts; threadId: number }
  | { ok: false; code: WorkerErrorCode; message: string; threadId: number };

/** Bytes at the start of an input that are checked for NUL (binary detection). */
export const BINARY_SNIFF_BYTES = 8192;

/**
 * Longest word accepted, in UTF-8 bytes. No natural-language word comes near
 * it; a longer run of letters (a 50 MB file with no separator at all, a
 * base64 blob) is refused with E_WORD_TOO_LONG instead of becoming a
 * multi-megabyte "word" in memory and in every result.
 */
export const MAX_WORD_BYTES = 1024 * 1024;
