/**
 * Each `wordmill process` run gets an id and leaves a manifest,
 * `<out>/runs/<runId>.json`: its inputs, options, result files, failures and
 * timings, so a script (or a person, later) can tell what a run produced
 * without matching result files by time. Written atomically like results.
 */
import { join } from 'node:path';
import { newJobId } from '../ids.ts';
import { writeFileAtomic } from '../sinks/atomic-write.ts';
import type { RunSummary } from './summary.ts';

export const newRunId = (): string => newJobId();

export const manifestPath = (outDir: string, runId: string): string => join(outDir, 'runs', `${runId}.json`);

export async function writeRunManifest(summary: RunSummary): Promise<void> {
  await writeFileAtomic(summary.manifest, `${JSON.stringify(summary, null, 2)}\n`);
}

/** A Redis URL's password must not land in a file anyone may read. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
