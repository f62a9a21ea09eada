/**
 * A finished result as JSON text, made once per result: the result file, the
 * HTTP `200` of `?wait=true` and the MQTT reply carry the same text, so the
 * main thread serializes each result once instead of once per use (the file
 * used to be indented as well, a second, longer text).
 * The result object must not change once it has been serialized: results are
 * built whole by the executor and only read afterwards.
 */
import type { JobResult } from '../dispatch/job.ts';

const texts = new WeakMap<JobResult, string>();

export function resultJson(result: JobResult): string {
  let text = texts.get(result);
  if (text === undefined) {
    text = JSON.stringify(result);
    texts.set(result, text);
  }
  return text;
}
