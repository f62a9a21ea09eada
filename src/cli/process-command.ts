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
import { ENGINE_DEFAULTS, formatIssues, MIN_CHUNK_SIZE, taskNameSchema } from '../config.ts';
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
import type { RunPlace } from './summary.ts';
import { taskFlagBag, taskFlagOptions, taskFlagsSchema } from './task-flags.ts';
import type { TaskFlags } from './task-flags.ts';
import { byteSizeMessage, byteSizeValue } from '../units/byte-size.ts';
import { UsageError } from './usage-error.ts';

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
  priority: int(1, 2_097_152).optional(),
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
    .addOption(new Option('--ext <list>', 'file extensions to take, comma-separated, or *').default('txt').env('WORDMILL_EXT'))
    .addOption(new Option('--json', 'print the run summary as JSON on stdout').default(false))
    .addOption(queueUrlOption('fan the files out to `wordmill worker` processes through this Redis queue (they must see the same paths; they write the result files into their own --out)'))
    .addOption(queueNameOption())
    .addOption(maxRetriesOption())
    .addOption(new Option('--priority <n>', 'queue mode: job priority, 1 (first) to 2097152').env('WORDMILL_PRIORITY'))
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
  try {
    // Once here, so a bad option stops the run before any file instead of failing each one.
    parseTaskOptions(options.task, taskOptions, undefined);
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

  const engine = createEngine({
    threads: options.threads,
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
  const priority = options.priority === undefined ? {} : { priority: options.priority };
  const jobs: Array<{ input: { path: string } | { bytes: Uint8Array }; source: string; name?: string; priority?: number }> =
    corpus.files.map((f) => ({ input: { path: f.path }, source: f.source, ...priority }));
  if (stdinBytes !== undefined) jobs.push({ input: { bytes: stdinBytes }, source: 'stdin', name: 'stdin', ...priority });
  const progress = createProgress(jobs.length * (corpusKeywords ? 2 : 1), io.stderr);
  engine.events.on('job:done', (job, result) => {
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
    if (queueRun?.interrupted) return;
    io.stderr.write(`error: ${job.source}: ${error.code} ${error.message}\n`);
  });
  let outcomes;
  let interrupted: number | undefined;
  try {
    outcomes = corpusKeywords ? await mapKeywordsCorpus(engine, jobs) : await engine.map(jobs);
  } finally {
    progress.stop();
    await engine.close();
    interrupted = await queueRun?.finish();
  }
  if (interrupted !== undefined) return interrupted;
  const place: RunPlace = options.queue === undefined
    ? { mode: 'pool', outDir: options.out, threads: options.threads }
    : { mode: 'queue', queueName: options.queueName };
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
    },
    outcomes.map((outcome, i) => ({
      source: jobs[i]!.source,
      outcome,
      output: outcome.ok ? resultFileOf(place, outcome.result, () => resultPath(options.out, outcome.result)) : null,
    })),
    corpus.problems,
  );
  await writeRunManifest(summary);
  runLog.info({ files: summary.files, succeeded: summary.succeeded, failed: summary.failed, bytes: summary.bytes, wallMs: summary.wallMs, manifest: summary.manifest }, 'run finished');
  io.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
  return summary.failed > 0 ? 1 : 0;
}

/** What the manifest records of the options: the validated values, never a queue password. */
function runOptions(options: ProcessOptions, taskOptions: object): Record<string, unknown> {
  const { json: _json, queue, ...rest } = options;
  return { ...taskOptions, ...rest, ...(queue === undefined ? {} : { queue: redactUrl(queue) }) };
}
