/** The `wordmill` command line: one sub-command per file, registered here. */
import { Command, CommanderError } from 'commander';
import { InvalidOptionsError, WordmillError } from '../errors.ts';
import { logLevelFromEnv } from '../log/log-level.ts';
import { packageVersion } from './package-version.ts';
import { registerProcessCommand } from './process-command.ts';
import { registerJobsCommand } from './jobs-command.ts';
import { registerMonitorCommand } from './monitor-command.ts';
import { registerServeCommand } from './serve-command.ts';
import { UsageError } from './usage-error.ts';
import { registerWorkerCommand } from './worker-command.ts';
import { registerWorkersCommand } from './workers-command.ts';

/** Sub-commands report their exit code here rather than through process.exitCode. */
export interface CliRun {
  exitCode: number;
}

const LOGGING_COMMANDS: ReadonlySet<string> = new Set(['process', 'serve', 'worker']);

export function buildProgram(run: CliRun = { exitCode: 0 }): Command {
  const program = new Command('wordmill')
    .description('count and analyse text on every core')
    .version(packageVersion(), '-V, --version', 'print the version of wordmill')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  // LOG_LEVEL is checked before a command that logs starts, so a typo is one clear error rather than silence.
  program.hook('preAction', (_, action) => {
    if (!LOGGING_COMMANDS.has(action.name())) return;
    try {
      logLevelFromEnv();
    } catch (error) {
      if (error instanceof InvalidOptionsError) throw new UsageError(error.message);
      throw error;
    }
  });
  registerProcessCommand(program, run);
  registerServeCommand(program);
  registerWorkerCommand(program);
  registerJobsCommand(program);
  registerWorkersCommand(program);
  registerMonitorCommand(program);
  return program;
}

/** Runs the CLI; returns the exit code instead of exiting so tests can call it. */
export async function runCli(argv: readonly string[], stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  const run: CliRun = { exitCode: 0 };
  const program = buildProgram(run);
  program.configureOutput({ writeErr: (text) => stderr.write(text) });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return run.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof WordmillError) {
      stderr.write(`error: ${error.code} ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
