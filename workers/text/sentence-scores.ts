/**
 * Sentiment over the scanner's events (workers/wasm/assembly/sentences.ts):
 * each word is its key in the word table, looked up once per key (natural's
 * AFINN score or a negation, after the word rules' normalization), and each
 * sentence end closes a sentence. One range's sentences become a
 * `SentimentPartial`: the words before its first end (`head`, which may
 * continue a sentence from an earlier range), its inner sentences (summed
 * as they close, only the `n` most positive and negative kept: sentence-top.ts),
 * and the words after its last end (`tail`).
 */
import type { ScoredSentence, SentenceFragment, SentenceSummary, SentimentPartial } from '../../src/protocol.ts';
import { afinnValueOfBytes } from './afinn-key-table.ts';
import { NEGATION } from './afinn-sentiment.ts';
import { SentenceTop } from './sentence-top.ts';
import { collapsedPrefix, shownText } from './sentence-text.ts';
import type { WordCountExports } from './word-count-wasm.ts';

/** Cached per key (by arena offset): 0 not looked up yet, else the AFINN score + BIAS, or NEGATED. */
const BIAS = 16;
const NEGATED = 127;

export function emptySummary(): SentenceSummary {
  return { count: 0, positive: 0, negative: 0, neutral: 0, sum: 0, min: 0, max: 0, words: 0 };
}

export function addToSummary(summary: SentenceSummary, score: number, words: number): void {
  summary.min = summary.count === 0 ? score : Math.min(summary.min, score);
  summary.max = summary.count === 0 ? score : Math.max(summary.max, score);
  summary.count++;
  if (score > 0) summary.positive++;
  else if (score < 0) summary.negative++;
  else summary.neutral++;
  summary.sum += score;
  summary.words += words;
}

/** The `n` best by `better` (stable: ties keep text order), as the reference's stable sort and slice. */
export function topSentences<T extends { score: number }>(items: readonly T[], n: number, sign: 1 | -1): T[] {
  return items.filter((s) => s.score * sign > 0).sort((a, b) => (b.score - a.score) * sign).slice(0, n);
}

export class SentenceScores {
  private values = new Int8Array(1 << 12);
  // The open piece: its score unnegated and negated, whether it negates, its words.
  private score = 0;
  private negatedScore = 0;
  private negates = false;
  private words = 0;
  private head: Omit<SentenceFragment, 'text' | 'truncated'> | undefined;
  private headEnd = 0;
  private readonly inner = emptySummary();
  private readonly mostPositive: SentenceTop;
  private readonly mostNegative: SentenceTop;

  /** `n`: sentences to keep per list. */
  constructor(private readonly wasm: WordCountExports, n: number) {
    this.mostPositive = new SentenceTop(n, 1);
    this.mostNegative = new SentenceTop(n, -1);
  }

  /** Reads and clears the module's events (call after each scanned piece). */
  drain(): void {
    const wasm = this.wasm;
    const count = wasm.getEventCount();
    if (count === 0) return;
    const events = new Int32Array(wasm.memory.buffer, wasm.getEvents(), count);
    // Keys are read in place: the module's memory does not grow while its events are read.
    const memory = new Uint8Array(wasm.memory.buffer);
    const arena = wasm.getArena();
    for (let k = 0; k < count; ) {
      const first = events[k]!;
      if (first === -1) {
        this.end(events[k + 1]! >>> 0, events[k + 2]! >>> 0);
        k += 3;
        continue;
      }
      const value = this.valueOf(first, events[k + 1]!, memory, arena);
      k += 2;
      this.words++;
      if (value === NEGATED) {
        this.negates = true;
        continue;
      }
      const v = value - BIAS;
      this.score += this.negates ? -v : v;
      this.negatedScore -= v;
    }
    wasm.clearEvents();
  }

  /** The range's partial; `bytes` are the scanned bytes (positions count from their start). */
  finish(bytes: Uint8Array, pieceStart: number): SentimentPartial {
    const open = this.fragment();
    const closed = this.head !== undefined;
    const head = closed ? { ...this.head!, ...collapsedPrefix(bytes, 0, this.headEnd) } : { ...open, ...collapsedPrefix(bytes, 0, bytes.length) };
    const tail = closed ? { ...open, ...collapsedPrefix(bytes, pieceStart, bytes.length) } : { ...this.fragmentOf(0, 0, false, 0), text: '', truncated: false };
    const shown = (top: SentenceTop): ScoredSentence[] =>
      [...top.entries()].map((s) => ({ index: s.index, score: s.score, text: shownText(collapsedPrefix(bytes, s.start, s.end)) }));
    return { head, closed, inner: { ...this.inner }, mostPositive: shown(this.mostPositive), mostNegative: shown(this.mostNegative), tail };
  }

  private end(start: number, end: number): void {
    if (this.head === undefined) {
      this.head = this.fragment();
      this.headEnd = end;
    } else {
      const index = this.inner.count;
      addToSummary(this.inner, this.score, this.words);
      this.mostPositive.offer(this.score, index, start, end);
      this.mostNegative.offer(this.score, index, start, end);
    }
    this.score = 0;
    this.negatedScore = 0;
    this.negates = false;
    this.words = 0;
  }

  private fragment(): Omit<SentenceFragment, 'text' | 'truncated'> {
    return this.fragmentOf(this.score, this.negatedScore, this.negates, this.words);
  }

  private fragmentOf(score: number, negatedScore: number, negates: boolean, words: number): Omit<SentenceFragment, 'text' | 'truncated'> {
    return { score, negatedScore, negates, words };
  }

  private valueOf(offset: number, len: number, memory: Uint8Array, arena: number): number {
    if (offset >= this.values.length) {
      let size = this.values.length;
      while (size <= offset) size *= 2;
      const grown = new Int8Array(size);
      grown.set(this.values);
      this.values = grown;
    }
    const known = this.values[offset]!;
    if (known !== 0) return known;
    const value = afinnValueOfBytes(memory, arena + offset, arena + offset + len);
    const code = value === NEGATION ? NEGATED : value + BIAS;
    this.values[offset] = code;
    return code;
  }
}
