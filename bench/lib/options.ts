/**
 * `npm run bench -- [--scope corpus|pool|memory|tasks|http|mqtt|queue|all] [--size 256MB] [--runs 3]
 *   [--threads 1,2] [--json] [--skip natural,python]`
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchOptions } from './types.ts';

export interface ParsedArgs {
  scopes: string[];
  options: BenchOptions;
  help: boolean;
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match || unit === undefined) throw new Error(`--size: expected a size like 64MB or 1GiB, got "${text}"`);
  return Math.round(Number(match[1]) * unit);
}

export function parseBenchArgs(argv: string[]): ParsedArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      scope: { type: 'string', default: 'all' },
      size: { type: 'string', default: '256MB' },
      runs: { type: 'string', default: '3' },
      threads: { type: 'string' },
      json: { type: 'boolean', default: false },
      skip: { type: 'string', default: '' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: expected a whole number ≥ 1, got "${values.runs}"`);
  const cores = availableParallelism();
  const threads = values.threads === undefined ? [...new Set([1, cores])] : values.threads.split(',').map(Number);
  if (threads.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--threads: expected e.g. 1,2, got "${values.threads}"`);
  return {
    scopes: values.scope.split(',').map((s) => s.trim()).filter(Boolean),
    help: values.help,
    options: {
      sizeBytes: parseSize(values.size),
      runs,
      threads,
      json: values.json,
      skip: values.skip.split(',').map((s) => s.trim()).filter(Boolean),
    },
  };
}
