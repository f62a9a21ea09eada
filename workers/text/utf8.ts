/**
 * UTF-8 helpers for cutting input into blocks (the decoding itself is in the
 * WebAssembly scanner, workers/wasm/assembly/code-points.ts).
 */

/**
 * The largest `n' <= n` such that `buf[0, n')` does not end inside a UTF-8
 * sequence that could still be completed by the bytes after `n`.
 */
export function completeSequenceEnd(buf: Uint8Array, n: number): number {
  for (let k = n - 1; k >= 0 && k >= n - 3; k--) {
    const b = buf[k]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return k + need > n ? k : n;
    }
  }
  return n;
}

export function hasBom(buf: Uint8Array, start: number, end: number): boolean {
  return end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf;
}
