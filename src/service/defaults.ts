/**
 * `wordmill serve` defaults, apart from their zod schema (options.ts): the
 * command line shows them in --help without loading the schemas of a command
 * that is not running (~10 ms of every CLI start).
 */
export const SERVE_DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 8080,
  out: 'output',
  bodyLimit: 16 * 1024 * 1024,
  streamLimit: 4 * 1024 ** 3,
  keepJobs: 10_000,
  keepForMs: 60 * 60_000,
  shutdownTimeoutMs: 30_000,
  waitTimeoutMs: 60_000,
  /** Open HTTP connections at once; more are closed as they arrive (each costs a socket and memory). */
  maxConnections: 1024,
});
