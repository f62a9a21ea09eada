/** A mistake in how the command was called: printed as one line, exit code 2, no stack trace. */
export class UsageError extends Error {
  readonly code = 'E_USAGE';
  readonly exitCode = 2;
}
