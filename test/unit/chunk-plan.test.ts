import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { balancedChunkSize, isCutAfter, planFileChunks } from '../../src/dispatch/chunk-plan.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-plan-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('planFileChunks', () => {
  it('covers the file with contiguous ranges, each cut right after a separator byte', async () => {
    const path = join(dir, 'book.txt');
    await writeFile(path, "Don't stop—it's fine, naïve café.\n".repeat(20_000));
    const bytes = await readFile(path);
    const ranges = await planFileChunks(path, bytes.length, 64 * 1024);
    expect(ranges.length).toBeGreaterThan(5);
    expect(ranges[0]!.start).toBe(0);
    expect(ranges.at(-1)!.end).toBe(bytes.length);
    for (let i = 1; i < ranges.length; i++) {
      expect(ranges[i]!.start).toBe(ranges[i - 1]!.end);
      expect(isCutAfter(bytes[ranges[i]!.start - 1]!)).toBe(true);
    }
  });

  it('gives up searching after a few MiB without an ASCII separator and keeps the rest whole', async () => {
    const path = join(dir, 'cjk.txt');
    const head = 'a b '.repeat(50_000); // 200 kB with plenty of cut points
    await writeFile(path, head + '我爱你。'.repeat(700_000)); // 8.4 MB with none
    const size = Buffer.byteLength(head) + 12 * 700_000;
    const ranges = await planFileChunks(path, size, 64 * 1024);
    const last = ranges.at(-1)!;
    expect(last.end).toBe(size);
    expect(last.start).toBeLessThanOrEqual(Buffer.byteLength(head));
  });
});

describe('balancedChunkSize', () => {
  it('cuts into a multiple of the thread count, each range at most the chunk size', () => {
    const MiB = 2 ** 20;
    const size = 217 * 1e6; // 13 ranges of 16 MiB, which leaves one thread a range more than the other
    const chunk = balancedChunkSize(size, 16 * MiB, 2);
    expect(Math.ceil(size / chunk)).toBe(14);
    expect(chunk).toBeLessThanOrEqual(16 * MiB);
    expect(balancedChunkSize(size, 16 * MiB, 1)).toBe(16 * MiB);
    expect(balancedChunkSize(10 * MiB, 16 * MiB, 2)).toBe(16 * MiB);
    expect(Math.ceil((17 * MiB) / balancedChunkSize(17 * MiB, 16 * MiB, 4))).toBe(4);
  });

  it('plans a file into as many ranges as threads when it is a little over one chunk', async () => {
    const path = join(dir, 'two.txt');
    await writeFile(path, 'word '.repeat(30_000)); // 150 kB, one chunk of 128 KiB and a bit
    const ranges = await planFileChunks(path, 150_000, 128 * 1024, 2);
    // Each cut goes after the first space at or past the nominal 75 000.
    expect(ranges.map((r) => r.end - r.start)).toEqual([75_005, 74_995]);
  });
});
