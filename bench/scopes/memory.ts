/**
 * Memory scope (opt-in: it writes a 1 GiB file): `process` on one 1 GiB file,
 * peak RSS reported (target ≤ 300 MB) and the word total checked; then one
 * 5-gram job on a 16 MiB text (memory-ngrams.ts). `--skip 1gib` leaves out
 * the first, `--skip ngrams` the second.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { CACHE_DIR, DATA_DIR } from '../corpus/inputs.ts';
import { warmPageCache } from '../corpus/page-cache.ts';
import { writeRepeated } from '../corpus/write-repeated.ts';
import { expectEqual } from '../lib/checks.ts';
import { describeCommand, measurementOf, runCommand } from '../lib/run-command.ts';
import { maxRss, throughput } from '../lib/stats.ts';
import { ngramMemoryCases } from './memory-ngrams.ts';
import type { BenchOptions, CaseResult, Measurement, Scope } from '../lib/types.ts';
import { processCommand, readWordmillRun } from '../lib/wordmill-cli.ts';

const GIB = 2 ** 30;
const DRACULA_WORDS = 162250;

export const memoryScope: Scope = {
  name: 'memory',
  description: 'opt-in: one 1 GiB generated file through `process`, and one 5-gram job (n=5, top 10000) on a 16 MiB text: peak RSS (target ≤ 300 MB)',
  async run(options, log) {
    const ngrams = options.skip.includes('ngrams') ? [] : await ngramMemoryCases(options.runs, log);
    return options.skip.includes('1gib') ? ngrams : [...(await oneGibCase(options, log)), ...ngrams];
  },
};

async function oneGibCase(options: BenchOptions, log: (line: string) => void): Promise<CaseResult[]> {
  const dir = `${CACHE_DIR}memory-1GiB/`;
  const book = `${DATA_DIR}dracula.txt`;
  const copies = Math.ceil(GIB / (statSync(book).size + 1));
  const path = `${dir}dracula-1GiB.txt`;
  if (!existsSync(path) || statSync(path).size !== copies * (statSync(book).size + 1)) {
    mkdirSync(dir, { recursive: true });
    writeRepeated(book, path, copies);
  }
  warmPageCache(path);
  const threads = Math.max(...options.threads);
  const scratch = `${CACHE_DIR}scratch/memory`;
  const runs: Measurement[] = [];
  for (let r = 0; r < options.runs; r++) {
    const run = await runCommand(processCommand(dir, `${scratch}/out`, threads));
    expectEqual('1 GiB file totalWords', readWordmillRun(run.stdout).totalWords, copies * DRACULA_WORDS);
    runs.push(measurementOf(run));
    log(`  1 GiB: ${(run.wallMs / 1000).toFixed(1)} s, peak RSS ${run.peakRssBytes === undefined ? '?' : Math.round(run.peakRssBytes / 2 ** 20)} MiB`);
  }
  const bytes = statSync(path).size;
  const peak = maxRss(runs);
  return [{
    scope: 'memory', input: 'one 1 GiB file', name: `wordmill process --threads ${threads}`, kind: 'wordmill', threads, bytes, runs,
    ...throughput(bytes, runs), ...(peak === undefined ? {} : { peakRssBytes: peak }), checked: { totalWords: copies * DRACULA_WORDS },
    command: describeCommand(processCommand(dir, `${scratch}/out`, threads)),
  }];
}
