import { randomFillSync } from 'node:crypto';

/**
 * Job ids: 16 lowercase base-32 characters, time first, so ids sort by
 * creation and fit in file names (`dracula_<id>.json`).
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Random bytes drawn from a pool refilled 4 KiB at a time: one call into
 * OpenSSL per ~500 ids instead of one per id (a per-job cost under load).
 */
const pool = Buffer.alloc(4096);
let taken = pool.length;

function randomByte(): number {
  if (taken === pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  return pool[taken++]!;
}

export function newJobId(now = Date.now()): string {
  let time = '';
  for (let t = now, i = 0; i < 9; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32] + time;
  let rand = '';
  for (let i = 0; i < 7; i++) rand += ALPHABET[randomByte() % 32];
  return time + rand;
}

/** `bytes` random bytes as lowercase hex (temporary file names). */
export function randomHex(bytes: number): string {
  let hex = '';
  for (let i = 0; i < bytes; i++) hex += randomByte().toString(16).padStart(2, '0');
  return hex;
}

/** Ids supplied by users become file names and topics: keep them to a safe alphabet. */
export const JOB_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
