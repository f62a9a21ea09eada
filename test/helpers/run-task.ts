import type { CountRequest, MergeRequest, PartialCounts, TaskName, TaskOptionBag, TaskStatsByName } from '../../src/protocol.ts';
import { parseTaskOptions } from '../../src/tasks/registry.ts';
import { WORKER_TASKS } from '../../workers/tasks/registry.ts';

/** Runs a task in-process (no threads) on a text, options through the same boundary schema as real jobs. */
export function runTask<K extends TaskName>(task: K, text: string | Uint8Array, options: TaskOptionBag = {}, extra: Partial<CountRequest> = {}): TaskStatsByName[K] {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const request: CountRequest = {
    type: 'count', jobId: 't', source: 'test', task, mode: 'final', logDir: null,
    input: { kind: 'bytes', bytes, atStart: true }, options: parseTaskOptions(task, {}, { ...options }), ...extra,
  };
  const out = WORKER_TASKS[task].runCount(request);
  if (!('stats' in out)) throw new Error('expected a final answer');
  return out.stats as TaskStatsByName[K];
}

/** Counts each piece as a partial (in order) and merges them, as run-job does for a chunked input. */
export function runChunked<K extends TaskName>(task: K, pieces: Uint8Array[], options: TaskOptionBag = {}): TaskStatsByName[K] {
  const parsed = parseTaskOptions(task, {}, { ...options });
  const partials: PartialCounts[] = pieces.map((bytes, i) => {
    const out = WORKER_TASKS[task].runCount({
      type: 'count', jobId: 't', source: 'test', task, mode: 'partial', logDir: null,
      input: { kind: 'bytes', bytes, atStart: i === 0 }, options: parsed,
    });
    if (!('partial' in out)) throw new Error('expected a partial answer');
    return out.partial;
  });
  const merge: MergeRequest = { type: 'merge', jobId: 't', source: 'test', task, partials, options: parsed, logDir: null };
  return WORKER_TASKS[task].runMerge!(merge) as TaskStatsByName[K];
}
