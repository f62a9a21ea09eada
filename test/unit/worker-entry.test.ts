import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveWorkerEntry } from '../../src/pool/worker-entry.ts';

describe('resolveWorkerEntry', () => {
  it('runs the TypeScript worker through tsx when loaded from source', () => {
    const entry = resolveWorkerEntry(new URL('../../src/pool/worker-entry.ts', import.meta.url).href);
    expect(entry.filename.endsWith('/workers/worker.ts')).toBe(true);
    expect(existsSync(entry.filename)).toBe(true);
    expect(entry.execArgv[0]).toBe('--import');
    expect(entry.execArgv[1]).toMatch(/^file:\/\/.*tsx.*\.mjs$/);
  });

  it('runs the compiled worker with no loader when loaded from the build', () => {
    const entry = resolveWorkerEntry('file:///opt/wordmill/dist/src/pool/worker-entry.js');
    expect(entry).toEqual({ filename: '/opt/wordmill/dist/workers/worker.js', execArgv: [] });
  });

  it('points at a worker the build produced', () => {
    const built = new URL('../../dist/src/pool/worker-entry.js', import.meta.url);
    expect(existsSync(resolveWorkerEntry(built.href).filename)).toBe(true);
  });
});
