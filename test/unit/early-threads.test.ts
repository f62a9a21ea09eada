import { describe, expect, it } from 'vitest';
import { earlyThreadCount } from '../../src/cli/early-threads.ts';

const noIndex = (): boolean => false;

describe('threads started before the CLI loads', () => {
  it('reads --threads as commander does, in every spelling, the last one winning', () => {
    expect(earlyThreadCount(['process', 'data', '--threads', '3'], {}, noIndex)).toBe(3);
    expect(earlyThreadCount(['process', '--threads=5', 'data'], {}, noIndex)).toBe(5);
    expect(earlyThreadCount(['process', '-t', '2', '-t4'], {}, noIndex)).toBe(4);
    expect(earlyThreadCount(['process'], { WORDMILL_THREADS: '6' }, noIndex)).toBe(6);
    expect(earlyThreadCount(['process', '-t', '7'], { WORDMILL_THREADS: '6' }, noIndex)).toBe(7);
  });

  it('starts one thread for a likely re-run (an index in --out), all of them with --force', () => {
    const seen: string[] = [];
    const hasIndex = (out: string): boolean => (seen.push(out), true);
    expect(earlyThreadCount(['process', '-t', '4', '--out', 'o1'], {}, hasIndex)).toBe(1);
    expect(earlyThreadCount(['process', '-t', '4', '-oo2'], {}, hasIndex)).toBe(1);
    expect(earlyThreadCount(['process', '-t', '4'], { WORDMILL_OUT: 'o3' }, hasIndex)).toBe(1);
    expect(earlyThreadCount(['process', '-t', '4'], {}, hasIndex)).toBe(1);
    expect(seen).toEqual(['o1', 'o2', 'o3', 'output']);
    expect(earlyThreadCount(['process', '-t', '4', '--force'], {}, hasIndex)).toBe(4);
  });

  it('starts none for other commands, help, queue mode or a thread count the command will refuse', () => {
    expect(earlyThreadCount(['serve', '-t', '2'], {}, noIndex)).toBeUndefined();
    expect(earlyThreadCount(['--version'], {}, noIndex)).toBeUndefined();
    expect(earlyThreadCount(['process', '--help'], {}, noIndex)).toBeUndefined();
    expect(earlyThreadCount(['process', '--queue', 'redis://x'], {}, noIndex)).toBeUndefined();
    expect(earlyThreadCount(['process'], { WORDMILL_QUEUE: 'redis://x' }, noIndex)).toBeUndefined();
    expect(earlyThreadCount(['process', '-t', '0'], {}, noIndex)).toBeUndefined();
    expect(earlyThreadCount(['process', '-t', 'two'], {}, noIndex)).toBeUndefined();
  });
});
