/** Start-up clean-up: a dead process's temporary files go, everything else stays. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeStrayTempFiles } from '../../src/durable-fs/stray-temp-files.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('removeStrayTempFiles', () => {
  it("removes a dead process's temporary files and keeps a live one's, results and other files", async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-stray-'));
    // A process that has exited: its pid names no running process.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const names = {
      stray: `http_a.json.${dead}.0badc0de.tmp`,
      live: `http_b.json.${process.pid}.12345678.tmp`,
      result: 'http_c.json',
      other: 'notes.tmp',
    };
    for (const name of Object.values(names)) await writeFile(join(dir, name), 'x');
    expect(await removeStrayTempFiles(dir)).toEqual([names.stray]);
    expect((await readdir(dir)).sort()).toEqual([names.result, names.live, names.other].sort());
  });

  it('is a no-op for a folder that does not exist yet', async () => {
    expect(await removeStrayTempFiles(join(tmpdir(), 'wordmill-no-such-folder-x9'))).toEqual([]);
  });
});
