/**
 * Corpus scope: whole commands on generated folders — wordmill `process` at
 * 1 and N threads beside the baselines (the C and Python yardsticks among
 * them) — plus the start-up time on data/. The inputs: a folder of
 * ordinary-sized books, one big file, and big folders of English, a big
 * vocabulary and non-ASCII text. Every run's answer is checked before its
 * time counts.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  bigFileInput, bigVocabularyInput, booksFolderInput, CACHE_DIR, DATA_DIR, englishInput, nonAsciiInput, sizeLabel, type BenchInput,
} from '../corpus/inputs.ts';
import { checkScaledTotals, checkScaledWordmill, expectEqual, sameWordmillResults, type Totals } from '../lib/checks.ts';
import { warmPageCache } from '../corpus/page-cache.ts';
import { referenceTotals } from '../lib/reference-count.ts';
import { describeCommand, measurementOf, runCommand } from '../lib/run-command.ts';
import { maxRss, throughput } from '../lib/stats.ts';
import type { BenchOptions, CaseResult, Measurement, Scope } from '../lib/types.ts';
import type { WordmillRun } from '../lib/wordmill-cli.ts';
import { corpusVariants, type Variant } from './corpus-variants.ts';
import { withPerFileOverhead } from './corpus-overhead.ts';
import { incrementalCase } from './corpus-incremental.ts';
import { packedCases } from './corpus-packed.ts';
import { corpusResultCases } from './corpus-result-cost.ts';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/conformance/', import.meta.url));
/** The one big file's size at most (the size the scaling targets were set on). */
const BIG_FILE_BYTES = 217e6;

/** Inputs made of data/'s English books (ASCII-only baselines run on these only). */
function isEnglish(input: BenchInput): boolean {
  return /^(english|books|bigfile)-/.test(input.name);
}

interface Answer {
  totals: Totals | null;
  wordmill?: WordmillRun;
}

async function runOnce(variant: Variant, dir: string, scratch: string): Promise<Answer & { measurement: Measurement }> {
  const run = await runCommand(variant.command(dir, scratch));
  return { ...variant.read(run.stdout, scratch), measurement: measurementOf(run) };
}

/** wordmill's results on the unit texts against answers computed independently of it. */
function checkUnitAgainstReference(input: BenchInput, unit: WordmillRun): void {
  for (const [source, counts] of unit.files) {
    const stem = source.replace(/\.txt$/, '');
    if (input.name.startsWith('english') || input.unitFileOf) {
      const expected = JSON.parse(readFileSync(`${FIXTURES}${stem}.expected.json`, 'utf8')) as Totals & { top: [string, number][] };
      expectEqual(`wordmill on ${source} vs conformance data`, counts, expected);
    } else if (input.name.startsWith('nonascii')) {
      expectEqual(`wordmill on ${source} vs regex reference`, { totalWords: counts.totalWords, uniqueWords: counts.uniqueWords }, referenceTotals(`${input.unitDir}${source}`));
    }
  }
}

function checkAnswer(variant: Variant, input: BenchInput, answer: Answer, unit: Answer | undefined): void {
  const what = `${variant.name} on ${input.name}`;
  if (answer.wordmill) {
    if (unit?.wordmill && input.unitFileOf) checkCopiedFiles(what, answer.wordmill, unit.wordmill, input.unitFileOf, input.copies);
    else if (unit?.wordmill) checkScaledWordmill(what, answer.wordmill, unit.wordmill, input.copies);
    if (input.exact) expectEqual(`${what} totalWords`, answer.wordmill.totalWords, input.exact.totalWords);
  } else if (answer.totals) {
    if (unit?.totals) checkScaledTotals(what, answer.totals, unit.totals, input.copies);
    if (input.exact) expectEqual(`${what} totals`, answer.totals, input.exact);
  }
}

/** A folder of whole copies: each file's result is its unit file's. */
function checkCopiedFiles(what: string, run: WordmillRun, unit: WordmillRun, unitFileOf: (source: string) => string, copies: number): void {
  for (const [source, counts] of run.files) expectEqual(`${what} ${source}`, counts, unit.files.get(unitFileOf(source)));
  expectEqual(`${what} file count`, run.files.size, unit.files.size * copies);
}

async function benchInput(input: BenchInput, options: BenchOptions, log: (line: string) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let firstWordmill: WordmillRun | undefined;
  warmPageCache(input.dir);
  for (const variant of corpusVariants(options.threads)) {
    if (!variant.available() || (variant.englishOnly && !isEnglish(input))) continue;
    if (options.skip.some((s) => variant.name.toLowerCase().includes(s.toLowerCase()))) continue;
    const scratch = `${CACHE_DIR}scratch/${variant.name.replace(/\W+/g, '-')}`;
    mkdirSync(scratch, { recursive: true });
    const unit = input.copies > 1 ? await runOnce(variant, input.unitDir, scratch) : undefined;
    if (unit?.wordmill && variant.threads === 1) checkUnitAgainstReference(input, unit.wordmill);
    const runs: Measurement[] = [];
    let last: Answer | undefined;
    for (let r = 0; r < options.runs; r++) {
      const answer = await runOnce(variant, input.dir, scratch);
      checkAnswer(variant, input, answer, unit);
      runs.push(answer.wordmill ? { ...answer.measurement, busy: answer.wordmill.busy } : answer.measurement);
      last = answer;
      log(`  ${variant.name} on ${input.name}: run ${r + 1}/${options.runs} ${(answer.measurement.wallMs / 1000).toFixed(2)} s`);
    }
    if (last?.wordmill) {
      if (firstWordmill) sameWordmillResults(`${variant.name} vs the first wordmill variant on ${input.name}`, last.wordmill, firstWordmill);
      firstWordmill ??= last.wordmill;
    }
    const peak = maxRss(runs);
    const medianRun = [...runs].sort((a, b) => a.wallMs - b.wallMs)[runs.length >> 1];
    results.push({
      scope: 'corpus',
      input: input.name,
      name: variant.name,
      kind: variant.kind,
      threads: variant.threads,
      bytes: input.bytes,
      runs,
      ...throughput(input.bytes, runs),
      ...(peak === undefined ? {} : { peakRssBytes: peak }),
      ...(medianRun?.busy ? { busyPerThread: medianRun.busy } : {}),
      checked: last?.wordmill ? { totalWords: last.wordmill.totalWords, files: last.wordmill.files.size } : { ...last?.totals },
      command: describeCommand(variant.command(input.dir, scratch)),
      ...(variant.note ? { note: variant.note } : {}),
    });
  }
  return results;
}

/** `process data/` start to exit: what a user waits for on a small job (target ≤ 0.5 s). */
async function startupCase(options: BenchOptions, log: (line: string) => void): Promise<CaseResult> {
  const threads = Math.max(...options.threads);
  const variant = corpusVariants([threads])[0]!;
  const scratch = `${CACHE_DIR}scratch/startup`;
  mkdirSync(scratch, { recursive: true });
  const expected = ['dracula', 'frankenstein', 'heart-of-darkness', 'pride-and-prejudice'].reduce(
    (n, book) => n + (JSON.parse(readFileSync(`${FIXTURES}${book}.expected.json`, 'utf8')) as Totals).totalWords,
    0,
  );
  const runs: Measurement[] = [];
  let bytes = 0;
  for (let r = 0; r < Math.max(5, options.runs); r++) {
    const answer = await runOnce(variant, DATA_DIR, scratch);
    expectEqual('wordmill on data/ totalWords', answer.wordmill?.totalWords, expected);
    runs.push(answer.measurement);
    bytes = readdirSync(DATA_DIR).filter((f) => f.endsWith('.txt')).reduce((n, f) => n + readFileSync(`${DATA_DIR}${f}`).length, 0);
  }
  log(`  start-up on data/: ${runs.map((r) => r.wallMs.toFixed(0)).join(', ')} ms`);
  const peak = maxRss(runs);
  return {
    scope: 'corpus', input: 'data', name: `wordmill process data/ --threads ${threads} (start to exit)`, kind: 'wordmill', threads, bytes, runs,
    ...throughput(bytes, runs), ...(peak === undefined ? {} : { peakRssBytes: peak }),
    checked: { totalWords: expected }, command: describeCommand(variant.command(DATA_DIR, scratch)),
  };
}

export const corpusScope: Scope = {
  name: 'corpus',
  description: 'whole commands on generated folders: wordmill at 1 and N threads vs baselines; start-up on data/; a re-run of the books folder with one book added; the books gzipped and zipped; the corpus result\'s cost',
  async run(options, log) {
    const results: CaseResult[] = [await startupCase(options, log)];
    const books = booksFolderInput();
    const bigFile = bigFileInput(Math.min(BIG_FILE_BYTES, options.sizeBytes));
    const inputs = [books, bigFile, englishInput(options.sizeBytes), bigVocabularyInput(options.sizeBytes), nonAsciiInput(options.sizeBytes)];
    for (const input of inputs) {
      log(`corpus: ${input.name} (${sizeLabel(input.bytes)}, ${input.copies} cop${input.copies === 1 ? 'y' : 'ies'} of its unit)`);
      results.push(...(await benchInput(input, options, log)));
    }
    log(`corpus: re-run of ${books.name} with one book added`);
    const incremental = await incrementalCase(books, options, log);
    log(`corpus: ${books.name} gzipped and zipped`);
    const packed = await packedCases(books, options, log);
    const corpusResult = await corpusResultCases(options, log);
    return [...withPerFileOverhead(results, { folder: books, files: readdirSync(books.dir).length, bigFile }), ...incremental, ...packed, ...corpusResult];
  },
};
