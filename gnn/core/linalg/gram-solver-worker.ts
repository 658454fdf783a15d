/**
 * The worker behind GramSolverThread (serving, messages on its parent port) and GramSolverPool
 * (training, messages on a port of its own, answered with a count in shared memory that the
 * pool's thread can sleep on): one system (A, w) at a time, one block of columns per message.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Csr } from '../graph/csr';
import { GramSolver, type GramSolverOptions } from './gram-solver';

export interface GramSystem {
  byCol: Csr;
  w: Float32Array;
  n: number;
  options: GramSolverOptions;
}
/**
 * `project`: also send scale · ZᵀA (GramSolver.project) with this scale. `recycle`: a buffer this
 * thread sent, back for its next answers: copying into memory already touched is several times
 * faster than into a new buffer (33 MB: ~5 ms against ~90 ms of page faults).
 */
export type WorkerRequest = { load: GramSystem } | { columns: [row: number, value: number][][]; project?: number } | { recycle: ArrayBuffer };
export type WorkerReply = { ready: true } | { z: Float32Array; width: number; projected?: Float32Array } | { error: string };
/** With a port: `signal[0]` counts the replies sent, `signal[1]` is set once the thread stops. */
export interface WorkerOptions {
  port?: MessagePort;
  signal?: Int32Array;
}

const { port, signal } = (workerData ?? {}) as WorkerOptions;
const channel = port ?? parentPort!;
let solver: GramSolver | Error | null = null;
const spare: ArrayBuffer[] = [];

/** A copy of `view` in a recycled buffer of its size if there is one. */
function copy(view: Float32Array): Float32Array<ArrayBuffer> {
  const k = spare.findIndex((b) => b.byteLength === view.byteLength);
  const out = k < 0 ? new Float32Array(view.length) : new Float32Array(spare.splice(k, 1)[0]);
  out.set(view);
  return out;
}

function send(reply: WorkerReply, transfer: ArrayBuffer[] = []): void {
  channel.postMessage(reply, transfer);
  if (!signal) return;
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

if (signal)
  process.on('exit', () => {
    Atomics.store(signal, 1, 1);
    Atomics.notify(signal, 0);
  });

channel.on('message', (m: WorkerRequest) => {
  if ('recycle' in m) {
    spare.push(m.recycle);
    return;
  }
  if ('load' in m) {
    const { byCol, w, n, options } = m.load;
    spare.length = 0;
    try {
      solver = new GramSolver(byCol, w, n, options);
      // Two solves before the first request: its code is compiled and optimised by then (the
      // first solves on a fresh thread take 1.3-1.5x as long).
      for (let k = 0; k < 2; k++) solver.solve([[[k % n, 1]]]);
    } catch (e) {
      solver = e instanceof Error ? e : new Error(String(e));
    }
    return;
  }
  try {
    if (!(solver instanceof GramSolver)) throw solver ?? new Error('no system loaded');
    const solution = solver.solve(m.columns);
    // Copies: the solution and its projection are views of the solver's memory, which the next solve overwrites.
    const z = copy(solution.z);
    const projected = m.project === undefined ? undefined : copy(solver.project(solution.width, m.project));
    send({ z, width: solution.width, projected }, projected ? [z.buffer, projected.buffer] : [z.buffer]);
  } catch (e) {
    send({ error: e instanceof Error ? e.message : String(e) });
  }
});
send({ ready: true });
