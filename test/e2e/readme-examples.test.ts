/**
 * The shell examples of README.md (its ```sh blocks) run against the built
 * CLI, as written, in a scratch folder laid out like the project (data/ and
 * the files the examples name). `npx wordmill` is the project's own command,
 * which a shim on PATH runs from dist/. Only these are rewritten, each for a
 * stated reason: `npm install &&` is dropped (it made this checkout), `serve` gets `--port 0 --mqtt off` (8080 and 1883 may be
 * taken), the curl and monitor lines the port it got and the id a submit
 * answered, `/tmp/res` a folder inside the scratch one, and `monitor` its
 * documented `--json` (one snapshot instead of a screen that never ends).
 * Lines that need a service this test does not start, or that are the build
 * and test commands themselves, are skipped with their reason; every line is
 * accounted for, so a new example fails here until it is.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const SKIPPED: Array<[RegExp, string]> = [
  [/^npm (test|run build)\b|^npx vitest\b/, 'the build and test commands: this suite is what they run'],
  [/^mosquitto_(sub|pub)\b/, 'a broker and a second terminal: test/integration/mqtt-*.test.ts covers the MQTT input'],
  [/--queue\b/, 'a Redis service and worker processes: test/integration/queue-*.test.ts covers the queue mode'],
];

/** What each example must print (stdout and stderr together), beside exiting 0. */
const EXPECTED: Array<[RegExp, RegExp]> = [
  [/^npm install && npx wordmill process$/, /^wordmill: 4\/4 files counted from data into output on \d+ threads?\n/],
  // -t 4 asks for up to 4 threads; a run starts no more than it has files to count (2 here).
  [/^npx wordmill process ~\/books /, /^wordmill: 2\/2 files counted from .*books into .*res on 2 threads\n/],
  [/--json \| jq \.totalWords$/, /^\d+\n$/],
  [/^npx wordmill process big\.txt /, /^wordmill: 1\/1 files counted/],
  [/^npx wordmill process data\/\*\.txt notes\/ /, /^wordmill: 6\/6 files counted/],
  [/^cat data\/\*\.txt \| npx wordmill process -$/, /^wordmill: 1\/1 files counted from - into output/],
  [/^curl --data-binary @data\/dracula\.txt .*wait=true/, /"totalWords":\d+/],
  [/^curl -H 'content-type: application\/json' /, /^\{"id":"[^"]+","status":"(queued|running|done)"/],
  [/^curl localhost:\d+\/v1\/jobs\/[^/\s]+$/, /"status":"(queued|running|done)"/],
  [/^npx wordmill monitor /, /"totals": \{\s+"submitted": 2,/],
];

interface Example { line: string; command: string }

/** Each line of each ```sh block, without its trailing comment. */
function shExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    for (const line of block[1]!.split('\n')) {
      const command = line.replace(/\s+#\s.*$/, '').trim();
      if (command !== '') examples.push({ line, command });
    }
  }
  return examples;
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', command], { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, output: stdout + stderr });
    });
  });
}

describe('README.md shell examples', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess | undefined;
  let address = '';
  let lastJobId = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-readme-'));
    const bin = join(dir, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'npx'), `#!/bin/sh\n[ "$1" = wordmill ] || { echo "unexpected: npx $*" >&2; exit 127; }\nshift\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    // jq is not a project dependency: where it is missing, a stand-in that reads one top-level field.
    await writeFile(join(bin, 'jq-standin'), `#!/bin/sh\nexec "${process.execPath}" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[process.argv[1].slice(1)]))' "$1"\n`);
    await chmod(join(bin, 'npx'), 0o755);
    const hasJq = (await run('command -v jq', dir, process.env)).code === 0;
    if (!hasJq) await cp(join(bin, 'jq-standin'), join(bin, 'jq'));
    const home = join(dir, 'home');
    await cp(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
    await mkdir(join(home, 'books'), { recursive: true });
    await writeFile(join(home, 'books', 'a.txt'), 'It was a dark and stormy night.');
    await writeFile(join(home, 'books', 'b.txt'), 'Call me Ishmael.');
    await writeFile(join(dir, 'big.txt'), 'the quick brown fox jumps over the lazy dog\n'.repeat(200_000));
    await mkdir(join(dir, 'notes'));
    await writeFile(join(dir, 'notes', 'n.txt'), 'a note');
    await mkdir(join(dir, 'archive', '2025'), { recursive: true });
    await writeFile(join(dir, 'archive', '2025', 'old.txt'), 'an old text');
    env = { ...process.env, HOME: home, PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}`, NO_COLOR: '1', LOG_LEVEL: 'warn' };
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  async function startServe(command: string): Promise<void> {
    const args = command.replace(/^npx wordmill /, '').split(/\s+/);
    server = spawn(process.execPath, [CLI, ...args, '--port', '0', '--mqtt', 'off'], { cwd: dir, env: { ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] });
    address = await new Promise<string>((resolve, reject) => {
      let log = '';
      server!.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const match = /listening on http:\/\/([^\s"]+)/.exec(log);
        if (match) resolve(match[1]!);
      });
      server!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${log}`)));
    });
  }

  function rewrite(command: string): string {
    return command
      .replace(/^npm install && /, '')
      .replaceAll('/tmp/res', join(dir, 'res'))
      .replaceAll(/(localhost|127\.0\.0\.1):8080/g, address)
      .replaceAll('<id>', lastJobId)
      .replace(/^(npx wordmill monitor .*)$/, '$1 --json');
  }

  it('run as written and answer as documented', async () => {
    const examples = shExamples(await readFile(join(ROOT, 'README.md'), 'utf8'));
    expect(examples.length).toBeGreaterThan(15);
    const ran: string[] = [];
    for (const { command } of examples) {
      const skip = SKIPPED.find(([pattern]) => pattern.test(command));
      if (skip) continue;
      if (/^npx wordmill serve$/.test(command)) {
        await startServe(command);
        ran.push(command);
        continue;
      }
      const actual = rewrite(command);
      const expected = EXPECTED.find(([pattern]) => pattern.test(command) || pattern.test(actual));
      expect({ command, expectation: expected !== undefined }).toEqual({ command, expectation: true });
      const { code, output } = await run(actual, dir, env);
      expect({ command, code, output }).toEqual({ command, code: 0, output: expect.stringMatching(expected![1]) as string });
      const id = /"id":"([^"]+)"/.exec(output)?.[1];
      if (id && actual.startsWith('curl -H')) lastJobId = id;
      ran.push(command);
    }
    // The examples this test exists for: if one disappears from the README, so must its expectation here.
    expect(ran.length).toBe(EXPECTED.length + 1);
  }, 300_000);
});
