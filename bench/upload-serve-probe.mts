import { readFileSync, statSync, createReadStream } from 'node:fs';
import { request } from 'node:http';
import { startServeProcess } from './lib/server-process.ts';
const path = process.argv[2]!;
const bytes = statSync(path).size;
const server = await startServeProcess(['--mqtt', 'off', '--threads', '2', '--out', '/tmp/up/sp-out', '--stream-limit', '8GiB']);
const hwm = () => Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024);
const rss = () => Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024);
console.log('idle', hwm());
const samples: number[] = [];
const t = setInterval(() => samples.push(rss()), 1000);
const started = performance.now();
const body = await new Promise<string>((resolve, reject) => {
  const req = request(`${server.url}/v1/jobs?wait=true&top=1`, { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': String(bytes) } }, (res) => {
    const parts: Buffer[] = []; res.on('data', (b: Buffer) => parts.push(b)).on('end', () => resolve(Buffer.concat(parts).toString()));
  });
  req.on('error', reject);
  createReadStream(path, { highWaterMark: 1024 * 1024 }).pipe(req);
});
clearInterval(t);
console.log(body.slice(0, 120), ((performance.now() - started) / 1000).toFixed(1), 's; peak', hwm(), 'MiB; rss samples', samples.join(' '));
await server.stop();
