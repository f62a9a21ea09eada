import { describe, expect, it } from 'vitest';
import { resolveEngineOptions } from '../../src/config.ts';
import { parseByteSize } from '../../src/units/byte-size.ts';

describe('parseByteSize', () => {
  it.each([
    ['65536', 65536], ['64KiB', 65536], ['8MiB', 8 * 1024 ** 2], ['8m', 8 * 1024 ** 2], ['1.5GB', 1.5e9], [' 4 kb ', 4000],
  ])('%s → %d', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'MiB', '-1', '8 parsecs', '1e3'])('rejects %j', (text) => {
    expect(parseByteSize(text)).toBeUndefined();
  });
});

describe('resolveEngineOptions', () => {
  it('fills defaults and puts logs under the output folder', () => {
    const o = resolveEngineOptions({ threads: 3, outDir: '/tmp/x' });
    expect(o).toMatchObject({ threads: 3, concurrency: 6, chunkSize: 16 * 1024 ** 2, logDir: '/tmp/x/logs', retries: 2 });
  });

  it('names the bad option and shows its value', () => {
    expect(() => resolveEngineOptions({ threads: 0 })).toThrow(/engine option "threads".*\(got 0\)/);
    expect(() => resolveEngineOptions({ chunkSize: 'lots' })).toThrow(/"chunkSize".*lots/);
    expect(() => resolveEngineOptions({ nope: 1 } as never)).toThrow(/nope/);
  });
});
