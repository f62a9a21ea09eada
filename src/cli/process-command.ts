/**
 * `wordmill process [PATH...]`: counts every file of the given folders, files
 * and globs (and `-`, standard input) on the pool, writes one result file
 * each and a run manifest, reports failures one line each without stopping,
 * and exits non-zero if any input failed.
 */
import { Option } from 'commander';
import { z } from 'zod';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ENGINE_DEFAULTS, MIN_CHUNK_SIZE } from '../config.ts';
import { formatIssues } from '../validation.ts';
import { taskNameSchema } from '../tasks/options.ts';
import { mapKeywordsCorpus } from '../dispatch/keywords-corpus.ts';
import { createEngine } from '../create-engine.ts';
import type { WordmillError } from '../errors.ts';
import { parseTaskOptions } from '../tasks/registry.ts';
import { redisUrlSchema } from '../queue/options.ts';
import { resultPath } from '../sinks/output-dir.ts';
import { wholeNumber as int } from '../option-fields.ts';
import { withOptionLabels } from './option-names.ts';
import { readStdin, resolveInputs } from './process-inputs.ts';
import { createProgress } from './progress.ts';
import { openRunLog } from './run-log.ts';
import { manifestPath, newRunId, redactUrl, writeRunManifest } from './run-manifest.ts';
import { maxRetriesOption, queueNameOption, queueUrlOption } from './queue-flags.ts';
import { formatSummary, resultFileOf, summarize } from './summary.ts';
import type { RunPlace, RunRow } from './summary.ts';
import { CORPUS_TASKS, statsSums } from './corpus/corpus-result.ts';
import { mergeCorpus } from './corpus/corpus-merge.ts';
import { corpusMergeSpec, countedResults, rowSums, sumsOf } from './corpus/task-corpus.ts';
import { IncrementalRun } from './corpus/incremental-run.ts';
import { countThenMerge } from './corpus/count-then-merge.ts';
import type { PlannedFile } from './corpus/incremental-run.ts';
import type { MapOutcome } from '../engine.ts';
import { MAX_PRIORITY } from '../dispatch/job.ts';
import type { JobInput, JobResult } from '../dispatch/job.ts';
import type { TaskOptionBag } from '../protocol.ts';
import { taskFlagBag, taskFlagOptions, taskFlagsSchema } from './task-flags.ts';
import type { TaskFlags } from './task-flags.ts';
import { byteSizeMessage, byteSizeValue } from '../units/byte-size.ts';
import { UsageError } from './usage-error.ts';
import type { CorpusFile } from '../input/file/corpus.ts';
import { stopEarlyThreads } from '../pool/early-threads.ts';

/** Plain text, gzipped text, zip archives and HTML (docs/packed-inputs.md). */
export const DEFAULT_EXTENSIONS = 'txt,txt.gz,zip,html,htm';

const processOptionsSchema = z.object({
  out: z.string().min(1),
  threads: int(1, 1024),
  task: taskNameSchema,
  // Kept as written (the run manifest records `16MiB`); the engine turns it into bytes.
  chunkSize: z.string().refine((v) => byteSizeValue(v, MIN_CHUNK_SIZE) !== undefined, byteSizeMessage(MIN_CHUNK_SIZE)),
  json: z.boolean(),
  ext: z.string().min(1),
  queue: redisUrlSchema.optional(),
  queueName: z.string().min(1).default('wordmill'),
  maxRetries: int(0, 100).default(3),
  priority: int(1, MAX_PRIORITY).optional(),
  corpus: z.boolean().default(true),
  force: z.boolean().default(false),
});

/** The command's own flags and the task option flags (src/cli/task-flags.ts). */
export type ProcessOptions = z.infer<typeof processOptionsSchema> & TaskFlags;

export function registerProcessCommand(program: Command, run: { exitCode: number }): void {
  const command = program.command('process');
  command
    .description('run a task (wordcount, ngrams, sentiment, stats, keywords) on every file in a folder, one result file each')
    .argument('[paths...]', 'folders, files or glob patterns to process; - reads standard input (default: data)')
    .addOption(new Option('-o, --out <dir>', 'folder for result files, run manifests and logs').default('output').env('WORDMILL_OUT'))
    .addOption(new Option('-t, --threads <n>', 'worker threads').default(String(ENGINE_DEFAULTS.threads)).env('WORDMILL_THREADS'))
    .addOption(new Option('--task <name>', 'wordcount|ngrams|sentiment|stats|keywords (see docs/tasks.md)').default('wordcount').env('WORDMILL_TASK'));
  for (const option of taskFlagOptions()) command.addOption(option);
  command
    .addOption(new Option('--chunk-size <size>', 'split files larger than this across threads').default('16MiB').env('WORDMILL_CHUNK_SIZE'))
    .addOption(new Option('--ext <list>', 'file extensions to take, comma-separated, or * (zip members are filtered by the same list)').default(DEFAULT_EXTENSIONS).env('WORDMILL_EXT'))
    .addOption(new Option('--json', 'print the run summary as JSON on stdout').default(false))
    .addOption(new Option('--no-corpus', 'no corpus result (the whole folder as one text) and no kept word counts'))
    .addOption(new Option('--force', 'count every file again, even those unchanged since an earlier run into the same --out').default(false))
    .addOption(queueUrlOption('fan the files out to `wordmill worker` processes through this Redis queue (they must see the same paths; they write the result files into their own --out)'))
    .addOption(queueNameOption())
    .addOption(maxRetriesOption())
    .addOption(new Option('--priority <n>', `queue mode: job priority, 1 (first) to ${MAX_PRIORITY}`).env('WORDMILL_PRIORITY'))
    .action(async (paths: string[], raw: Record<string, unknown>, command: Command) => {
      const parsed = processOptionsSchema.safeParse(raw, { reportInput: true });
      const flags = taskFlagsSchema.safeParse(raw, { reportInput: true });
      const problems = [parsed, flags].flatMap((p) => (p.success ? [] : [formatIssues(p.error, 'option')]));
      if (!parsed.success || !flags.success) throw new UsageError(withOptionLabels(command, problems.join('; '), 'option'));
      const inputs = paths.length === 0 ? ['data'] : paths;
      run.exitCode = await runProcess(inputs, { ...flags.data, ...parsed.data }, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    });
}

export async function runProcess(
  paths: readonly string[],
  options: ProcessOptions,
  io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream },
): Promise<number> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const runId = newRunId();
  const taskOptions = taskFlagBag(options.task, options);
  let validOptions: unknown;
  try {
    // Once here, so a bad option stops the run before any file instead of failing each one.
    validOptions = parseTaskOptions(options.task, taskOptions, undefined);
  } catch (error) {
    throw new UsageError(`${(error as WordmillError).code}: ${(error as Error).message}`);
  }
  // keywords across a folder needs every document's terms before any is scored: two passes over the local pool.
  const corpusKeywords = options.task === 'keywords';
  if (corpusKeywords && options.queue !== undefined) throw new UsageError('--task keywords ranks terms across the whole folder and runs on the local pool: drop --queue');
  const extensions = options.ext.split(',').map((e) => e.trim().replace(/^\./, '').toLowerCase());
  const corpus = await resolveInputs(paths, extensions);
  const logDir = join(options.out, 'logs');
  const runLog = openRunLog(logDir, runId);
  runLog.info({ inputs: paths, task: options.task }, 'run started');
  for (const p of corpus.problems) {
    io.stderr.write(`error: ${p.source}: ${p.code} ${p.message}\n`);
    runLog.error({ source: p.source, code: p.code }, p.message);
  }
  const stdinBytes = corpus.stdin ? await readStdin(io.stdin) : undefined;
  // Reuse needs results that depend on their own file only (not keywords) and written here (not by queue workers).
  const useIndex = options.queue === undefined && !corpusKeywords;
  const keepCounts = useIndex && options.corpus && CORPUS_TASKS.has(options.task);
  // stats' corpus words take the run's --top and --stopwords, which the stats task itself does not: part of what the index is for.
  const corpusWords = keepCounts && options.task === 'stats' ? corpusWordOptions(options) : undefined;
  const identity = { task: options.task, options: validOptions, ...(corpusWords === undefined ? {} : { corpusWords }) };
  const plan = useIndex
    ? await IncrementalRun.plan(corpus.files, { outDir: options.out, identity, keepCounts, force: options.force, startedMs: Date.now() })
    : undefined;
  const planned: PlannedFile[] = plan?.files ?? corpus.files.map((file) => ({ file, key: file.path, stamp: undefined, racy: false, counts: null }));
  const toCount = planned.filter((p) => p.reused === undefined);
  const stdinCounts = keepCounts && stdinBytes !== undefined ? `stdin-${runId}.counts` : null;

  const priority = options.priority === undefined ? {} : { priority: options.priority };
  const keep = (name: string | null) => (name === null || plan === undefined ? {} : { counts: { keep: plan.countsPath(name) } });
  const jobs: JobInput[] = toCount.map((p) => ({ input: inputOf(p.file), source: p.file.source, ...priority, ...keep(p.counts) }));
  if (stdinBytes !== undefined) jobs.push({ input: { bytes: stdinBytes }, source: 'stdin', name: 'stdin', ...priority, ...keep(stdinCounts) });
  // Nothing changed since the last run: its results and corpus result stand, and no thread need start.
  const unchanged = plan !== undefined && jobs.length === 0 && keepCounts ? plan.lastCorpus(planned.flatMap((p) => (p.counts === null ? [] : [p.counts])), options.task === 'ngrams') : undefined;
  const idle = plan !== undefined && jobs.length === 0 && (!keepCounts || unchanged !== undefined);
  const threads = poolThreads(options, plan === undefined ? undefined : toCount, stdinBytes?.length);
  // Threads src/cli.ts may have started before this run knew it had nothing to count.
  if (idle) void stopEarlyThreads();
  let outcomes: MapOutcome[] = [];
  let interrupted: number | undefined;
  let merged: Awaited<ReturnType<typeof mergeCorpus>> | undefined = unchanged;
  let closing: Promise<void> | undefined;
  if (!idle) {
    const engine = createEngine({
      threads,
      // keywords: the engine writes the scored results only, not the first pass's term lists.
      outDir: options.out,
      logDir,
      chunkSize: options.chunkSize,
      defaultTask: options.task,
      defaultOptions: taskOptions,
      ...(options.queue === undefined ? {} : { queue: { url: options.queue, name: options.queueName, maxRetries: options.maxRetries } }),
    });
    try {
      await engine.ready();
    } catch (error) {
      await engine.close();
      throw error;
    }
    const progress = await createProgress(jobs.length * (corpusKeywords ? 2 : 1), io.stderr);
    engine.events.on('job:done', (job, result) => {
      // The corpus merges add up files already counted: not files of the progress line.
      if (job.counts?.add !== undefined) return;
      progress.advance(result.bytes);
      if (job.corpus?.stage === 'terms') return;
      if (result.bytes === 0) io.stderr.write(`warning: ${job.source}: empty file, 0 words\n`);
      if (result.invalidUtf8) io.stderr.write(`warning: ${job.source}: invalid UTF-8 replaced by U+FFFD\n`);
    });
    const queueRun = options.queue === undefined
      ? undefined
      : (await import('./process-queue.ts')).superviseQueueRun(engine, { url: options.queue, name: options.queueName }, { ...io, json: options.json });
    engine.events.on('job:failed', (job, error) => {
      progress.advance(0);
      if (queueRun?.interrupted || job.counts?.add !== undefined) return;
      io.stderr.write(`error: ${job.source}: ${error.code} ${error.message}\n`);
    });
    try {
      if (keepCounts && plan !== undefined) {
        // The counts files of the files counted (as far as they computed), after those reused, in file order.
        const merge = (counts: readonly MapOutcome[]) => {
          const counted = new Set(toCount.flatMap((p, i) => (counts[i]!.ok ? [p] : [])));
          const names = planned.flatMap((p) => (p.counts !== null && (p.reused !== undefined || counted.has(p)) ? [p.counts] : []));
          if (stdinCounts !== null && counts[toCount.length]?.ok) names.push(stdinCounts);
          const spec = corpusMergeSpec(options.task, validOptions, corpusWords, () => statsSums(sumsOf(planned, toCount, counts)));
          return mergeCorpus(engine, plan, names, threads, spec, countedResults(toCount, counts, stdinCounts)).catch((error: unknown) => {
            io.stderr.write(`error: corpus: ${(error as WordmillError).code ?? 'E_TASK_FAILED'} ${(error as Error).message}\n`);
            return undefined;
          });
        };
        ({ outcomes, merged } = await countThenMerge(engine, jobs, merge));
      } else {
        outcomes = corpusKeywords ? await mapKeywordsCorpus(engine, jobs) : await engine.map(jobs);
      }
    } catch (error) {
      progress.stop();
      await engine.close();
      await queueRun?.finish();
      throw error;
    }
    progress.stop();
    // Pool threads stop while the index is written (they have nothing left to do); queue mode reads
    // its outcome once the engine is closed.
    closing = engine.close();
    if (queueRun !== undefined) {
      await closing;
      interrupted = await queueRun.finish();
    }
  }
  if (interrupted !== undefined) return interrupted;
  const place: RunPlace = options.queue === undefined
    ? { mode: 'pool', outDir: options.out, threads: idle ? 0 : threads }
    : { mode: 'queue', queueName: options.queueName };
  const output = (result: JobResult) => resultFileOf(place, result, () => resultPath(options.out, result));
  const byFile = new Map(toCount.map((p, i) => [p, outcomes[i]!]));
  const rows: RunRow[] = planned.map((p) => (p.reused !== undefined
    ? { source: p.file.source, reused: p.reused }
    : { source: p.file.source, outcome: byFile.get(p)!, output: outputOf(byFile.get(p)!, output) }));
  if (stdinBytes !== undefined) rows.push({ source: 'stdin', outcome: outcomes[toCount.length]!, output: outputOf(outcomes[toCount.length]!, output) });
  await Promise.all([plan?.save(byFile, output, merged?.kept), closing]);
  const summary = summarize(
    {
      runId,
      manifest: manifestPath(options.out, runId),
      startedAt,
      finishedAt: new Date().toISOString(),
      input: paths.join(' '),
      inputs: [...paths],
      options: runOptions(options, taskOptions),
      place,
      skipped: corpus.skipped,
      wallMs: performance.now() - started,
      // Queue mode keeps no counts files here: stats still has its sums.
      corpus: merged?.corpus ?? (options.corpus && options.task === 'stats' && !keepCounts ? statsSums(rows.map(rowSums)) : null),
    },
    rows,
    corpus.problems,
  );
  await writeRunManifest(summary);
  runLog.info({ files: summary.files, succeeded: summary.succeeded, failed: summary.failed, bytes: summary.bytes, wallMs: summary.wallMs, manifest: summary.manifest }, 'run finished');
  io.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
  return summary.failed > 0 || (keepCounts && merged === undefined) ? 1 : 0;
}

/**
 * As many threads as asked, or fewer when a re-run has fewer files than that
 * to count, none of them large enough to be cut into chunks: starting a
 * thread costs more than counting a book.
 */
function poolThreads(options: ProcessOptions, toCount: readonly PlannedFile[] | undefined, stdinBytes: number | undefined): number {
  if (toCount === undefined) return options.threads;
  const chunk = byteSizeValue(options.chunkSize, MIN_CHUNK_SIZE) ?? Number.MAX_SAFE_INTEGER;
  const sizes = [...toCount.map((p) => (p.stamp === undefined ? 0 : Number(p.stamp.size))), ...(stdinBytes === undefined ? [] : [stdinBytes])];
  if (sizes.some((size) => size > chunk)) return options.threads;
  return Math.max(1, Math.min(options.threads, sizes.length));
}

function inputOf(file: CorpusFile): JobInput['input'] {
  return file.member === undefined ? { path: file.path } : { path: file.path, member: file.member };
}

function outputOf(outcome: MapOutcome, output: (result: JobResult) => string | null): string | null {
  return outcome.ok ? output(outcome.result) : null;
}

/** The words options of the stats corpus: wordcount's, from the run's --top and --stopwords. */
function corpusWordOptions(options: ProcessOptions): TaskOptionBag {
  return taskFlagBag('wordcount', { top: options.top, stopwords: options.stopwords });
}

/** What the manifest records of the options: the validated values, never a queue password. */
function runOptions(options: ProcessOptions, taskOptions: object): Record<string, unknown> {
  const { json: _json, queue, ...rest } = options;
  return { ...taskOptions, ...rest, ...(queue === undefined ? {} : { queue: redactUrl(queue) }) };
}
