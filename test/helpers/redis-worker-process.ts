/**
 * `wordmill worker` as a real child process of the built CLI (npm test builds
 * first), so tests can SIGKILL it like a crashed machine.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { CLI } from './cli.ts';
import { REDIS_URL } from './redis-available.ts';

export interface WorkerProcess {
  child: ChildProcess;
  /** `<host>:<pid>`, as BullMQ's processedBy and `workers status` show it. */
  id: string;
  stderr(): string;
  /** SIGTERM (graceful) and wait for the exit code. */
  stop(): Promise<number | null>;
}

export async function startWorkerProcess(queueName: string, out: string, extra: string[] = []): Promise<WorkerProcess> {
  const args = [CLI, 'worker', '--queue', REDIS_URL, '--queue-name', queueName, '--threads', '1', '--out', out,
    '--lock-duration', '1000', '--stalled-interval', '500', '--heartbeat', '500', ...extra];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  child.stderr!.setEncoding('utf8');
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('consuming queue')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code}): ${text}`)));
  });
  await ready;
  return {
    child,
    id: `${hostname()}:${child.pid}`,
    stderr: () => text,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}
