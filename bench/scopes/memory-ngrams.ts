/**
 * Memory of one n-gram job: `process --task ngrams --n 5 --top 10000` on one
 * 16 MiB text, 1 thread, peak RSS of the whole command (target ≤ 300 MB per
 * job). Two texts: English (the books repeated: few distinct 5-grams) and the
 * big-vocabulary generator's words (millions of distinct 5-grams, the worst
 * case for the n-gram table). Each text with the corpus result (the default)
 * and with `--no-corpus`, taking turns run by run, so the corpus result's
 * share of the peak is read from one run. Checked: each run's word total
 * against wordcount on the same file, and the corpus result of the one file
 * against the file's own result (the same top n-grams).
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

interface TopNgram { ngram: string; count: number }
interface Summary {
  totalWords: number;
  failed: number;
  bytes: number;
  corpus: { files: number; totalWords: number; top: TopNgram[] } | null;
  results: { output: string }[];
}

/** Checks a run's summary: its words, and its corpus result (or none with `--no-corpus`). */
function checkRun(what: string, summary: Summary, totalWords: number, corpus: boolean): void {
  if (summary.failed !== 0) throw new Error(`${what}: ${summary.failed} failed`);
  expectEqual(`${what} totalWords`, summary.totalWords, totalWords);
  if (!corpus) return expectEqual(`${what} corpus`, summary.corpus, null);
  expectEqual(`${what} corpus files`, summary.corpus?.files, 1);
  expectEqual(`${what} corpus totalWords`, summary.corpus?.totalWords, totalWords);
  const file = JSON.parse(readFileSync(summary.results[0]!.output, 'utf8')) as { ngrams: TopNgram[] };
  expectEqual(`${what} corpus top`, summary.corpus?.top, file.ngrams);
}

export async function ngramMemoryCases(runsWanted: number, log: (line: string) => void): Promise<CaseResult[]> {
  const cases: CaseResult[] = [];
  for (const name of ['english', 'bigvocab'] as const) {
    const dir = inputDir(name);
    const file = `${dir}${name === 'english' ? 'english-16MiB.txt' : 'words-0.txt'}`;
    warmPageCache(file);
    const scratch = `${CACHE_DIR}scratch/memory-ngrams`;
    const words = JSON.parse((await runCommand(processCommand(dir, `${scratch}/wc`, 1))).stdout) as Summary;
    const variants = [true, false].map((corpus) => ({ corpus, args: corpus ? NGRAM_ARGS : [...NGRAM_ARGS, '--no-corpus'], runs: [] as Measurement[] }));
    for (let r = 0; r < runsWanted; r++) {
      for (const v of variants) {
        const label = `ngrams on ${name}${v.corpus ? '' : ' --no-corpus'}`;
        const run = await runCommand(processCommand(dir, `${scratch}/out`, 1, v.args));
        checkRun(label, JSON.parse(run.stdout) as Summary, words.totalWords, v.corpus);
        v.runs.push(measurementOf(run));
        log(`  ${label} (n=5, 16 MiB): ${(run.wallMs / 1000).toFixed(2)} s, peak RSS ${run.peakRssBytes === undefined ? '?' : Math.round(run.peakRssBytes / 2 ** 20)} MiB`);
      }
    }
    const bytes = statSync(file).size;
    for (const v of variants) {
      const peak = maxRss(v.runs);
      cases.push({
        scope: 'memory', input: `one 16 MiB ${name} text`, name: `wordmill process ${v.args.join(' ')} --threads 1`, kind: 'wordmill', threads: 1, bytes, runs: v.runs,
        ...throughput(bytes, v.runs), ...(peak === undefined ? {} : { peakRssBytes: peak }), checked: { totalWords: words.totalWords },
        command: describeCommand(processCommand(dir, `${scratch}/out`, 1, v.args)),
      });
    }
  }
  return cases;
}
