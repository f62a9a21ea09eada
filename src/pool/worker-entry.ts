/**
 * Where the worker code is and how a thread loads it. Node 20 cannot load
 * `.ts` in a worker thread, so: from the compiled build, the compiled worker;
 * from source (tests, tsx), the `.ts` worker with tsx registered in the thread.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerEntry {
  filename: string;
  execArgv: string[];
}

export function resolveWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  const here = dirname(fileURLToPath(moduleUrl));
  if (moduleUrl.endsWith('.ts')) {
    // Resolve tsx from this package, not from whatever the current folder is.
    const tsxLoader = createRequire(moduleUrl).resolve('tsx');
    return { filename: join(here, '../../workers/worker.ts'), execArgv: ['--import', pathToFileURL(tsxLoader).href] };
  }
  return { filename: join(here, '../../workers/worker.js'), execArgv: [] };
}
