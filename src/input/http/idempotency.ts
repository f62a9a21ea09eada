/**
 * What makes an HTTP retry safe: the job an `Idempotency-Key` was first used
 * for, and a fingerprint (a hash of the request) per job, to tell a retry of
 * the same request from a different one under the same key or job id. An
 * entry lives as long as its job's record in the job index.
 */
import type { JobIndex } from '../../jobs/job-index.ts';

export class IdempotencyTable {
  private readonly keys = new Map<string, { id: string; fingerprint: string }>();
  private readonly keyOfId = new Map<string, string>();
  private readonly fingerprints = new Map<string, string>();

  constructor(private readonly index: JobIndex) {
    index.onEvict((id) => this.forget(id));
  }

  /**
   * The job an idempotency key was first used for (and the request's fingerprint then), also
   * while that job is still being accepted (a retry racing the first request joins it).
   */
  lookupKey(key: string): { id: string; fingerprint: string } | undefined {
    return this.keys.get(key);
  }

  /** Binds a key to a job id before the job is submitted; `releaseKey` undoes it if the submit fails. */
  bindKey(key: string, id: string, fingerprint: string): void {
    this.keys.set(key, { id, fingerprint });
    this.keyOfId.set(id, key);
  }

  releaseKey(key: string): void {
    const bound = this.keys.get(key);
    this.keys.delete(key);
    if (bound) this.keyOfId.delete(bound.id);
  }

  /** Remembers what was asked for job `id` (a hash of the request), to tell a retry from a different request. */
  bindFingerprint(id: string, fingerprint: string): void {
    this.fingerprints.set(id, fingerprint);
  }

  fingerprintOf(id: string): string | undefined {
    return this.fingerprints.get(id);
  }

  /** Undoes `bindFingerprint` for a job that was not accepted. */
  releaseFingerprint(id: string): void {
    if (!this.index.has(id)) this.fingerprints.delete(id);
  }

  /** The job's record is gone: so are its fingerprint and key. */
  private forget(id: string): void {
    this.fingerprints.delete(id);
    const key = this.keyOfId.get(id);
    if (key !== undefined) this.releaseKey(key);
  }
}
