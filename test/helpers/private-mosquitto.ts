/**
 * A Mosquitto of the test's own, with a config the shared one cannot have
 * (an ACL, a max_packet_size), on a free port. Needs the `mosquitto` binary:
 * skipped with a reason without it, a failure under CI=true.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokerAnswers } from '../../src/input/mqtt/probe.ts';
import { freePort } from './free-port.ts';
import { IN_CI } from './mqtt-brokers.ts';

const BINARY = ['/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto', 'mosquitto'].find((path) => spawnSync(path, ['-h']).error === undefined);

export const privateMosquittoSkip = BINARY !== undefined || IN_CI
  ? undefined
  : 'no mosquitto binary to start a private broker (apt-get install mosquitto); with CI=true this fails';

export interface PrivateMosquitto {
  url: string;
  stop(): Promise<void>;
}

/** `config` is mosquitto.conf text without a listener; `acl` the ACL file's text, if any. */
export async function startPrivateMosquitto(config: string, acl?: string): Promise<PrivateMosquitto> {
  if (BINARY === undefined) throw new Error('no mosquitto binary');
  const dir = await mkdtemp(join(tmpdir(), 'wordmill-mosquitto-'));
  // Started as root, Mosquitto drops to its own user, which must still read these files.
  await chmod(dir, 0o755);
  const port = await freePort();
  const lines = [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', config];
  if (acl !== undefined) {
    await writeFile(join(dir, 'acl'), acl, { mode: 0o644 });
    lines.push(`acl_file ${join(dir, 'acl')}`);
  }
  await writeFile(join(dir, 'mosquitto.conf'), `${lines.join('\n')}\n`, { mode: 0o644 });
  const child = spawn(BINARY, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `mqtt://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 50 && !(await brokerAnswers(url, 200)); i++) {
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!(await brokerAnswers(url, 500))) {
    await stop();
    throw new Error(`the private Mosquitto did not start on ${url}: ${stderr}`);
  }
  return { url, stop };
}
