#!/usr/bin/env node
/** Executable entry of `wordmill`: see src/cli/program.ts for the commands. */
import { startThreadsEarly } from './cli/early-threads.ts';
import { stopEarlyThreads } from './pool/early-threads.ts';

const argv = process.argv.slice(2);
// Before the CLI's own modules load, so the threads load theirs at the same time.
startThreadsEarly(argv, process.env);
try {
  const { runCli } = await import('./cli/program.ts');
  process.exitCode = await runCli(argv);
} finally {
  await stopEarlyThreads();
}
