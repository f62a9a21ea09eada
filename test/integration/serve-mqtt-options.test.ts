/**
 * `wordmill serve` as a process: the config file's MQTT options apply unless
 * a flag or env variable is given explicitly (the flags' defaults used to
 * override the file's `mqtt.port`), and --mqtt-client-id / WORDMILL_MQTT_CLIENT_ID.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Served {
  mqtt: { broker: string; brokerKind: string; clientId: string; connected: boolean };
}

/** Starts `serve` with `args` and `env`, returns its /v1/stats `mqtt` part, and stops it. */
async function serveStats(args: string[], env: Record<string, string> = {}): Promise<Served['mqtt']> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/http-serve-child.ts', 'serve', '--port', '0', '--threads', '1', '--out', 'none', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });
  let url: string | undefined;
  const log: string[] = [];
  for await (const line of createInterface({ input: child.stderr })) {
    log.push(line);
    const entry = JSON.parse(line) as { url?: string };
    if (entry.url) {
      url = entry.url;
      break;
    }
  }
  if (url === undefined) throw new Error(`serve exited before logging its address:\n${log.join('\n')}`);
  const stats = (await (await fetch(`${url}/v1/stats`)).json()) as Served;
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  return stats.mqtt;
}

describe('serve: MQTT options from the config file, flags and env variables', () => {
  it('honours the config file\'s mqtt.port and clientId when no flag is given, and explicit flags and env variables over them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wordmill-serve-config-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const [filePort, flagPort] = [await freePort(), await freePort()];
    const config = join(dir, 'wordmill.config.yaml');
    await writeFile(config, `mqtt:\n  broker: embedded\n  port: ${filePort}\n  clientId: from-file-${process.pid}\n`);

    expect(await serveStats(['--config', config])).toMatchObject({
      broker: `mqtt://127.0.0.1:${filePort}`, brokerKind: 'embedded', clientId: `from-file-${process.pid}`, connected: true,
    });
    expect(await serveStats(['--config', config, '--mqtt-port', String(flagPort)], { WORDMILL_MQTT_CLIENT_ID: `from-env-${process.pid}` })).toMatchObject({
      broker: `mqtt://127.0.0.1:${flagPort}`, clientId: `from-env-${process.pid}`,
    });
    expect(await serveStats(['--config', config, '--mqtt-client-id', `from-flag-${process.pid}`])).toMatchObject({
      broker: `mqtt://127.0.0.1:${filePort}`, clientId: `from-flag-${process.pid}`,
    });
  }, 60_000);

  it('names the flag when --mqtt-client-id is not a valid client id', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/http-serve-child.ts', 'serve', '--port', '0', '--mqtt', 'off', '--mqtt-client-id', 'has space'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise((resolve) => child.once('exit', resolve));
    expect(stderr).toContain('option --mqtt-client-id');
    expect(stderr).toContain('use 1-64 letters, digits, ".", "_" or "-"');
  }, 30_000);
});
