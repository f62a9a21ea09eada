/** What a chunk's count sends to the merge, and the counts files kept for incremental runs (src/protocol.ts). */
import type { ScoredSentence } from './task-outputs.ts';

/**
 * First line of a counts file (JSON, then '\n'), which wordcount writes when
 * asked (`keepCounts`) so that a later run can add a file's counts into a
 * corpus without counting it again. After the line: `keyBytes` bytes of keys
 * (final words, or raw keys as `PartialCounts.words`: see `finalWords`)
 * joined by '\n', zero bytes up to a multiple
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
  /**
   * The keys are final words (word rule 3 applied), not a word table's raw keys: counts files of
   * final words add up to a corpus result with no key normalized again. Without it, raw keys
   * (written by earlier versions), which a merge normalizes as it reads the table out.
   */
  finalWords?: true;
}

/**
 * First line of an n-gram counts file, which ngrams writes when asked
 * (`keepCounts`): the layout of a counts file (`CountsFileHeader`), but its
 * keys are the input's n-grams (final words joined by one space, not ids:
 * ids are per input), and the header adds what the n-grams that span the
 * newline to the next or previous input need: `n` and the input's first and
 * last n-1 words (all its words when it has fewer).
 */
export interface NgramCountsFileHeader {
  version: 1;
  kind: 'ngrams';
  n: number;
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
  keys: number;
  keyBytes: number;
  head: string[];
  tail: string[];
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
