/**
 * `wordmill process --queue …` as a real child process of the built CLI, so
 * tests can read its stderr as it comes and send it SIGINT like a user's Ctrl-C.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { CLI } from './cli.ts';
import { eventually } from './redis-queue.ts';

export interface ProducerProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr matches (throws after `timeoutMs`). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The exit code (128 + n when killed by signal n). */
  exited: Promise<number>;
}

export function startProducerProcess(args: string[]): ProducerProcess {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number>((resolve) => {
    child.once('close', (code, signal) => resolve(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 9)));
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForStderr: (pattern, timeoutMs = 15_000) =>
      eventually(async () => {
        if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before stderr matched ${pattern}: ${err}`);
        return pattern.exec(err)?.[0];
      }, timeoutMs),
    exited,
  };
}
