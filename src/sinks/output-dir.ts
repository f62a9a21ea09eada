import { join } from 'node:path';
import type { JobResult } from '../dispatch/job.ts';
import { OutputError } from '../errors.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { removeStrayTempFiles } from '../durable-fs/stray-temp-files.ts';
import { resultJson } from './result-json.ts';
import type { ResultSink } from './result-sink.ts';

/** Where a result's file goes: `<outDir>/<name>_<id>.json`. */
export function resultPath(outDir: string, result: Pick<JobResult, 'id' | 'name'>): string {
  return join(outDir, `${result.name}_${result.id}.json`);
}

/** One JSON file per result: `<outDir>/<name>_<id>.json`. */
export class OutputDirSink implements ResultSink {
  readonly name = 'output-dir';

  constructor(readonly outDir: string) {}

  pathFor(result: Pick<JobResult, 'id' | 'name'>): string {
    return resultPath(this.outDir, result);
  }

  /** A crashed run's temporary files go before this run writes. */
  async prepare(): Promise<void> {
    await removeStrayTempFiles(this.outDir);
  }

  async write(result: JobResult): Promise<void> {
    const path = this.pathFor(result);
    try {
      await writeFileAtomic(path, `${resultJson(result)}\n`);
    } catch (error) {
      throw new OutputError(path, error);
    }
  }
}
