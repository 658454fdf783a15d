/**
 * A worker thread running a TypeScript module. Node 20 does not pass the main thread's tsx hooks
 * to workers (`new Worker('x.ts')` fails with ERR_UNKNOWN_FILE_EXTENSION), so the worker starts
 * as a line of JavaScript that loads the module through tsx's API; the import is resolved here,
 * so it works whatever the working directory, under jest as under `node --import tsx`.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function typescriptWorker(module: URL, options: Pick<WorkerOptions, 'workerData' | 'transferList'> = {}): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const [api, entry] = [tsx, module.href].map((s) => JSON.stringify(s));
  return new Worker(`import(${api}).then(({ tsImport }) => tsImport(${entry}, ${entry}))`, { ...options, eval: true });
}
