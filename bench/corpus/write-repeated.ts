/** Writes a file's bytes `copies` times, '\n' between copies, without holding the result in memory. */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

export function writeRepeated(from: string, to: string, copies: number): void {
  const unit = Buffer.concat([readFileSync(from), Buffer.from('\n')]);
  const fd = openSync(to, 'w');
  try {
    for (let k = 0; k < copies; k++) writeSync(fd, unit);
  } finally {
    closeSync(fd);
  }
}
