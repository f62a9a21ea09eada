/** The output-folder readiness check: real writes, answers cached for the given time. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outputCheck } from '../../src/input/http/output-check.ts';

describe('outputCheck', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-outcheck-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a missing folder, leaves nothing behind, and caches its answer for ttl', async () => {
    let clock = 0;
    const out = join(dir, 'out');
    const check = outputCheck(out, 1000, () => clock);
    expect(await check()).toBeUndefined();
    expect(await readdir(out)).toEqual([]);
    // The folder turns into a file: within the second the cached answer stands, after it the probe fails.
    await rm(out, { recursive: true });
    await writeFile(out, 'not a folder');
    clock = 999;
    expect(await check()).toBeUndefined();
    clock = 1000;
    expect(await check()).toMatch(/^(EEXIST|ENOTDIR)/);
  });
});
