/**
 * A bounded label from a job's free-text source: metrics must never get one
 * label value per topic or file path (Prometheus keeps a series per value).
 */
import type { SourceKind } from './live-types.ts';

export function sourceKind(source: string, fallback: SourceKind = 'cli'): SourceKind {
  if (source === 'http') return 'http';
  if (source === 'mqtt' || source.startsWith('mqtt:')) return 'mqtt';
  if (source === 'queue' || source.startsWith('queue:')) return 'queue';
  return fallback;
}
