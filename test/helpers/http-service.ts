/** A real service on 127.0.0.1:0 with a temporary output folder, and a fetch that parses answers. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { CreateEngineOptions } from '../../src/create-engine.ts';
import { startService } from '../../src/service/service.ts';
import type { Service } from '../../src/service/service.ts';
import type { ServeOptionsInput } from '../../src/service/options.ts';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  contentType: string;
  body: T;
}

export interface TestService {
  service: Service;
  url: string;
  outDir: string;
  call<T = Record<string, unknown>>(path: string, init?: RequestInit): Promise<Answer<T>>;
  /** Parsed result files in the output folder (logs excluded). */
  outputs(): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

export async function startTestService(
  options: ServeOptionsInput = {},
  engine: CreateEngineOptions = {},
): Promise<TestService> {
  const outDir = await mkdtemp(join(tmpdir(), 'wordmill-http-'));
  const service = await startService({ host: '127.0.0.1', port: 0, threads: 1, out: outDir, mqtt: 'off', ...options }, { engine });
  const url = service.http.url;
  return {
    service,
    url,
    outDir,
    async call<T>(path: string, init?: RequestInit): Promise<Answer<T>> {
      const response = await fetch(url + path, init);
      const contentType = response.headers.get('content-type') ?? '';
      const text = await response.text();
      const body = (contentType.includes('json') ? JSON.parse(text) : text) as T;
      return { status: response.status, headers: response.headers, contentType, body };
    },
    async outputs() {
      const names = (await readdir(outDir)).filter((name) => name.endsWith('.json'));
      return Promise.all(names.map(async (name) => JSON.parse(await readFile(join(outDir, name), 'utf8')) as Record<string, unknown>));
    },
    async stop() {
      await service.shutdown();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * A service for every test of the calling `describe`: started before the
 * first, stopped after the last. Its fields and methods reach the running one.
 */
export function serviceForSuite(options: ServeOptionsInput = {}, engine: CreateEngineOptions = {}): TestService {
  let started: TestService | undefined;
  beforeAll(async () => {
    started = await startTestService(options, engine);
  });
  afterAll(async () => {
    await started?.stop();
  });
  const current = (): TestService => {
    if (started === undefined) throw new Error('the suite service starts in beforeAll: use it inside a test');
    return started;
  };
  return {
    get service() { return current().service; },
    get url() { return current().url; },
    get outDir() { return current().outDir; },
    call: <T = Record<string, unknown>>(path: string, init?: RequestInit) => current().call<T>(path, init),
    outputs: () => current().outputs(),
    stop: () => current().stop(),
  };
}

export const textBody = (text: string, type = 'text/plain; charset=utf-8'): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': type },
  body: text,
});

export const jsonBody = (value: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(value),
});
