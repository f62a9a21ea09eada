/**
 * The contenders of the corpus scope: wordmill's `process` command at each
 * thread count and the baselines a user would otherwise write. Each knows
 * how to run on a folder and how to read its own answer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cWordcountAvailable, cWordcountBinary } from '../baselines/c-wordcount.ts';
import { coreutilsPipeline, parseUniqCounts } from '../baselines/coreutils.ts';
import type { Totals } from '../lib/checks.ts';
import { hasCommand, type CommandSpec } from '../lib/run-command.ts';
import { processCommand, readWordmillRun, type WordmillRun } from '../lib/wordmill-cli.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const tsx = (script: string, ...args: string[]): CommandSpec => ({
  command: process.execPath,
  args: ['--import', 'tsx', here(script), ...args],
});

export interface Variant {
  name: string;
  kind: 'wordmill' | 'baseline';
  threads: number;
  /** Runs on every input, or on the English corpus only (slow or ASCII-only baselines). */
  englishOnly: boolean;
  note?: string;
  available(): boolean;
  command(dir: string, scratch: string): CommandSpec;
  /** Totals over the whole folder; wordmill also answers per file. */
  read(stdout: string, scratch: string): { totals: Totals | null; wordmill?: WordmillRun };
}

export function corpusVariants(threads: number[]): Variant[] {
  const n = Math.max(...threads);
  const wordmill = threads.map(
    (t): Variant => ({
      name: `wordmill process --threads ${t}`,
      kind: 'wordmill',
      threads: t,
      englishOnly: false,
      available: () => existsSync(here('../../dist/src/cli.js')),
      command: (dir, scratch) => processCommand(dir, `${scratch}/out`, t),
      read: (stdout) => ({ totals: null, wordmill: readWordmillRun(stdout) }),
    }),
  );
  return [
    ...wordmill,
    {
      name: 'C hash table, one core',
      kind: 'baseline',
      threads: 1,
      englishOnly: true,
      note: 'yardstick: ASCII letters and digits, lowercased; cc -O2',
      available: cWordcountAvailable,
      command: (dir) => ({ command: cWordcountBinary(), args: [dir] }),
      read: (stdout) => ({ totals: JSON.parse(stdout) as Totals }),
    },
    {
      name: 'plain JS (toLowerCase + split + Map)',
      kind: 'baseline',
      threads: 1,
      englishOnly: false,
      available: () => true,
      command: (dir) => tsx('../baselines/plain-js.ts', dir),
      read: (stdout) => ({ totals: JSON.parse(stdout) as Totals }),
    },
    {
      name: 'natural WordTokenizer + Map',
      kind: 'baseline',
      threads: 1,
      englishOnly: true,
      note: 'ASCII-only tokenizer',
      available: () => true,
      command: (dir) => tsx('../baselines/natural-tokenizer.ts', dir),
      read: (stdout) => ({ totals: JSON.parse(stdout) as Totals }),
    },
    {
      name: `python Pool(${n}) Counter(line.split())`,
      kind: 'baseline',
      threads: n,
      englishOnly: false,
      note: 'whitespace tokens, no lowercasing',
      available: () => hasCommand('python3'),
      command: (dir) => ({ command: 'python3', args: [here('../baselines/python_pool.py'), dir, String(n)] }),
      read: (stdout) => ({ totals: JSON.parse(stdout) as Totals }),
    },
    {
      name: 'tr | sort | uniq -c | sort -rn',
      kind: 'baseline',
      threads: 1,
      englishOnly: true,
      note: 'ASCII only, LC_ALL=C; sort may use both cores',
      available: () => hasCommand('tr') && hasCommand('sort') && hasCommand('uniq'),
      command: (dir, scratch) => coreutilsPipeline(dir, `${scratch}/uniq-counts.txt`),
      read: (_stdout, scratch) => ({ totals: parseUniqCounts(readFileSync(`${scratch}/uniq-counts.txt`, 'utf8')) }),
    },
  ];
}
