/**
 * Text summary of a V8 `.cpuprofile` (`node --cpu-prof`): self time per
 * function and per file/package, the main thread's where-does-each-µs-go.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface CpuSummary {
  totalMs: number;
  idleMs: number;
  byFunction: Array<{ name: string; ms: number }>;
  byArea: Array<{ name: string; ms: number }>;
}

/** Where a script lives, shortly: `node:internal`, a package name, or a path under the repo. */
export function areaOf(url: string): string {
  if (url === '') return '(native/VM)';
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(dist\/)?((?:src|workers|bench)\/.*)$/.exec(url);
  return own ? own[2]! : url;
}

/**
 * `window`: only samples taken between these instants (µs of the monotonic clock, which V8's
 * profile timestamps and `process.hrtime` share), so start-up and shutdown stay out.
 */
export function summarizeCpuProfile(path: string, window?: { fromUs: number; toUs: number }, top = Number(process.env["PROFILE_TOP"] ?? 30)): CpuSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    self.set(id, (self.get(id) ?? 0) + delta);
  });
  const fns = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    total += us;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const area = areaOf(frame.url);
    const name = `${frame.functionName || '(anonymous)'} ${area}${frame.url === '' ? '' : `:${frame.lineNumber + 1}`}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: us / 1000 }));
  return { totalMs: total / 1000, idleMs: idle / 1000, byFunction: sorted(fns), byArea: sorted(areas) };
}

export function formatCpuSummary(s: CpuSummary, perJob?: number): string {
  const busy = s.totalMs - s.idleMs;
  const cell = (ms: number) => `${ms.toFixed(0).padStart(7)} ms ${((ms / busy) * 100).toFixed(1).padStart(5)}%${perJob ? ` ${((ms * 1000) / perJob).toFixed(1).padStart(7)} µs/job` : ''}`;
  return [
    `profiled ${s.totalMs.toFixed(0)} ms, idle ${s.idleMs.toFixed(0)} ms, busy ${busy.toFixed(0)} ms${perJob ? ` = ${((busy * 1000) / perJob).toFixed(0)} µs per job over ${perJob} jobs` : ''}`,
    'self time by area:',
    ...s.byArea.map((a) => `${cell(a.ms)}  ${a.name}`),
    'self time by function:',
    ...s.byFunction.map((f) => `${cell(f.ms)}  ${f.name}`),
  ].join('\n');
}
