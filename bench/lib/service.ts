/**
 * The compiled `wordmill serve` in this process (as the pool scope runs the
 * compiled engine): threads started and code loaded before a case's clock,
 * HTTP on a free port, MQTT on an embedded broker on a free port or off.
 */
import { pathToFileURL } from 'node:url';
import { textSlices } from '../corpus/text-slices.ts';
import type { Service } from '../../src/service/service.ts';
import { readScan, scanInput } from '../../workers/tasks/wordcount.ts';
import { CLI } from './wordmill-cli.ts';

type ServiceModule = typeof import('../../src/service/service.ts');

export async function startBenchService(threads: number, mqtt: 'embedded' | 'off'): Promise<Service> {
  const mod = (await import(pathToFileURL(CLI.replace(/cli\.js$/, 'service/service.js')).href)) as ServiceModule;
  return mod.startService({ host: '127.0.0.1', port: 0, threads, out: 'none', mqtt, mqttPort: 0, maxQueue: 100_000 });
}

/** `count` request bodies of about `bytes` each (text-slices.ts), with their word and byte totals. */
export function textBodies(count: number, bytes: number): { bodies: Buffer[]; totalWords: number; totalBytes: number } {
  const bodies = textSlices(count, bytes);
  const totalWords = bodies.reduce((n, b) => n + readScan(scanInput({ kind: 'bytes', bytes: new Uint8Array(b), atStart: true }), (scan) => scan.totalWords), 0);
  return { bodies, totalWords, totalBytes: bodies.reduce((n, b) => n + b.length, 0) };
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function withConcurrency(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await task(next++);
  }));
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}
