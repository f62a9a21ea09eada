/**
 * MQTT scope: the compiled `wordmill serve` in its own process with its
 * embedded broker, against the ceiling measured in the same run with the same
 * client: a bare Aedes broker relaying the same messages publisher →
 * subscriber. Jobs are JSON envelopes at QoS 1 (an id each, so no round is a
 * duplicate of the last) to `wordmill/jobs/wordcount`; the clock runs from the
 * first publish to the last result on `wordmill/results/#`, and every
 * result's totalWords is added up and checked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectEqual } from '../lib/checks.ts';
import { runMqttLoad } from '../lib/mqtt-load.ts';
import { startServeProcess, startServerProcess } from '../lib/server-process.ts';
import type { ServerProcess } from '../lib/server-process.ts';
import { textBodies } from '../lib/service.ts';
import { throughput } from '../lib/stats.ts';
import type { CaseResult, Measurement, Scope } from '../lib/types.ts';

const AEDES_RELAY = fileURLToPath(new URL('../baselines/aedes-relay.ts', import.meta.url));

interface Side {
  name: string;
  kind: CaseResult['kind'];
  start: () => Promise<ServerProcess>;
  topic: string;
  replyFilter: string | string[];
  /** What a reply adds to the checked total (a result's totalWords; a relayed message's bytes). */
  tally: (topic: string, payload: Buffer) => number;
}

const sizeLabel = (bytes: number): string => (bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} B`);

function wordsOf(topic: string, payload: Buffer): number {
  if (topic.startsWith('wordmill/errors/')) throw new Error(`job failed: ${payload.toString().slice(0, 300)}`);
  return (JSON.parse(payload.toString()) as { totalWords: number }).totalWords;
}

async function measure(side: Side, texts: string[], expected: number, runsWanted: number): Promise<Measurement[]> {
  const server = await side.start();
  const url = server.mqttUrl ?? server.url;
  const runs: Measurement[] = [];
  let round = 0;
  const payloads = (n: number): string[] => {
    const prefix = `bench-${round++}-`;
    return texts.slice(0, n).map((text, i) => JSON.stringify({ id: `${prefix}${i}`, text }));
  };
  try {
    const warm = Math.min(texts.length, 100);
    await runMqttLoad({ url, topic: side.topic, replyFilter: side.replyFilter, payloads: payloads(warm), onReply: () => true });
    for (let r = 0; r < runsWanted; r++) {
      let tallied = 0;
      const run = await runMqttLoad({
        url, topic: side.topic, replyFilter: side.replyFilter, payloads: payloads(texts.length),
        onReply: (topic, payload) => {
          tallied += side.tally(topic, payload);
          return true;
        },
      });
      expectEqual(`${side.name}: ${texts.length} replies' total`, tallied, expected);
      runs.push({ wallMs: run.wallMs });
    }
  } finally {
    await server.stop();
  }
  return runs;
}

async function mqttCases(threads: number, count: number, bodyBytes: number, runsWanted: number): Promise<CaseResult[]> {
  const { bodies, totalWords, totalBytes } = textBodies(count, bodyBytes);
  const texts = bodies.map((b) => b.toString());
  const dir = mkdtempSync(join(tmpdir(), 'wordmill-bench-mqtt-'));
  const sides: Side[] = [
    {
      name: 'bare Aedes relay, publisher → subscriber (ceiling)', kind: 'reference',
      start: () => startServerProcess(AEDES_RELAY, [], { nodeArgs: ['--import', 'tsx'] }).then((s) => ({ ...s, mqttUrl: s.url })),
      topic: 'relay/jobs', replyFilter: 'relay/jobs', tally: (_t, payload) => payload.length,
    },
    {
      name: `wordmill serve, embedded broker, result files, ${threads} thread${threads > 1 ? 's' : ''}`, kind: 'wordmill',
      start: () => startServeProcess(['--mqtt', 'embedded', '--mqtt-port', '0', '--threads', String(threads), '--out', join(dir, 'out')]),
      topic: 'wordmill/jobs/wordcount', replyFilter: ['wordmill/results/#', 'wordmill/errors/#'], tally: wordsOf,
    },
  ];
  // The relay's total is the payloads' bytes, which depend on the ids: computed as they are sent.
  const relayBytes = (round: number): number => texts.reduce((n, text, i) => n + Buffer.byteLength(JSON.stringify({ id: `bench-${round}-${i}`, text })), 0);
  const results: CaseResult[] = [];
  let ceiling: number | undefined;
  try {
    for (const side of sides) {
      const expected = side.kind === 'reference' ? relayBytes(1) : totalWords;
      // Every measured round after the first carries longer ids; check the relay on one round.
      const runs = await measure(side, texts, expected, side.kind === 'reference' ? 1 : runsWanted);
      const t = throughput(totalBytes, runs);
      const perSec = Math.round(count / (t.wallMs.median / 1000));
      ceiling ??= perSec;
      const ratio = Math.round((perSec / ceiling) * 1000) / 1000;
      results.push({
        scope: 'mqtt', input: `${count} messages of ~${sizeLabel(bodyBytes)}`, name: `QoS 1, ${side.name}`, kind: side.kind,
        threads, bytes: totalBytes, runs, ...t, note: `${perSec} messages/s (${ratio}× the relay)`,
        checked: { ...(side.kind === 'reference' ? { relayedBytes: expected } : { totalWords }), messagesPerSec: perSec, ratioToRelay: ratio },
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

export const mqttScope: Scope = {
  name: 'mqtt',
  description: 'wordmill serve (embedded broker) in its own process vs a bare Aedes relay, same client: 3,000 × 1 KiB and 400 × 256 KiB at QoS 1',
  async run(options, log) {
    const results: CaseResult[] = [];
    for (const threads of options.threads) {
      for (const [count, bytes] of [[3000, 1024], [400, 256 * 1024]] as const) {
        for (const result of await mqttCases(threads, count, bytes, options.runs)) {
          results.push(result);
          log(`  ${result.input}: ${result.name}: ${result.note}, ${result.mbPerSec.median.toFixed(1)} MB/s`);
        }
      }
    }
    return results;
  },
};
