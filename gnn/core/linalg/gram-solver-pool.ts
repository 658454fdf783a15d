/**
 * GramSolver (gram-solver.ts) on every core, for training: `solveAll` hands blocks to worker
 * threads and solves blocks itself meanwhile, synchronously, so the callers (DLAE's scoring inside
 * tfjs's synchronous ranking loops) stay as they are. Columns do not depend on the thread or the
 * block that solved them (bit-equal alone or in a block), so results do not either.
 * The threads are the process's, started on first use and shared by every pool; a thread is used
 * once it has started (never waited for) and holds one system (A, w) at a time, sent when a pool
 * first gives it a block. GNN_THREADS sets how many threads solve in all (default: one per core).
 * On the 2-core machine two threads score all users of a 25k-user split in 65-76 s against
 * 140-197 s for one (bench/dlae-cg.ts).
 */
import os from 'node:os';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { Csr } from '../graph/csr';
import { typescriptWorker } from '../typescript-worker';
import { GramSolver, type GramSolution, type GramSolverOptions, type SparseColumn } from './gram-solver';
import type { GramSystem, WorkerOptions, WorkerReply, WorkerRequest } from './gram-solver-worker';

interface PoolThread {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  ready: boolean;
  /** The pool whose system the thread holds. */
  loaded: number;
  /** Blocks sent and not yet answered, oldest first. */
  inFlight: number[];
}

let threads: PoolThread[] | null = null;

/** Threads besides the caller's: GNN_THREADS − 1, or one per other core. */
function extraThreads(): number {
  const total = Number(process.env.GNN_THREADS) || os.availableParallelism();
  return Math.max(0, Math.floor(total) - 1);
}

function poolThreads(): PoolThread[] {
  threads ??= Array.from({ length: extraThreads() }, () => {
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(8));
    const workerData: WorkerOptions = { port: port2, signal };
    const worker = typescriptWorker(new URL('./gram-solver-worker.ts', import.meta.url), { workerData, transferList: [port2] });
    worker.unref();
    return { worker, port: port1, signal, ready: false, loaded: -1, inFlight: [] };
  });
  // A thread that stopped (its module failed to load, or it died) is not used again.
  threads = threads.filter((t) => Atomics.load(t.signal, 1) === 0);
  return threads;
}

/** Starts the threads if need be and resolves, once each has started or stopped, to how many are ready. Pools do not need it. */
export async function startGramThreads(): Promise<number> {
  const pool = poolThreads();
  while (pool.some((t) => !ready(t) && Atomics.load(t.signal, 1) === 0)) await new Promise((resolve) => setTimeout(resolve, 10));
  return pool.filter((t) => t.ready).length;
}

/** Whether `t` has started, reading its first message if it has not been read. */
function ready(t: PoolThread): boolean {
  if (!t.ready && t.inFlight.length === 0) t.ready = receiveMessageOnPort(t.port) !== undefined;
  return t.ready;
}

let pools = 0;

/** A block's solution Z [n, width] row-major and, when asked for, scale · ZᵀA [width, m]. */
export interface BlockSolution extends Pick<GramSolution, 'z' | 'width'> {
  projected?: Float32Array;
}

export class GramSolverPool {
  readonly block: number;
  private readonly id = pools++;
  private readonly here: GramSolver;
  private readonly system: GramSystem;

  /** As GramSolver's. */
  constructor(byCol: Csr, w: Float32Array, readonly n: number, options: GramSolverOptions = {}) {
    this.here = new GramSolver(byCol, w, n, options);
    this.block = this.here.block;
    this.system = { byCol, w, n, options: { ...options, block: this.block } };
  }

  /**
   * Solves every block (at most `block` columns each), calling `use` on this thread with each
   * block's index and solution, in no set order, with `project` also its scale · ZᵀA
   * (GramSolver.project, computed by the thread that solved it); returns how many blocks other
   * threads solved. The solution's arrays are valid only until `use` returns (then reused).
   */
  solveAll(blocks: SparseColumn[][], use: (k: number, solution: BlockSolution) => void, project?: number): { elsewhere: number } {
    // Where answers go: `use`, until an error ends the call (see `finally`).
    let handle = use;
    let next = 0;
    let elsewhere = 0;
    const send = (t: PoolThread) => {
      if (t.loaded !== this.id) {
        t.port.postMessage({ load: this.system } satisfies WorkerRequest);
        t.loaded = this.id;
      }
      t.inFlight.push(next);
      t.port.postMessage({ columns: blocks[next++].map((c) => [...c] as [number, number][]), project } satisfies WorkerRequest);
    };
    const solveHere = (k: number): BlockSolution => {
      const solution = this.here.solve(blocks[k]);
      return { ...solution, projected: project === undefined ? undefined : this.here.project(solution.width, project) };
    };
    // One answer from `t`, waiting for it if `wait`; a thread that stopped has its blocks solved here.
    const receive = (t: PoolThread, wait: boolean): boolean => {
      for (;;) {
        const seen = Atomics.load(t.signal, 0);
        const m = receiveMessageOnPort(t.port)?.message as Exclude<WorkerReply, { ready: true }> | undefined;
        if (m) {
          const k = t.inFlight.shift()!;
          if ('error' in m) throw new Error(m.error);
          handle(k, m);
          elsewhere++;
          // The buffers go back for the thread's next answers.
          for (const a of [m.z, m.projected]) if (a) t.port.postMessage({ recycle: a.buffer as ArrayBuffer } satisfies WorkerRequest, [a.buffer as ArrayBuffer]);
          return true;
        }
        if (Atomics.load(t.signal, 1)) {
          for (const k of t.inFlight.splice(0)) handle(k, solveHere(k));
          return false;
        }
        if (!wait || !t.inFlight.length) return false;
        Atomics.wait(t.signal, 0, seen, 1_000);
      }
    };
    const pool = poolThreads();
    try {
      // Two blocks in flight per thread: it starts the second while this thread hands out more.
      const feed = () => {
        for (const t of pool) {
          if (!ready(t)) continue;
          while (receive(t, false));
          while (t.inFlight.length < 2 && next < blocks.length) send(t);
        }
      };
      feed();
      while (next < blocks.length) {
        const k = next++;
        use(k, solveHere(k));
        feed();
      }
      for (const t of pool) while (t.inFlight.length) receive(t, true);
      return { elsewhere };
    } finally {
      // After an error, answers still coming are awaited and dropped, not read by the next call.
      handle = () => {};
      for (const t of pool)
        while (t.inFlight.length) {
          try {
            receive(t, true);
          } catch {
            // dropped with the rest
          }
        }
    }
  }
}
