/**
 * Memory of one n-gram job: `process --task ngrams --n 5 --top 10000` on one
 * 16 MiB text, 1 thread, peak RSS of the whole command (target ≤ 300 MB per
 * job). Two texts: English (the books repeated: few distinct 5-grams) and the
 * big-vocabulary generator's words (millions of distinct 5-grams, the worst
 * case for the n-gram table). Each run's total word count is checked against
 * wordcount on the same file.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { writeBigVocabulary } from '../corpus/big-vocabulary.ts';
import { CACHE_DIR, DATA_DIR } from '../corpus/inputs.ts';
import { warmPageCache } from '../corpus/page-cache.ts';
import { expectEqual } from '../lib/checks.ts';
import { describeCommand, measurementOf, runCommand } from '../lib/run-command.ts';
import { maxRss, throughput } from '../lib/stats.ts';
import type { CaseResult, Measurement } from '../lib/types.ts';
import { processCommand } from '../lib/wordmill-cli.ts';

const MIB16 = 16 * 2 ** 20;
const NGRAM_ARGS = ['--task', 'ngrams', '--n', '5', '--top', '10000'];

/** A 16 MiB file of English: the books of data/ joined and repeated, cut at a line end. */
function englishText(dir: string): void {
  const books = ['dracula', 'frankenstein', 'heart-of-darkness', 'pride-and-prejudice'].map((b) => readFileSync(`${DATA_DIR}${b}.txt`));
  const unit = Buffer.concat(books);
  const whole = Buffer.alloc(MIB16);
  for (let at = 0; at < MIB16; at += unit.length) unit.copy(whole, at, 0, Math.min(unit.length, MIB16 - at));
  writeFileSync(`${dir}english-16MiB.txt`, whole.subarray(0, whole.lastIndexOf(0x0a) + 1));
}

function inputDir(name: 'english' | 'bigvocab'): string {
  const dir = `${CACHE_DIR}ngrams-16MiB-${name}/`;
  if (existsSync(dir)) return dir;
  mkdirSync(dir, { recursive: true });
  if (name === 'english') englishText(dir);
  else writeBigVocabulary(dir, MIB16, 1);
  return dir;
}

interface Summary { totalWords: number; failed: number; bytes: number }

export async function ngramMemoryCases(runsWanted: number, log: (line: string) => void): Promise<CaseResult[]> {
  const cases: CaseResult[] = [];
  for (const name of ['english', 'bigvocab'] as const) {
    const dir = inputDir(name);
    const file = `${dir}${name === 'english' ? 'english-16MiB.txt' : 'words-0.txt'}`;
    warmPageCache(file);
    const scratch = `${CACHE_DIR}scratch/memory-ngrams`;
    const words = JSON.parse((await runCommand(processCommand(dir, `${scratch}/wc`, 1))).stdout) as Summary;
    const runs: Measurement[] = [];
    for (let r = 0; r < runsWanted; r++) {
      const run = await runCommand(processCommand(dir, `${scratch}/out`, 1, NGRAM_ARGS));
      const summary = JSON.parse(run.stdout) as Summary;
      if (summary.failed !== 0) throw new Error(`ngrams on ${name}: ${summary.failed} failed`);
      expectEqual(`ngrams ${name} totalWords`, summary.totalWords, words.totalWords);
      runs.push(measurementOf(run));
      log(`  ngrams n=5 on 16 MiB ${name}: ${(run.wallMs / 1000).toFixed(2)} s, peak RSS ${run.peakRssBytes === undefined ? '?' : Math.round(run.peakRssBytes / 2 ** 20)} MiB`);
    }
    const bytes = statSync(file).size;
    const peak = maxRss(runs);
    cases.push({
      scope: 'memory', input: `one 16 MiB ${name} text`, name: 'wordmill process --task ngrams --n 5 --top 10000 --threads 1', kind: 'wordmill', threads: 1, bytes, runs,
      ...throughput(bytes, runs), ...(peak === undefined ? {} : { peakRssBytes: peak }), checked: { totalWords: words.totalWords },
      command: describeCommand(processCommand(dir, `${scratch}/out`, 1, NGRAM_ARGS)),
    });
  }
  return cases;
}
