/**
 * Baseline: the C yardstick (c_wordcount.c), compiled with the system's `cc`
 * at bench time into bench/.cache/ and rebuilt when its source is newer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CACHE_DIR } from '../corpus/inputs.ts';
import { hasCommand } from '../lib/run-command.ts';

const SOURCE = fileURLToPath(new URL('./c_wordcount.c', import.meta.url));
const BINARY = `${CACHE_DIR}c_wordcount`;

export function cWordcountAvailable(): boolean {
  return hasCommand('cc');
}

/** The compiled yardstick's path (compiles it first when needed). */
export function cWordcountBinary(): string {
  if (existsSync(BINARY) && statSync(BINARY).mtimeMs >= statSync(SOURCE).mtimeMs) return BINARY;
  mkdirSync(CACHE_DIR, { recursive: true });
  const run = spawnSync('cc', ['-O2', '-o', BINARY, SOURCE], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`cc -O2 ${SOURCE} failed:\n${run.stderr}`);
  return BINARY;
}
