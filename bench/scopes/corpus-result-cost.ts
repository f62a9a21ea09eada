/**
 * What the corpus result costs: `process --task <task>` on the books folder
 * ×20 with the corpus result (the default) and with `--no-corpus`, for each
 * task that has one, all six commands taking turns round by round. Checked:
 * the corpus result covers every file and word of the run. Reported: wall
 * time and CPU time, and the corpus result's share of each.
 */
import { booksFolderInput, CACHE_DIR, sizeLabel } from '../corpus/inputs.ts';
import { warmPageCache } from '../corpus/page-cache.ts';
import { expectEqual } from '../lib/checks.ts';
import { describeCommand, measurementOf, runCommand } from '../lib/run-command.ts';
import { summarize, throughput } from '../lib/stats.ts';
import type { BenchOptions, CaseResult, Measurement } from '../lib/types.ts';
import { processCommand } from '../lib/wordmill-cli.ts';

const COPIES = 20;
const TASKS = ['wordcount', 'stats', 'ngrams'] as const;

interface Summary { totalWords: number; files: number; failed: number; corpus: { files: number; totalWords: number } | null }

export async function corpusResultCases(options: BenchOptions, log: (line: string) => void): Promise<CaseResult[]> {
  const input = booksFolderInput(COPIES);
  warmPageCache(input.dir);
  const threads = Math.max(...options.threads);
  const scratch = `${CACHE_DIR}scratch/corpus-result`;
  const variants = TASKS.flatMap((task) => [
    { task, corpus: true, spec: () => processCommand(input.dir, `${scratch}/${task}`, threads, ['--task', task]) },
    { task, corpus: false, spec: () => processCommand(input.dir, `${scratch}/${task}-none`, threads, ['--task', task, '--no-corpus']) },
  ]);
  log(`corpus: the corpus result's cost on ${input.name} (${sizeLabel(input.bytes)}), ${threads} threads, with and without --no-corpus in turns`);
  const runs = variants.map((): Measurement[] => []);
  for (let r = 0; r < options.runs; r++) {
    for (const [i, v] of variants.entries()) {
      const run = await runCommand(v.spec());
      const summary = JSON.parse(run.stdout) as Summary;
      if (summary.failed !== 0) throw new Error(`process --task ${v.task}: ${summary.failed} failed`);
      if (v.corpus) {
        expectEqual(`${v.task} corpus files`, summary.corpus?.files, summary.files);
        expectEqual(`${v.task} corpus totalWords`, summary.corpus?.totalWords, summary.totalWords);
      } else expectEqual(`${v.task} --no-corpus corpus`, summary.corpus, null);
      runs[i]!.push(measurementOf(run));
    }
  }
  const med = (ms: Measurement[], key: 'wallMs' | 'cpuMs'): number => summarize(ms.map((m) => m[key] ?? NaN)).median;
  return variants.map((v, i) => {
    const without = runs[v.corpus ? i + 1 : i]!;
    const note = v.corpus
      ? `with the corpus result: wall ${(med(runs[i]!, 'wallMs') / med(without, 'wallMs')).toFixed(2)}×, CPU ${(med(runs[i]!, 'cpuMs') / med(without, 'cpuMs')).toFixed(2)}× --no-corpus`
      : 'no corpus result';
    log(`  ${v.task}${v.corpus ? '' : ' --no-corpus'}: ${(med(runs[i]!, 'wallMs') / 1000).toFixed(2)} s, CPU ${(med(runs[i]!, 'cpuMs') / 1000).toFixed(2)} s${v.corpus ? ` (${note})` : ''}`);
    return {
      scope: 'corpus', input: `${input.name}: corpus result`, name: `process --task ${v.task}${v.corpus ? '' : ' --no-corpus'}, ${threads} threads`, kind: 'wordmill', threads,
      bytes: input.bytes, runs: runs[i]!, ...throughput(input.bytes, runs[i]!), checked: { files: COPIES * 4 }, command: describeCommand(v.spec()), note,
    } satisfies CaseResult;
  });
}
