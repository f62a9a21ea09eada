/**
 * Readiness of the output folder: can a file be created there right now?
 * Tried for real (make the folder, write and remove a small file), since
 * permission bits say nothing about a full disk or a read-only mount, and at
 * most once per `ttlMs` however often a load balancer asks.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Returns why `dir` cannot take files, or undefined when it can. */
export type OutputCheck = () => Promise<string | undefined>;

export function outputCheck(dir: string, ttlMs = 1000, now: () => number = Date.now): OutputCheck {
  let last: { at: number; answer: Promise<string | undefined> } | undefined;
  return () => {
    if (last === undefined || now() - last.at >= ttlMs) last = { at: now(), answer: probe(dir) };
    return last.answer;
  };
}

async function probe(dir: string): Promise<string | undefined> {
  const file = join(dir, `.wordmill-ready-${process.pid}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(file, 'ok');
    await rm(file, { force: true });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
