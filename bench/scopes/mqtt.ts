/**
 * MQTT scope: the compiled service in-process with its embedded broker, one
 * real mqtt.js client that publishes jobs (QoS 1, JSON with an id each) and
 * takes the results from `wordmill/results/#`. The clock runs from the first
 * publish to the last result; every result's totalWords is added up and checked.
 */
import { connectAsync } from 'mqtt';
import { expectEqual } from '../lib/checks.ts';
import { startBenchService, textBodies } from '../lib/service.ts';
import { throughput } from '../lib/stats.ts';
import type { CaseResult, Measurement, Scope } from '../lib/types.ts';

async function mqttCase(threads: number, count: number, bodyBytes: number, runsWanted: number): Promise<CaseResult> {
  const { bodies, totalWords, totalBytes } = textBodies(count, bodyBytes);
  const service = await startBenchService(threads, 'embedded');
  const client = await connectAsync(service.mqtt!.url, { clientId: `wordmill-bench-${process.pid}`, clean: true });
  const runs: Measurement[] = [];
  try {
    await client.subscribeAsync(['wordmill/results/#', 'wordmill/errors/#'], { qos: 1 });
    let round = 0;
    const runRound = async (n: number): Promise<number> => {
      const prefix = `bench-${round++}-`;
      let words = 0;
      let left = n;
      let timer: NodeJS.Timeout | undefined;
      let cleanUp = (): void => {};
      const done = new Promise<void>((resolve, reject) => {
        const onMessage = (topic: string, payload: Buffer): void => {
          if (topic.startsWith(`wordmill/errors/${prefix}`)) reject(new Error(`job failed: ${payload.toString()}`));
          if (!topic.startsWith(`wordmill/results/${prefix}`)) return;
          words += (JSON.parse(payload.toString()) as { totalWords: number }).totalWords;
          if (--left === 0) {
            client.off('message', onMessage);
            resolve();
          }
        };
        client.on('message', onMessage);
        client.once('error', reject);
        timer = setTimeout(() => reject(new Error(`${left} of ${n} results missing after 120 s`)), 120_000);
        cleanUp = () => {
          client.off('message', onMessage);
          client.off('error', reject);
        };
      });
      // The topic level after `jobs` names the task.
      await Promise.all(bodies.slice(0, n).map((body, i) =>
        client.publishAsync('wordmill/jobs/wordcount', JSON.stringify({ id: `${prefix}${i}`, text: body.toString() }), { qos: 1 })));
      await done.finally(() => {
        clearTimeout(timer);
        cleanUp();
      });
      return words;
    };
    await runRound(Math.min(count, 100)); // unmeasured: subscription live, code warm
    for (let r = 0; r < runsWanted; r++) {
      const t0 = performance.now();
      const words = await runRound(count);
      runs.push({ wallMs: performance.now() - t0 });
      expectEqual(`MQTT ${count} × ${bodyBytes} B totalWords`, words, totalWords);
    }
  } finally {
    await client.endAsync();
    await service.shutdown();
  }
  const t = throughput(totalBytes, runs);
  const perSec = Math.round(count / (t.wallMs.median / 1000));
  return {
    scope: 'mqtt', input: `${count} messages of ~${bodyBytes >= 1024 ? `${Math.round(bodyBytes / 1024)} KiB` : `${bodyBytes} B`}`,
    name: `QoS 1 jobs → results, embedded broker, ${threads} thread${threads > 1 ? 's' : ''}`, kind: 'wordmill',
    threads, bytes: totalBytes, runs, ...t, note: `${perSec} messages/s`, checked: { totalWords, messagesPerSec: perSec },
  };
}

export const mqttScope: Scope = {
  name: 'mqtt',
  description: 'the service in-process with its embedded broker: jobs published at QoS 1, results taken from the results topic',
  async run(options, log) {
    const results: CaseResult[] = [];
    for (const threads of options.threads) {
      for (const [count, bytes] of [[2000, 1024], [400, 256 * 1024]] as const) {
        const result = await mqttCase(threads, count, bytes, options.runs);
        results.push(result);
        log(`  ${result.input}, ${threads} thread(s): ${result.note}, ${result.mbPerSec.median.toFixed(1)} MB/s`);
      }
    }
    return results;
  },
};
