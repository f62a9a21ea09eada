import { randomBytes } from 'node:crypto';

/**
 * Job ids: 16 lowercase base-32 characters, time first, so ids sort by
 * creation and fit in file names (`dracula_<id>.json`).
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newJobId(now = Date.now()): string {
  let time = '';
  for (let t = now, i = 0; i < 9; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32] + time;
  let rand = '';
  for (const byte of randomBytes(7)) rand += ALPHABET[byte % 32];
  return time + rand;
}

/** Ids supplied by users become file names and topics: keep them to a safe alphabet. */
export const JOB_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
