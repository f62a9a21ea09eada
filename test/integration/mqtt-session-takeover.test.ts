/**
 * Two wordmill inputs with the same client id on Mosquitto: the broker hands
 * the session to the newer connection each time, so without a stop they take
 * it from each other forever (every ~250 ms, with no error). One must stop,
 * with an error naming the id, and the other must keep working.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BROKER_TARGETS, uniqueName } from '../helpers/mqtt-brokers.ts';
import { startStack } from '../helpers/mqtt-stack.ts';
import type { Stack } from '../helpers/mqtt-stack.ts';

const mosquitto = BROKER_TARGETS.find((t) => t.name === 'mosquitto')!;
let stacks: Stack[] = [];
afterEach(async () => {
  for (const stack of stacks.reverse()) await stack.teardown();
  stacks = [];
});

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(mosquitto.skip !== undefined)('a session taken over by another client with the same id (Mosquitto)', () => {
  for (const protocolVersion of [5, 4] as const) {
    it(`MQTT ${protocolVersion === 5 ? '5' : '3.1.1'}: one input stops with one error naming the client id; the other keeps working`, async () => {
      const clientId = uniqueName('twin');
      for (let i = 0; i < 2; i++) stacks.push(await startStack(mosquitto, () => ({ clientId, protocolVersion })));
      const [a, b] = stacks as [Stack, Stack];
      const expected = `another MQTT client connected with the client id "${clientId}" and took over the session; not reconnecting (give each wordmill instance its own --mqtt-client-id)`;
      const stopped = (): Stack | undefined => stacks.find((s) => s.input.stats().lastError === expected);
      await expect.poll(stopped, { timeout: 15_000 }).toBeDefined();
      const loser = stopped()!;
      const winner = loser === a ? b : a;
      await settle(500);
      const connects = [a.input.stats().connects, b.input.stats().connects];
      await settle(1500); // a storm would reconnect every 50-500 ms
      expect([a.input.stats().connects, b.input.stats().connects]).toEqual(connects);
      expect(loser.input.stats().connected).toBe(false);
      expect(winner.input.stats()).toMatchObject({ connected: true, lastError: null });

      const rec = await winner.record([`${winner.prefix}/results/#`]);
      await rec.publish(`${winner.prefix}/jobs/wordcount`, 'still counting words');
      const [reply] = await rec.until((r) => r.length === 1);
      expect(reply?.json['totalWords']).toBe(3);
    }, 30_000);
  }
});
