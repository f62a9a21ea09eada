/**
 * Runs one command as a child process and measures it from spawn to exit,
 * start-up included (that is what a user waits for). Peak RSS comes from
 * GNU time (`/usr/bin/time -v`, the largest single process of the tree) when
 * it is installed, else from sampling /proc/<pid>/status.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Measurement } from './types.ts';

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);

export interface CommandRun extends Measurement {
  stdout: string;
}

export interface CommandSpec {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export function describeCommand(spec: CommandSpec): string {
  return [spec.command, ...spec.args].map((a) => (/^[\w./:=,-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`)).join(' ');
}

export async function runCommand(spec: CommandSpec): Promise<CommandRun> {
  const [command, args] = hasGnuTime ? [GNU_TIME, ['-v', spec.command, ...spec.args]] : [spec.command, spec.args];
  const started = performance.now();
  const child = spawn(command, args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => stdout.push(b));
  child.stderr.on('data', (b: Buffer) => stderr.push(b));
  let sampledRss = 0;
  const sampler = hasGnuTime ? undefined : setInterval(() => (sampledRss = Math.max(sampledRss, readHighWaterMark(child.pid))), 50);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const wallMs = performance.now() - started;
  if (sampler) clearInterval(sampler);
  const errText = Buffer.concat(stderr).toString('utf8');
  if (code !== 0) {
    throw new Error(`${describeCommand(spec)} exited with ${code}:\n${errText.slice(-2000)}`);
  }
  const peak = hasGnuTime ? parseGnuTimeRss(errText) : sampledRss || undefined;
  const cpuMs = hasGnuTime ? parseGnuTimeCpu(errText) : undefined;
  return {
    wallMs,
    stdout: Buffer.concat(stdout).toString('utf8'),
    ...(peak === undefined ? {} : { peakRssBytes: peak }),
    ...(cpuMs === undefined ? {} : { cpuMs }),
  };
}

/** For a measurement: the run without its stdout. */
export function measurementOf(run: CommandRun): Measurement {
  const { stdout: _stdout, ...measurement } = run;
  return measurement;
}

function parseGnuTimeCpu(stderr: string): number | undefined {
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  return user && system ? (Number(user[1]) + Number(system[1])) * 1000 : undefined;
}

function parseGnuTimeRss(stderr: string): number | undefined {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return match ? Number(match[1]) * 1024 : undefined;
}

function readHighWaterMark(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function hasCommand(name: string): boolean {
  const dirs = (process.env.PATH ?? '').split(':');
  return dirs.some((dir) => dir !== '' && existsSync(`${dir}/${name}`));
}
