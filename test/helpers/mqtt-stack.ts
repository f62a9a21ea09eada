/**
 * One test's MQTT stack: a broker (from a BrokerTarget), an engine on one
 * thread writing to a temporary folder, and the MQTT input with a unique
 * client id and topic prefix. `teardown()` closes everything in reverse order.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IClientOptions } from 'mqtt';
import { createEngine } from '../../src/create-engine.ts';
import type { CreateEngineOptions } from '../../src/create-engine.ts';
import type { Engine } from '../../src/engine.ts';
import { startMqttInput } from '../../src/input/mqtt/input.ts';
import type { MqttInput } from '../../src/input/mqtt/input.ts';
import type { MqttOptions } from '../../src/input/mqtt/options.ts';
import type { BrokerTarget } from './mqtt-brokers.ts';
import { uniqueName } from './mqtt-brokers.ts';
import { recorder } from './mqtt-client.ts';
import type { Recorder } from './mqtt-client.ts';

export interface Stack {
  url: string;
  prefix: string;
  outDir: string;
  engine: Engine;
  input: MqttInput;
  /** A client recording `filters` (prefix-relative filters get the prefix). */
  record(filters: string[], options?: IClientOptions): Promise<Recorder>;
  /** Registers something for teardown. */
  defer(close: () => Promise<void>): void;
  teardown(): Promise<void>;
}

export async function startStack(
  target: BrokerTarget,
  mqtt: (prefix: string) => MqttOptions = () => ({}),
  engineOptions: CreateEngineOptions = {},
): Promise<Stack> {
  const closers: Array<() => Promise<void>> = [];
  const defer = (close: () => Promise<void>): void => void closers.push(close);
  const teardown = async (): Promise<void> => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => {});
  };
  try {
    const broker = await target.start();
    defer(broker.close);
    const outDir = await mkdtemp(join(tmpdir(), 'wordmill-mqtt-'));
    defer(() => rm(outDir, { recursive: true, force: true }));
    const engine = createEngine({ threads: 1, outDir, ...engineOptions });
    defer(() => engine.close({ cancel: true }));
    const prefix = uniqueName('wmt');
    const input = await startMqttInput(engine, {
      broker: broker.url,
      clientId: uniqueName('wordmill'),
      topicPrefix: prefix,
      sessionExpirySeconds: 120,
      reconnectMinMs: 50,
      reconnectMaxMs: 500,
      ...mqtt(prefix),
    });
    if (input === null) throw new Error('the MQTT input did not start');
    defer(() => input.stop({ timeoutMs: 5000 }));
    return {
      url: broker.url,
      prefix,
      outDir,
      engine,
      input,
      async record(filters, options) {
        const r = await recorder(broker.url, filters, { protocolVersion: target.v5 ? 5 : 4, ...options });
        defer(r.close);
        return r;
      },
      defer,
      teardown,
    };
  } catch (error) {
    await teardown();
    throw error;
  }
}
