/**
 * Tasks scope: each task's MB/s on one thread and on the
 * pool, with the engine in-process (compiled, real threads, no output files)
 * on two inputs: the four books of data/ repeated to `--size` (default 8 MB
 * here: the corpus scope's 256 MB would take minutes per sentiment run), one
 * `map` of the four files per run; and one large file (the books joined,
 * repeated to `--size` or 40 MB), which the pool cuts into chunks, so the
 * chunked tasks' merge is measured too. Every run's result is checked: word
 * totals against the conformance data, each task against wordcount on the
 * same file, and every result identical between thread counts. Last, each
 * task's whole command on a folder of books (tasks-command.ts).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { bigFileInput, englishInput, sizeLabel, type BenchInput } from '../corpus/inputs.ts';
import { warmPageCache } from '../corpus/page-cache.ts';
import { expectEqual } from '../lib/checks.ts';
import { throughput } from '../lib/stats.ts';
import { BenchCheckError } from '../lib/types.ts';
import type { BenchOptions, CaseResult, Measurement, Scope } from '../lib/types.ts';
import { CLI } from '../lib/wordmill-cli.ts';
import { taskCommandCases } from './tasks-command.ts';
import type { JobInput, JobResult, MapOutcome, TaskName } from '../../src/index.ts';

type EngineModule = typeof import('../../src/index.ts');
type KeywordsCorpusModule = typeof import('../../src/dispatch/keywords-corpus.ts');
type Engine = ReturnType<EngineModule['createEngine']>;

const FIXTURES = new URL('../../test/fixtures/conformance/', import.meta.url);
const DEFAULT_TASKS_SIZE = 8e6;
/** Past two 16 MiB chunks, so one thread counts several chunks and two threads count them in parallel. */
const DEFAULT_BIG_FILE_SIZE = 40e6;
const NGRAM_N = 2;
const TASK_ORDER: readonly TaskName[] = ['wordcount', 'ngrams', 'sentiment', 'stats', 'keywords'];

/**
 * `--size` when it was given on the command line, else `fallback`. options.ts
 * always fills 256 MB (the corpus scope's default), and BenchOptions does not
 * say whether the user chose it, so the scopes with a smaller default look.
 */
export function explicitSize(options: BenchOptions, fallback: number): number {
  const given = process.argv.some((a) => a === '--size' || a.startsWith('--size='));
  return given ? options.sizeBytes : fallback;
}

async function loadModules(): Promise<{ engine: EngineModule; keywords: KeywordsCorpusModule }> {
  // The compiled engine, as pool.ts does: its pool points at the compiled worker, as in production.
  const dist = CLI.replace(/cli\.js$/, '');
  return {
    engine: (await import(pathToFileURL(`${dist}index.js`).href)) as EngineModule,
    keywords: (await import(pathToFileURL(`${dist}dispatch/keywords-corpus.js`).href)) as KeywordsCorpusModule,
  };
}

function jobsFor(task: TaskName, paths: readonly string[]): JobInput[] {
  const options = task === 'ngrams' ? { n: NGRAM_N } : undefined;
  return paths.map((path) => ({ task, input: { path }, source: path.slice(path.lastIndexOf('/') + 1), ...(options ? { options } : {}) }));
}

async function runTask(mods: { keywords: KeywordsCorpusModule }, engine: Engine, task: TaskName, paths: readonly string[]): Promise<JobResult[]> {
  const jobs = jobsFor(task, paths);
  // keywords is a corpus task: two map passes with the document-frequency reduce between, as `process --task keywords` runs it.
  const outcomes: MapOutcome[] = task === 'keywords' ? await mods.keywords.mapKeywordsCorpus(engine, jobs) : await engine.map(jobs);
  return outcomes.map((o) => {
    if (!o.ok) throw new BenchCheckError(`${task} on ${o.job.source ?? 'input'} failed: ${o.error.code} ${o.error.message}`);
    return o.result;
  });
}

/** The result without what legitimately differs between runs and thread counts. */
function comparable(result: JobResult): string {
  const { id: _id, worker: _worker, durationMs: _durationMs, finishedAt: _finishedAt, chunks: _chunks, ...rest } = result;
  return JSON.stringify(rest);
}

interface FileTotals {
  totalWords: number;
  /** Known for a single book; a file of several books has only its total. */
  uniqueWords?: number;
  top?: [string, number][];
}

interface Expected {
  /** Per file (by source): the conformance totals scaled by the copies. */
  words: Map<string, FileTotals>;
}

type Fixture = { totalWords: number; uniqueWords: number; top: [string, number][] };

function fixtureOf(book: string): Fixture {
  return JSON.parse(readFileSync(new URL(`${book.replace(/\.txt$/, '')}.expected.json`, FIXTURES), 'utf8')) as Fixture;
}

function expectedTotals(unitDir: string, copies: number): Expected {
  const words = new Map<string, FileTotals>();
  for (const file of readdirSync(unitDir).filter((f) => f.endsWith('.txt'))) {
    const fixture = fixtureOf(file);
    // The input repeats each book `copies` times joined by '\n': totals and counts scale, distinct words do not.
    words.set(file, { totalWords: fixture.totalWords * copies, uniqueWords: fixture.uniqueWords, top: fixture.top.map(([w, n]) => [w, n * copies]) });
  }
  return { words };
}

/** The big file repeats the four books joined by '\n': its total is theirs times the copies. */
function expectedBigFile(copies: number): Expected {
  const books = readdirSync(new URL('../../data/', import.meta.url)).filter((f) => f.endsWith('.txt'));
  const totalWords = books.reduce((n, book) => n + fixtureOf(book).totalWords, 0) * copies;
  return { words: new Map([['big.txt', { totalWords }]]) };
}

/** What is true of each task's result on a file, from the code and docs/tasks.md. */
function checkResult(result: JobResult, expected: Expected, documents: number, fileBytes: number): void {
  const what = `${result.task} on ${result.source}`;
  const words = expected.words.get(result.source);
  if (!words) throw new BenchCheckError(`${what}: no expected totals for this file`);
  expectEqual(`${what} bytes`, result.bytes, fileBytes);
  // Every task counts words by the same rules (docs/word-rules.md), so totalWords is wordcount's.
  expectEqual(`${what} totalWords (= wordcount's)`, result.totalWords, words.totalWords);
  switch (result.task) {
    case 'wordcount':
      if (words.uniqueWords !== undefined) expectEqual(`${what} uniqueWords`, result.uniqueWords, words.uniqueWords);
      if (words.top !== undefined) expectEqual(`${what} top`, result.top.map((t) => [t.word, t.count]), words.top);
      break;
    case 'ngrams':
      // Every n-word window of the document, stopword-edged ones included (workers/tasks/ngrams.ts).
      expectEqual(`${what} totalNgrams`, result.totalNgrams, Math.max(0, result.totalWords - (NGRAM_N - 1)));
      if (result.ngrams.length === 0 || result.ngrams.some((g) => g.ngram.split(' ').length !== NGRAM_N)) {
        throw new BenchCheckError(`${what}: expected ${NGRAM_N}-word n-grams, got ${JSON.stringify(result.ngrams.slice(0, 3))}`);
      }
      break;
    case 'sentiment': {
      const s = result.sentiment.sentences;
      expectEqual(`${what} sentence counts`, s.positive + s.negative + s.neutral, s.count);
      if (s.count === 0) throw new BenchCheckError(`${what}: no sentences`);
      expectEqual(`${what} comparative`, Math.abs(result.sentiment.comparative - result.sentiment.score / result.totalWords) < 1e-3, true);
      break;
    }
    case 'stats':
      expectEqual(`${what} stats.words`, result.stats.words, words.totalWords);
      if (words.uniqueWords !== undefined) expectEqual(`${what} stats.distinctWords`, result.stats.distinctWords, words.uniqueWords);
      expectEqual(`${what} stats.bytes`, result.stats.bytes, fileBytes);
      break;
    case 'keywords':
      if (words.uniqueWords !== undefined) expectEqual(`${what} uniqueWords`, result.uniqueWords, words.uniqueWords);
      expectEqual(`${what} documents`, result.documents, documents);
      for (const k of result.keywords) {
        // tf-idf as docs/tasks.md defines it: count / words in the document × ln(N / df); a corpus of one has idf 1.
        const score = (k.count / result.totalWords) * (documents <= 1 ? 1 : Math.log(documents / k.df));
        if (Math.abs(k.score - score) > 1e-6 * Math.max(1, Math.abs(score))) {
          throw new BenchCheckError(`${what} score of "${k.word}": expected ${score}, got ${k.score}`);
        }
      }
      break;
  }
}

async function taskCase(
  mods: { engine: EngineModule; keywords: KeywordsCorpusModule }, task: TaskName, threads: number, paths: readonly string[],
  expected: Expected, inputName: string, bytes: number, options: BenchOptions,
): Promise<{ result: CaseResult; answers: string[] }> {
  const fileBytes = new Map(paths.map((p) => [p.slice(p.lastIndexOf('/') + 1), statSync(p).size]));
  const engine = mods.engine.createEngine({ threads, outDir: null });
  const runs: Measurement[] = [];
  let answers: string[] = [];
  try {
    // Threads started and this task's code (and natural's pieces) loaded before the clock runs.
    await engine.map(Array.from({ length: threads * 2 }, () => ({ task, input: { text: 'Warm up the threads. It is good.' } })));
    for (let r = 0; r < options.runs; r++) {
      const t0 = performance.now();
      const results = await runTask(mods, engine, task, paths);
      runs.push({ wallMs: performance.now() - t0 });
      for (const result of results) checkResult(result, expected, paths.length, fileBytes.get(result.source) ?? -1);
      const now = results.map(comparable);
      if (answers.length > 0) expectEqual(`${task} on ${threads} thread(s): run ${r + 1} vs run 1`, now, answers);
      answers = now;
    }
  } finally {
    await engine.close();
  }
  const t = throughput(bytes, runs);
  return {
    answers,
    result: {
      scope: 'tasks', input: inputName, name: `${task}${task === 'ngrams' ? ` (n=${NGRAM_N})` : ''}, ${threads} thread${threads > 1 ? 's' : ''}`,
      kind: 'wordmill', threads, bytes, runs, ...t,
      checked: { task, files: paths.length, totalWords: [...expected.words.values()].reduce((n, w) => n + w.totalWords, 0) },
    },
  };
}

/** Every task on `input`'s files, on each thread count; results must agree between thread counts. */
async function runInput(
  mods: { engine: EngineModule; keywords: KeywordsCorpusModule }, input: BenchInput, expected: Expected, inputName: string,
  options: BenchOptions, log: (line: string) => void,
): Promise<CaseResult[]> {
  warmPageCache(input.dir);
  const paths = readdirSync(input.dir).filter((f) => f.endsWith('.txt')).sort().map((f) => `${input.dir}${f}`);
  log(`tasks: ${inputName} (${sizeLabel(input.bytes)})`);
  const results: CaseResult[] = [];
  for (const task of TASK_ORDER) {
    let first: { threads: number; answers: string[] } | undefined;
    for (const threads of options.threads) {
      const { result, answers } = await taskCase(mods, task, threads, paths, expected, inputName, input.bytes, options);
      // The pool must give the one-thread answer exactly (chunked tasks merge across cuts).
      if (first) expectEqual(`${task}: ${threads} threads vs ${first.threads}`, answers, first.answers);
      first ??= { threads, answers };
      results.push(result);
      log(`  ${result.name}: ${result.mbPerSec.median.toFixed(1)} MB/s (${result.mbPerSec.min.toFixed(1)}–${result.mbPerSec.max.toFixed(1)})`);
    }
  }
  return results;
}

export const tasksScope: Scope = {
  name: 'tasks',
  description: 'each task (wordcount, ngrams, sentiment, stats, keywords) in-process on 1 and N threads: data/ repeated to --size (default 8 MB), and one large file (default 40 MB); then each task\'s whole process command on the books folder ×20, ratio to wordcount',
  async run(options, log) {
    const mods = await loadModules();
    const books = englishInput(explicitSize(options, DEFAULT_TASKS_SIZE));
    const results = await runInput(mods, books, expectedTotals(books.unitDir, books.copies), `${books.name}: data/ ×${books.copies}, ${readdirSync(books.dir).filter((f) => f.endsWith('.txt')).length} files`, options, log);
    const big = bigFileInput(explicitSize(options, DEFAULT_BIG_FILE_SIZE));
    results.push(...(await runInput(mods, big, expectedBigFile(big.copies), `${big.name}: data/ joined ×${big.copies}, one file`, options, log)));
    results.push(...(await taskCommandCases(options, log)));
    return results;
  },
};
