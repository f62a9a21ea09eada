/**
 * Byte sizes as people write them (`16MiB`, `512KiB`, `1.5GB`, `65536`): the
 * one parser, and the one zod field every option schema that takes a size
 * uses (engine, serve, MQTT, queue, CLI flags).
 */
import { z } from 'zod';

const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1, b: 1, k: 1024, kb: 1000, kib: 1024, m: 1024 ** 2, mb: 1000 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1000 ** 3, gib: 1024 ** 3,
};

/** `"4MiB"` → 4194304; undefined when it is not a size. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = SIZE_UNITS[match[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  return Math.round(Number(match[1]) * unit);
}

/** 65536 → `64KiB`, 1 → `1 byte`: the smallest size an option takes, as its message shows it. */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

export function byteSizeMessage(min: number): string {
  return `expected a size of at least ${formatByteSize(min)}, like 16MiB, 512KiB or 1048576`;
}

/** A whole number of bytes, at least `min`, from a number or a size text. */
export function byteSizeValue(value: number | string, min: number): number | undefined {
  const bytes = typeof value === 'number' ? value : parseByteSize(value);
  return bytes !== undefined && Number.isSafeInteger(bytes) && bytes >= min ? bytes : undefined;
}

/** A byte count: `16MiB`, `512KiB`, `1048576` → bytes (parseOrThrow adds the option name and the value given). */
export const byteSize = (min = 1) =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    const bytes = byteSizeValue(value, min);
    if (bytes === undefined) {
      ctx.addIssue({ code: 'custom', message: byteSizeMessage(min) });
      return z.NEVER;
    }
    return bytes;
  });
