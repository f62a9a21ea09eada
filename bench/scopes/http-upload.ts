/**
 * Part of the HTTP scope: one upload of `--size` bytes (256 MB by default; `--size 1GiB` for the
 * target case) past the body limit, counted as it arrives (docs/http.md#uploads-larger-than-the-body-limit),
 * against `wordmill process` on the same bytes as a file. Each run starts a fresh `serve`, so the
 * serve process's peak RSS (VmHWM: it holds the worker threads too) is that upload's; its CPU time
 * is read from /proc before and after the upload. Both sides' word totals are checked.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { CACHE_DIR, DATA_DIR, sizeLabel } from '../corpus/inputs.ts';
import { warmPageCache } from '../corpus/page-cache.ts';
import { writeRepeated } from '../corpus/write-repeated.ts';
import { expectEqual } from '../lib/checks.ts';
import { describeCommand, measurementOf, runCommand } from '../lib/run-command.ts';
import { startServeProcess } from '../lib/server-process.ts';
import { maxRss, throughput } from '../lib/stats.ts';
import type { BenchOptions, CaseResult, Measurement } from '../lib/types.ts';
import { processCommand, readWordmillRun } from '../lib/wordmill-cli.ts';

const DRACULA_WORDS = 162250;
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICKS = 100;

/** The file: dracula repeated to about `sizeBytes`, cached between runs. */
function uploadInput(sizeBytes: number): { dir: string; path: string; bytes: number; words: number } {
  const book = `${DATA_DIR}dracula.txt`;
  const copies = Math.max(1, Math.round(sizeBytes / (statSync(book).size + 1)));
  const dir = `${CACHE_DIR}upload-${sizeLabel(sizeBytes)}/`;
  const path = `${dir}dracula.txt`;
  if (!existsSync(path) || statSync(path).size !== copies * (statSync(book).size + 1)) {
    mkdirSync(dir, { recursive: true });
    writeRepeated(book, path, copies);
  }
  warmPageCache(path);
  return { dir, path, bytes: statSync(path).size, words: copies * DRACULA_WORDS };
}

function procStatus(pid: number): { peakRssBytes: number; cpuMs: number } {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { peakRssBytes: Number(hwm?.[1] ?? 0) * 1024, cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS };
}

/** Streams the file as the body (with its Content-Length) and returns the answer's totalWords. */
function uploadFile(url: string, path: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': String(bytes) } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b)).on('end', () => {
        const body = Buffer.concat(parts).toString('utf8');
        const result = JSON.parse(body) as { totalWords?: number };
        if (res.statusCode !== 200 || result.totalWords === undefined) reject(new Error(`upload answered ${res.statusCode}: ${body.slice(0, 300)}`));
        else resolve(result.totalWords);
      });
    });
    req.on('error', reject);
    createReadStream(path, { highWaterMark: 1024 * 1024 }).pipe(req);
  });
}

export async function uploadCases(options: BenchOptions, log: (line: string) => void): Promise<CaseResult[]> {
  const input = uploadInput(options.sizeBytes);
  const threads = Math.max(...options.threads);
  const scratch = `${CACHE_DIR}scratch/http-upload`;
  const label = `one ${sizeLabel(input.bytes)} upload (dracula repeated)`;
  const processRuns: Measurement[] = [];
  const uploadRuns: Measurement[] = [];
  const serveArgs = ['--mqtt', 'off', '--threads', String(threads), '--out', `${scratch}/serve-out`, '--stream-limit', '8GiB'];
  // Interleaved, so both sides see the same machine load.
  for (let r = 0; r < options.runs; r++) {
    const run = await runCommand(processCommand(input.dir, `${scratch}/process-out`, threads, ['--no-corpus']));
    expectEqual('process totalWords', readWordmillRun(run.stdout).totalWords, input.words);
    processRuns.push(measurementOf(run));

    rmSync(`${scratch}/serve-out`, { recursive: true, force: true });
    const server = await startServeProcess(serveArgs);
    try {
      const before = procStatus(server.pid);
      const started = performance.now();
      expectEqual('upload totalWords', await uploadFile(`${server.url}/v1/jobs?wait=true`, input.path, input.bytes), input.words);
      const wallMs = performance.now() - started;
      const after = procStatus(server.pid);
      uploadRuns.push({ wallMs, cpuMs: after.cpuMs - before.cpuMs, peakRssBytes: after.peakRssBytes });
    } finally {
      await server.stop();
    }
    const mib = (n: number | undefined): string => (n === undefined ? '?' : String(Math.round(n / 2 ** 20)));
    log(`  ${label}: process ${(run.wallMs / 1000).toFixed(2)} s (peak ${mib(run.peakRssBytes)} MiB), upload ${(uploadRuns[r]!.wallMs / 1000).toFixed(2)} s (serve peak ${mib(uploadRuns[r]!.peakRssBytes)} MiB)`);
  }
  rmSync(scratch, { recursive: true, force: true });
  const processT = throughput(input.bytes, processRuns);
  const uploadT = throughput(input.bytes, uploadRuns);
  const ratio = Math.round((uploadT.mbPerSec.median / processT.mbPerSec.median) * 1000) / 1000;
  const processPeak = maxRss(processRuns);
  const uploadPeak = maxRss(uploadRuns);
  return [
    {
      scope: 'http', input: label, name: `wordmill process --threads ${threads} on the file (same bytes)`, kind: 'reference', threads, bytes: input.bytes,
      runs: processRuns, ...processT, ...(processPeak === undefined ? {} : { peakRssBytes: processPeak }), checked: { totalWords: input.words },
      command: describeCommand(processCommand(input.dir, `${scratch}/process-out`, threads, ['--no-corpus'])),
    },
    {
      scope: 'http', input: label, name: `wordmill serve --threads ${threads}: POST /v1/jobs?wait=true, counted as it arrives`, kind: 'wordmill', threads, bytes: input.bytes,
      runs: uploadRuns, ...uploadT, ...(uploadPeak === undefined ? {} : { peakRssBytes: uploadPeak }),
      checked: { totalWords: input.words, ratioToProcess: ratio },
      note: `${ratio}× process's MB/s (target ≥ 0.6); serve peak RSS ${uploadPeak === undefined ? '?' : Math.round(uploadPeak / 2 ** 20)} MiB (target ≤ 300 MB)`,
      command: `wordmill serve ${serveArgs.join(' ')}; POST the file with Content-Length`,
    },
  ];
}
