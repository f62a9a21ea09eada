/**
 * How deep a parsed JSON value nests, counted without recursion: a body of
 * 100,000 nested arrays parses fine but overflows the stack of anything that
 * walks it recursively (validation messages, JSON.stringify). Inputs refuse
 * such values before they go further.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `value` has arrays or objects nested more than `limit` levels deep; stops at the first such. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}
