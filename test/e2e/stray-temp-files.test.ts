/** Temporary files a SIGKILL left in --out are removed when process and serve start. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, runWordmill } from '../helpers/cli.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function leaveStrayFiles(out: string): Promise<void> {
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  await mkdir(join(out, '.journal'), { recursive: true });
  await writeFile(join(out, `book_1m8446t759zt1vxc.json.${dead}.0badc0de.tmp`), '{"half":');
  await writeFile(join(out, '.journal', `jobs.ndjson.${dead}.0badc0de.tmp`), '{"op":"add"');
}

const tmpFiles = async (folder: string): Promise<string[]> => (await readdir(folder)).filter((n) => n.endsWith('.tmp'));

describe('stray temporary files', () => {
  it('wordmill process removes them from --out', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-stray-'));
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    await mkdir(input);
    await writeFile(join(input, 'book.txt'), 'one two three');
    await leaveStrayFiles(out);
    const run = await runWordmill(['process', input, '--out', out, '--threads', '1', '--json']);
    expect(run.code).toBe(0);
    expect(await tmpFiles(out)).toEqual([]);
    expect((await readdir(out)).filter((n) => n.endsWith('.json'))).toHaveLength(1);
  });

  it('wordmill serve removes them from --out and from the journal folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-stray-'));
    await leaveStrayFiles(dir);
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--threads', '1', '--mqtt', 'off', '--out', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      let ready = false;
      for await (const line of createInterface({ input: child.stderr })) {
        if ((JSON.parse(line) as { url?: string }).url) {
          ready = true;
          break;
        }
      }
      expect(ready).toBe(true);
      expect(await tmpFiles(dir)).toEqual([]);
      expect(await tmpFiles(join(dir, '.journal'))).toEqual([]);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
