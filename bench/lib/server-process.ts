/**
 * A server under test in its own process: the compiled `wordmill serve`, or a
 * baseline script. It is ready when a stdout/stderr line shows its URL; it is
 * stopped with SIGTERM (a graceful shutdown, which also writes a
 * `--cpu-prof` profile when node was started with one).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { CLI } from './wordmill-cli.ts';

export interface ServerProcess {
  url: string;
  /** The broker URL, when the process printed one (`mqtt://…`). */
  mqttUrl?: string;
  /** The server's process id (its CPU time is in /proc/<pid>). */
  pid: number;
  stop(): Promise<void>;
}

const HTTP_URL = /"url":"((?:http|mqtt):\/\/[^"]+)"/;
const MQTT_URL = /(mqtt:\/\/127\.0\.0\.1:\d+)/;

/** Starts `node [nodeArgs] <script> [args]` and waits for its `"url":"http://…"` (or `mqtt://…`) line. */
export function startServerProcess(script: string, args: readonly string[], options: { nodeArgs?: readonly string[]; waitForMqtt?: boolean } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const http = HTTP_URL.exec(seen);
      const mqtt = MQTT_URL.exec(seen);
      if (http === null || (options.waitForMqtt === true && mqtt === null)) return;
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.stdout.resume();
      child.stderr.resume();
      child.off('exit', onExit);
      resolve({ url: http[1]!, ...(mqtt === null ? {} : { mqttUrl: mqtt[1]! }), pid: child.pid!, stop: () => stop(child) });
    };
    const onExit = (code: number | null): void => reject(new Error(`${script} exited with ${code} before it listened:\n${seen.slice(-2000)}`));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
}

/** `wordmill serve` on free ports, logging at info (the listening line carries the URL). */
export function startServeProcess(args: readonly string[], nodeArgs: readonly string[] = [], cli = CLI): Promise<ServerProcess> {
  return startServerProcess(cli, ['serve', '--host', '127.0.0.1', '--port', '0', '--max-queue', '100000', ...args], {
    nodeArgs, waitForMqtt: args.includes('embedded'),
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
