/**
 * Compiles the WebAssembly word counter (workers/wasm/assembly/, AssemblyScript)
 * to workers/wasm/word-count.wasm, where workers running from source load it,
 * and dist/workers/wasm/word-count.wasm, where the built workers do. Both are
 * build outputs (git-ignored); `npm run build` runs this first.
 */
import asc from 'assemblyscript/asc';
import { copyFileSync, mkdirSync } from 'node:fs';

const SOURCE = 'workers/wasm/assembly/word-count.ts';
const OUT = 'workers/wasm/word-count.wasm';
const DIST_OUT = 'dist/workers/wasm/word-count.wasm';

// --noAssert: the module checks its own bounds (see its header); --runtime stub: it allocates with its own bump heap.
const { error, stderr } = await asc.main([SOURCE, '--outFile', OUT, '-O3', '--noAssert', '--runtime', 'stub']);
if (error) {
  process.stderr.write(stderr.toString());
  throw error;
}
mkdirSync('dist/workers/wasm', { recursive: true });
copyFileSync(OUT, DIST_OUT);
