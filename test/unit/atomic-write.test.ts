/** Result files: written whole through a temporary file, into a folder made on demand. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { AtomicWriter, writeFileAtomic } from '../../src/sinks/atomic-write.ts';
import { WriterThread } from '../../src/sinks/writer-thread.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('writeFileAtomic', () => {
  it('makes a missing folder, replaces a file whole, leaves no temporary file, and makes the folder again if it goes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-atomic-'));
    const folder = join(dir, 'a', 'b');
    const path = join(folder, 'result.json');
    await writeFileAtomic(path, '{"n":1}');
    await writeFileAtomic(path, '{"n":2}');
    expect(await readFile(path, 'utf8')).toBe('{"n":2}');
    expect(await readdir(folder)).toEqual(['result.json']);
    await rm(join(dir, 'a'), { recursive: true });
    await writeFileAtomic(path, '{"n":3}');
    expect(await readFile(path, 'utf8')).toBe('{"n":3}');
  });

  it('reports a failure other than a missing folder and cleans up', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-atomic-'));
    // The target is an existing folder: the rename over it fails.
    await expect(writeFileAtomic(dir, 'x')).rejects.toMatchObject({ code: expect.stringMatching(/^E/) as unknown });
    expect((await readdir(join(dir, '..'))).filter((n) => n.startsWith(`${dir!.split('/').pop()}.`))).toEqual([]);
  });

  it('writes many files with a few groups of syncs, each file whole under its final name', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-atomic-'));
    const writer = new AtomicWriter();
    const names = Array.from({ length: 50 }, (_, i) => `r${i}.json`);
    await Promise.all(names.map((name, i) => writer.write(join(dir!, name), `{"n":${i}}`)));
    expect((await readdir(dir)).sort()).toEqual([...names].sort());
    for (const [i, name] of names.entries()) expect(await readFile(join(dir, name), 'utf8')).toBe(`{"n":${i}}`);
    // Staging finishes at different times (opens and writes on libuv's threads), but the files staged
    // while one group syncs go together in the next: a few groups, not 50 sync waits in series.
    expect(writer.syncRounds).toBeGreaterThanOrEqual(1);
    expect(writer.syncRounds).toBeLessThanOrEqual(10);
  });

  it('fails only the file whose rename fails, not the others of its group', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-atomic-'));
    const writer = new AtomicWriter();
    const outcomes = await Promise.allSettled([writer.write(join(dir, 'ok.json'), '1'), writer.write(dir, 'x')]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect(await readdir(dir)).toEqual(['ok.json']);
  });
});

describe('WriterThread (the compiled writer thread the service uses; needs npm run build)', () => {
  const script = fileURLToPath(new URL('../../dist/src/sinks/atomic-write-worker.js', import.meta.url));

  it('writes files whole on its own thread, and fails a write with the error code the thread met', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-atomic-'));
    const writer = new WriterThread(script);
    const names = Array.from({ length: 20 }, (_, i) => join(dir!, 'sub', `r${i}.json`));
    await Promise.all(names.map((path, i) => writer.write(path, `{"n":${i}}`)));
    for (const [i, path] of names.entries()) expect(await readFile(path, 'utf8')).toBe(`{"n":${i}}`);
    expect((await readdir(join(dir, 'sub'))).length).toBe(20);
    await expect(writer.write(dir, 'x')).rejects.toMatchObject({ code: 'EISDIR' });
    expect((await readdir(dir)).sort()).toEqual(['sub']);
  });
});
