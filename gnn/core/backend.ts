/**
 * Picks the fastest tfjs backend available on this machine and says which one ran.
 * Order: tfjs-node (native, optional dependency) → wasm (SIMD) → pure-JS cpu.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

let chosen: Promise<BackendName> | undefined;

/** Initialise tfjs once; resolves to the active backend name and logs it (to stderr unless `log` is given). */
export function initBackend(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<BackendName> {
  chosen ??= select().then((name) => {
    log(`gnn: tfjs backend = ${name}`);
    return name;
  });
  return chosen;
}

async function select(): Promise<BackendName> {
  try {
    // Optional native backend: a variable specifier keeps bundlers/tsc from requiring it.
    const nativePkg = '@tensorflow/tfjs-node';
    await import(nativePkg);
    if (await tf.setBackend('tensorflow')) return 'tensorflow';
  } catch {
    // not installed here: fall through
  }
  try {
    const require = createRequire(import.meta.url);
    const wasmDist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(join(wasmDist, '/'));
    if (await tf.setBackend('wasm')) return 'wasm';
  } catch {
    // no wasm runtime: fall through
  }
  await tf.setBackend('cpu');
  return 'cpu';
}
