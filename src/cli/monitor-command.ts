/**
 * `wordmill monitor`: the dashboard's live figures in a terminal, for servers
 * without a browser. Polls GET /v1/live every interval and redraws (or, when
 * stdout is not a terminal, prints one block per update); `--json` prints one
 * snapshot and exits.
 */
import { Command, Option } from 'commander';
import { InvalidOptionsError } from '../errors.ts';
import type { LiveSnapshot } from '../metrics/live-types.ts';
import { MONITOR_DEFAULTS, resolveMonitorOptions } from './monitor-options.ts';
import type { MonitorOptions, MonitorOptionsInput } from './monitor-options.ts';
import { renderSnapshot } from './monitor-render.ts';
import { UsageError } from './usage-error.ts';

const CLEAR = '\x1b[H\x1b[2J';

export function registerMonitorCommand(program: Command): void {
  program
    .command('monitor')
    .description('live figures of a running `wordmill serve` in the terminal (like `rq info --interval`)')
    .addOption(new Option('--url <url>', 'address of `wordmill serve`').env('WORDMILL_URL').default(MONITOR_DEFAULTS.url))
    .addOption(new Option('--interval <duration>', 'time between updates').env('WORDMILL_MONITOR_INTERVAL').default('1s'))
    .addOption(new Option('--json', 'print one snapshot as JSON and exit').default(false))
    .addOption(new Option('--token <token>', 'bearer token of the service (prefer the env variable: flags show in ps)').env('WORDMILL_TOKEN'))
    .addOption(new Option('--count <n>', 'stop after this many updates (default: until Ctrl-C)'))
    .action(async (raw: Record<string, string | boolean | undefined>) => {
      const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as MonitorOptionsInput;
      let options: MonitorOptions;
      try {
        options = resolveMonitorOptions(defined);
      } catch (error) {
        if (error instanceof InvalidOptionsError) throw new UsageError(error.message.replace(/monitor option "(\w+)"/g, 'option --$1'));
        throw error;
      }
      await runMonitor(options, process.stdout);
    });
}

export async function runMonitor(options: MonitorOptions, out: NodeJS.WriteStream): Promise<void> {
  if (options.json) {
    out.write(`${JSON.stringify(await fetchSnapshot(options), null, 2)}\n`);
    return;
  }
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    for (let n = 0; !stop.signal.aborted && (options.count === undefined || n < options.count); n++) {
      if (n > 0) await sleep(options.interval, stop.signal);
      if (stop.signal.aborted) break;
      const text = renderSnapshot(await fetchSnapshot(options), options.url, out.columns ?? 100);
      out.write(out.isTTY ? CLEAR + text : `${text}\n`);
    }
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

async function fetchSnapshot(options: MonitorOptions): Promise<LiveSnapshot> {
  let response: Response;
  try {
    response = await fetch(`${options.url}/v1/live`, {
      headers: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new UsageError(`cannot reach wordmill at ${options.url} (${reason}): is \`wordmill serve\` running there? (--url / WORDMILL_URL)`);
  }
  if (response.status === 401) throw new UsageError(`${options.url} needs its bearer token: pass --token or set WORDMILL_TOKEN`);
  if (response.status === 404) throw new UsageError(`${options.url} has no /v1/live: is it a wordmill service of this version?`);
  if (!response.ok) throw new UsageError(`${options.url}/v1/live answered ${response.status}`);
  return (await response.json()) as LiveSnapshot;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
