/** Number formatting for the figures: decimal MB (as MB/s is usually meant), short durations. */

export const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export const megabytes = (bytes: number): string => fixed(bytes / 1e6, bytes < 1e7 ? 2 : 1);

export function size(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${fixed(bytes / 1e3)} kB`;
  return `${megabytes(bytes)} MB`;
}

export function duration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${fixed(ms, 0)} ms`;
  return `${fixed(ms / 1000, ms < 10_000 ? 2 : 1)} s`;
}

export const percent = (share: number, digits = 0): string => `${fixed(share * 100, digits)}%`;

export function uptime(seconds: number): string {
  const s = Math.floor(seconds);
  const [d, h, m] = [Math.floor(s / 86400), Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60)];
  return d > 0 ? `up ${d}d ${h}h` : h > 0 ? `up ${h}h ${m}m` : `up ${m}m ${s % 60}s`;
}

export const clock = (iso: string): string => new Date(iso).toLocaleTimeString();
