/**
 * Where a chunked file's merge spends its time: counts one file of the corpus
 * in 8 MiB chunks in-process, then times the merge steps separately.
 *   node --import tsx bench/micro/merge.ts [file]   (default: the bigvocab bench input)
 */
import { statSync } from 'node:fs';
import { finalStats, mergePartials, scanInput, toPartial } from '../../workers/tasks/wordcount.ts';
import type { PartialCounts } from '../../src/protocol.ts';

const path = process.argv[2] ?? 'bench/.cache/bigvocab-256MB/words-0.txt';
const size = statSync(path).size;
const CHUNK = 8 << 20;
const lap = (() => {
  let t = performance.now();
  return (label: string) => {
    const now = performance.now();
    console.log(`${label.padEnd(28)} ${(now - t).toFixed(0).padStart(6)} ms`);
    t = now;
  };
})();
const partials: PartialCounts[] = [];
// Cuts at any byte are fine for timing; the answers are not checked here.
for (let start = 0; start < size; start += CHUNK) {
  partials.push(toPartial(scanInput({ kind: 'file', path, start, end: Math.min(size, start + CHUNK) })));
}
lap(`count ${partials.length} chunks`);
const cloned = structuredClone(partials);
lap('structured clone (thread hop)');
const merged = mergePartials(cloned);
lap('merge into one table');
const stats = finalStats(merged, { top: 20, stopwords: 'en' });
lap('final stats (read-out, top)');
console.log(`${stats.totalWords} words, ${stats.uniqueWords} unique, top: ${stats.top.slice(0, 3).map((t) => `${t.word}=${t.count}`).join(' ')}`);
