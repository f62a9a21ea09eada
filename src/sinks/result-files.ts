/**
 * Finished jobs answered from their result files once their records are gone
 * (a restart, or past --keep-jobs): the service writes `<out>/<name>_<id>.json`
 * with a name of its own (`http`, `mqtt`), so an id is enough to find it.
 */
import { readFile } from 'node:fs/promises';
import type { JobResult } from '../dispatch/job.ts';
import type { JobRecord } from '../jobs/job-index.ts';
import { OutputDirSink } from './output-dir.ts';

export class ResultFiles {
  private readonly files: OutputDirSink;

  constructor(outDir: string, private readonly names: readonly string[]) {
    this.files = new OutputDirSink(outDir);
  }

  /** Whether the job's result file exists (for a job whose name is known). */
  async has(id: string, name: string): Promise<boolean> {
    return (await this.read(this.files.pathFor({ id, name }))) !== undefined;
  }

  async find(id: string): Promise<JobRecord | undefined> {
    for (const name of this.names) {
      const result = await this.read(this.files.pathFor({ id, name }));
      if (result?.id !== id) continue;
      return { id, status: 'done', task: result.task, source: result.source, createdAt: result.finishedAt, finishedAt: result.finishedAt, result };
    }
    return undefined;
  }

  private async read(path: string): Promise<JobResult | undefined> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return JSON.parse(text) as JobResult;
    } catch {
      return undefined; // not one of ours: files are renamed into place whole
    }
  }
}
