/** What users expect of any command line tool: --version, errors that name the variable, LOG_LEVEL. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWordmill } from '../helpers/cli.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-conv-'));
  await writeFile(join(dir, 'in.txt'), 'a small text');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('wordmill conventions', () => {
  it('prints the version of package.json with --version and -V', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      expect(await runWordmill([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('names the environment variable a bad value came from, and the flag otherwise', async () => {
    const input = join(dir, 'in.txt');
    const fromEnv = await runWordmill(['process', input, '--out', join(dir, 'out')], { WORDMILL_THREADS: 'abc' });
    expect(fromEnv).toMatchObject({ code: 2, stdout: '' });
    expect(fromEnv.stderr).toBe('error: WORDMILL_THREADS (option --threads): expected a whole number from 1 to 1024 (got "abc")\n');
    const fromFlag = await runWordmill(['process', input, '-o', join(dir, 'out'), '-t', '0']);
    expect(fromFlag.stderr).toBe('error: option --threads: expected a whole number from 1 to 1024 (got 0)\n');
    const serve = await runWordmill(['serve', '--mqtt', 'off'], { WORDMILL_PORT: 'http' });
    expect(serve).toMatchObject({ code: 2, stdout: '' });
    expect(serve.stderr).toMatch(/^error: WORDMILL_PORT \(option --port\): .*\(got "http"\)\n$/);
  });

  it('takes LOG_LEVEL for the worker thread logs and refuses an unknown one', async () => {
    const out = join(dir, 'out');
    const quiet = await runWordmill(['process', join(dir, 'in.txt'), '--out', out, '--threads', '1'], { LOG_LEVEL: 'warn' });
    expect(quiet.code).toBe(0);
    const logs = (await readdir(join(out, 'logs'))).filter((f) => f.startsWith('worker-'));
    expect(logs).toEqual(['worker-1.log']);
    // At warn, a clean run's "count done" lines (info) are not written.
    expect(await readFile(join(out, 'logs', 'worker-1.log'), 'utf8')).toBe('');
    const bad = await runWordmill(['process', join(dir, 'in.txt'), '--out', out], { LOG_LEVEL: 'loud' });
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'error: LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent (got "loud")\n' });
  });
});
