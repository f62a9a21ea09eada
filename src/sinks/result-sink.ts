import type { JobResult } from '../dispatch/job.ts';

/**
 * Where finished results go (output files, or a library user's own). The
 * engine resolves a job only after every sink has written it, so a caller
 * that acknowledges on resolve acknowledges durable work.
 */
export interface ResultSink {
  readonly name: string;
  /** Called by `engine.ready()`: make the sink usable (e.g. clear a crashed run's leftovers). */
  prepare?(): Promise<void>;
  write(result: JobResult): Promise<void>;
  close?(): Promise<void>;
}
