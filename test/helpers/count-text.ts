import { finalStats, readScan, scanInput } from '../../workers/tasks/wordcount.ts';
import type { StopwordSpec, WordStats } from '../../src/protocol.ts';

/** Counts in-process (no threads): the word rules as one function for unit tests. */
export function countText(text: string | Uint8Array, top = 50, stopwords: StopwordSpec = 'none'): WordStats {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return readScan(scanInput({ kind: 'bytes', bytes, atStart: true }), (scan) => finalStats(scan, { top, stopwords }));
}

/** `{word: count}` of every word (top large enough to hold all). */
export function wordCounts(text: string | Uint8Array): Record<string, number> {
  const stats = countText(text, 100_000);
  return Object.fromEntries(stats.top.map((t) => [t.word, t.count]));
}
