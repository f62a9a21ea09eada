/**
 * Each task as users run it: the whole `process --task <task>` command (spawn
 * to exit) on the books folder ×20 (80 ordinary books, ~43 MB), at the
 * largest --threads, every run into an empty --out. The tasks take turns
 * round by round (wordcount, ngrams, …, then again), so a slow minute of the
 * machine falls on all of them; each reports its median wall time and its
 * ratio to wordcount's (target ≤ 2×). Every run must count the same words.
 */
import { booksFolderInput, CACHE_DIR, sizeLabel } from '../corpus/inputs.ts';
import { warmPageCache } from '../corpus/page-cache.ts';
import { expectEqual } from '../lib/checks.ts';
import { describeCommand, measurementOf, runCommand } from '../lib/run-command.ts';
import { summarize, throughput } from '../lib/stats.ts';
import type { BenchOptions, CaseResult, Measurement } from '../lib/types.ts';
import { processCommand } from '../lib/wordmill-cli.ts';
import type { TaskName } from '../../src/index.ts';

const COPIES = 20;
const TASKS: readonly TaskName[] = ['wordcount', 'ngrams', 'sentiment', 'stats', 'keywords'];

interface Summary { totalWords: number; failed: number }

export async function taskCommandCases(options: BenchOptions, log: (line: string) => void): Promise<CaseResult[]> {
  const input = booksFolderInput(COPIES);
  warmPageCache(input.dir);
  const threads = Math.max(...options.threads);
  const scratch = `${CACHE_DIR}scratch/tasks-command`;
  const spec = (task: TaskName) => processCommand(input.dir, `${scratch}/${task}`, threads, ['--task', task]);
  log(`tasks: whole \`process\` command per task on ${input.name} (${sizeLabel(input.bytes)}), ${threads} threads, tasks in turn`);
  const runs = new Map<TaskName, Measurement[]>(TASKS.map((t) => [t, []]));
  let words: number | undefined;
  for (let r = 0; r < options.runs; r++) {
    for (const task of TASKS) {
      const run = await runCommand(spec(task));
      const summary = JSON.parse(run.stdout) as Summary;
      if (summary.failed !== 0) throw new Error(`process --task ${task}: ${summary.failed} failed file(s)`);
      words ??= summary.totalWords;
      expectEqual(`process --task ${task} totalWords`, summary.totalWords, words);
      runs.get(task)!.push(measurementOf(run));
    }
  }
  const wordcountWall = summarize(runs.get('wordcount')!.map((m) => m.wallMs)).median;
  return TASKS.map((task) => {
    const taskRuns = runs.get(task)!;
    const wall = summarize(taskRuns.map((m) => m.wallMs)).median;
    log(`  ${task}: ${(wall / 1000).toFixed(2)} s, ${(wall / wordcountWall).toFixed(2)}× wordcount`);
    return {
      scope: 'tasks', input: `${input.name}: whole command`, name: `process --task ${task}, ${threads} threads (${(wall / wordcountWall).toFixed(2)}× wordcount)`,
      kind: 'wordmill', threads, bytes: input.bytes, runs: taskRuns, ...throughput(input.bytes, taskRuns),
      checked: { totalWords: words! }, command: describeCommand(spec(task)),
    } satisfies CaseResult;
  });
}
