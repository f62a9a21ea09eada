/** engine.enqueue: admission decided before it resolves, refusal as a value, waits, joins, journaling. */
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/create-engine.ts';
import type { Engine, JobJournal } from '../../src/engine.ts';
import type { Job } from '../../src/dispatch/job.ts';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close({ cancel: true });
  engine = undefined;
});

const slow = { text: 'word '.repeat(200_000) };

describe('engine.enqueue', () => {
  it('answers accepted with the result promise, or accepted: false with E_QUEUE_FULL when whenFull is reject', async () => {
    engine = createEngine({ threads: 1, concurrency: 1, maxQueue: 1, outDir: null });
    const queued: string[] = [];
    engine.events.on('job:queued', (job) => queued.push(job.id));
    const a = await engine.enqueue({ id: 'a', input: slow }, { whenFull: 'reject' });
    const b = await engine.enqueue({ id: 'b', input: { text: 'two words' } }, { whenFull: 'reject' });
    const c = await engine.enqueue({ id: 'c', input: { text: 'x' } }, { whenFull: 'reject' });
    expect([a.accepted, b.accepted, c.accepted]).toEqual([true, true, false]);
    // job:queued is emitted before enqueue resolves: a store fed by events already has the job.
    expect(queued).toEqual(['a', 'b']);
    if (c.accepted) throw new Error('c was accepted');
    expect({ id: c.id, code: c.error.code }).toEqual({ id: 'c', code: 'E_QUEUE_FULL' });
    if (!b.accepted) throw new Error('b was refused');
    await expect(b.result).resolves.toMatchObject({ id: 'b', totalWords: 2 });
  });

  it('waits for room with whenFull: wait, and stops waiting when the signal aborts', async () => {
    engine = createEngine({ threads: 1, concurrency: 1, maxQueue: 0, outDir: null });
    const first = await engine.enqueue({ id: 'first', input: slow }, { whenFull: 'reject' });
    let resolvedSecond = false;
    const second = engine.enqueue({ id: 'second', input: { text: 'one' } }, { whenFull: 'wait' }).then((e) => ((resolvedSecond = true), e));
    const controller = new AbortController();
    const third = engine.enqueue({ id: 'third', input: { text: 'x' } }, { whenFull: 'wait', signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resolvedSecond).toBe(false);
    controller.abort(new Error('stopping'));
    await expect(third).rejects.toThrow('stopping');
    if (!first.accepted) throw new Error('first was refused');
    await first.result;
    const admitted = await second;
    if (!admitted.accepted) throw new Error('second was refused');
    await expect(admitted.result).resolves.toMatchObject({ id: 'second', totalWords: 1 });
    expect(engine.cancel('third')).toBe(false);
  });

  it('joins a job with the id of an active one instead of running it twice', async () => {
    engine = createEngine({ threads: 1, outDir: null });
    let started = 0;
    engine.events.on('job:started', () => started++);
    const one = await engine.enqueue({ id: 'same', input: { text: 'a b c' } }, { whenFull: 'reject' });
    const two = await engine.enqueue({ id: 'same', input: { text: 'a b c' } }, { whenFull: 'reject' });
    if (!one.accepted || !two.accepted) throw new Error('refused');
    expect(await two.result).toBe(await one.result);
    expect(started).toBe(1);
  });

  it('records a durable job in the journal before accepting it, and only a durable one', async () => {
    const recorded: Array<{ id: string; fingerprint?: string }> = [];
    let release: () => void = () => {};
    const journal: JobJournal = {
      record: (job: Job, extra) => {
        recorded.push({ id: job.id, ...extra });
        return new Promise((resolve) => (release = resolve));
      },
    };
    engine = createEngine({ threads: 1, outDir: null, journal });
    let accepted = false;
    const durable = engine.enqueue({ id: 'd', input: { text: 'kept' } }, { whenFull: 'reject', durable: true, fingerprint: 'f1' })
      .then((e) => ((accepted = true), e));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(accepted).toBe(false);
    release();
    const enqueued = await durable;
    if (!enqueued.accepted) throw new Error('refused');
    await expect(enqueued.result).resolves.toMatchObject({ id: 'd', totalWords: 1 });
    await engine.submit({ id: 'plain', input: { text: 'not journaled' } });
    expect(recorded).toEqual([{ id: 'd', fingerprint: 'f1' }]);
  });

  it('rejects invalid jobs and a closed engine, and refuses callers waiting for room when it closes', async () => {
    engine = createEngine({ threads: 1, concurrency: 1, maxQueue: 0, outDir: null });
    await expect(engine.enqueue({ task: 'nope', input: { text: 'x' } }, { whenFull: 'reject' })).rejects.toMatchObject({ code: 'E_UNKNOWN_TASK' });
    await engine.enqueue({ input: { text: 'a' } }, { whenFull: 'reject' });
    const waiting = engine.enqueue({ input: { text: 'b' } }, { whenFull: 'wait' });
    const closing = engine.close();
    await expect(waiting).rejects.toMatchObject({ code: 'E_ENGINE_CLOSED' });
    await closing;
    await expect(engine.enqueue({ input: { text: 'c' } }, { whenFull: 'wait' })).rejects.toMatchObject({ code: 'E_ENGINE_CLOSED' });
    engine = undefined;
  });
});
