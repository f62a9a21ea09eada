/** LOG_LEVEL, the one log format, and the readable stderr log on a terminal. */
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../src/errors.ts';
import { logLevelFromEnv } from '../../src/log/log-level.ts';
import { loggerOptions } from '../../src/log/logger-options.ts';
import { stderrLogStream } from '../../src/log/stderr-stream.ts';

const ESC = '\u001b[';

async function logOneLine(tty: boolean, env: NodeJS.ProcessEnv): Promise<string> {
  const sink = new PassThrough();
  let text = '';
  sink.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const log = pino(loggerOptions({ threadId: 7 }, env), await stderrLogStream({ isTTY: tty }, env, sink));
  log.info({ jobId: 'j1' }, 'count done');
  await new Promise((resolve) => setImmediate(resolve));
  return text;
}

describe('log format', () => {
  it('reads LOG_LEVEL, defaults to info, and names the variable when it is wrong', () => {
    expect(logLevelFromEnv({})).toBe('info');
    expect(logLevelFromEnv({ LOG_LEVEL: ' DEBUG ' })).toBe('debug');
    expect(logLevelFromEnv({ LOG_LEVEL: 'silent' })).toBe('silent');
    expect(() => logLevelFromEnv({ LOG_LEVEL: 'verbose' })).toThrow(
      new InvalidOptionsError('LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent (got "verbose")'),
    );
  });

  it('writes pino NDJSON when stderr is not a terminal', async () => {
    const line = JSON.parse(await logOneLine(false, {})) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(['level', 'time', 'pid', 'hostname', 'threadId', 'jobId', 'msg']);
    expect(line).toMatchObject({ level: 30, pid: process.pid, threadId: 7, jobId: 'j1', msg: 'count done' });
  });

  it('writes readable coloured lines on a terminal, without colour under NO_COLOR', async () => {
    const coloured = await logOneLine(true, {});
    expect(coloured).toContain(`${ESC}32mINFO`);
    expect(coloured).toContain('count done');
    const plain = await logOneLine(true, { NO_COLOR: '1' });
    expect(plain).not.toContain(ESC);
    expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(\d+\): count done\n {4}threadId: 7\n {4}jobId: "j1"\n$/);
  });
});
