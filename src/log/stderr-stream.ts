/**
 * Where a command's own log goes on stderr: coloured, readable lines when a
 * person watches a terminal, the NDJSON lines unchanged otherwise (pipes,
 * files, systemd, containers), so machines always get the parseable form.
 */
import { pino } from 'pino';
import type { DestinationStream } from 'pino';

export async function stderrLogStream(
  stream: { isTTY?: boolean } = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
  destination: number | NodeJS.WritableStream = 2,
): Promise<DestinationStream> {
  if (stream.isTTY !== true) return typeof destination === 'number' ? pino.destination({ dest: destination, sync: true }) : destination;
  // Loaded on a terminal only: nothing else pays for it.
  const { PinoPretty: pretty } = await import('pino-pretty');
  // https://no-color.org, a non-empty NO_COLOR turns colours off.
  const colorize = (env.NO_COLOR ?? '') === '';
  return pretty({ destination, sync: true, colorize, translateTime: 'SYS:HH:MM:ss.l', ignore: 'hostname' });
}
