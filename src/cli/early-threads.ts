/**
 * Starts `process`'s worker threads, and the thread that writes its files
 * (src/sinks/writer-thread.ts), before the CLI loads the rest of its
 * modules (src/pool/early-threads.ts says why). Read from the raw arguments
 * and environment, before commander and zod have checked them: a guess that
 * only decides what to start early. The command parses its options as
 * always, and a pool of another size than the one it asks for is stopped.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { startEarlyThreads } from '../pool/early-threads.ts';
import { startWriterThread } from '../sinks/atomic-write.ts';

export function startThreadsEarly(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  const threads = earlyThreadCount(argv, env, (out) => existsSync(join(out, '.index', 'index.json')));
  if (threads === undefined) return;
  startEarlyThreads(threads);
  // Every run writes its index and manifest, most a result file per file, on the writer thread.
  startWriterThread();
}

/** How many threads to start early for these arguments; undefined: none (not a local `process` run, or help). */
export function earlyThreadCount(argv: readonly string[], env: NodeJS.ProcessEnv, hasIndex: (out: string) => boolean): number | undefined {
  if (argv[0] !== 'process') return undefined;
  const args = argv.slice(1);
  if (args.includes('--help') || args.includes('-h') || args.includes('--')) return undefined;
  if (flagValue(args, '--queue') !== undefined || (env['WORDMILL_QUEUE'] ?? '') !== '') return undefined;
  const threads = Number(flagValue(args, '--threads', '-t') ?? env['WORDMILL_THREADS'] ?? availableParallelism());
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024) return undefined;
  const out = flagValue(args, '--out', '-o') ?? env['WORDMILL_OUT'] ?? 'output';
  // An earlier run's index: likely a re-run with a few files to count, which uses one thread
  // (docs/incremental.md); a re-run with more to count starts its own pool, as without this.
  return !args.includes('--force') && hasIndex(out) ? 1 : threads;
}

/** The last value given to a flag (`--name v`, `--name=v`, `-x v`, `-xv`), as commander reads it. */
function flagValue(args: readonly string[], long: string, short?: string): string | undefined {
  let value: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (arg === long || (short !== undefined && arg === short)) value = args[++k];
    else if (arg.startsWith(`${long}=`)) value = arg.slice(long.length + 1);
    else if (short !== undefined && arg.startsWith(short) && !arg.startsWith('--')) value = arg.slice(short.length);
  }
  return value;
}
