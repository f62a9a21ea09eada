import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI, run as users run it (npm test builds before vitest). */
export const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `stdin`: what the command reads on standard input (none: an empty, closed stdin). */
export function runWordmill(args: string[], env: NodeJS.ProcessEnv = {}, stdin: string | Uint8Array = ''): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
}
