/** A compressed file or archive member that cannot be read to its end (truncated, corrupt, wrong size). */
export class DamagedInputError extends Error {
  readonly code = 'E_INPUT_DAMAGED';
}
