/**
 * GramSolver (gram-solver.ts) on a worker thread, for serving: a request's solve (42-56 ms at
 * 25,000 users) no longer stops the event loop, so other requests are answered meanwhile, and
 * columns asked for together, or while the worker is busy, are solved together in its next block,
 * up to the block's width. A block of 4 costs about what one column costs (the kernel's four SIMD lanes), so
 * four concurrent requests take the time of one (bench/cg-requests.ts).
 * A batch's columns are bit-equal to the same columns solved alone (each column's CG runs on its
 * own; tests/gnn/core/linalg/gram-solver.test.ts). The worker holds its own copy of A and w
 * (nnz(A) + 2 columns' ints and floats) and does not keep the process alive while idle.
 */
import type { Worker } from 'node:worker_threads';
import type { Csr } from '../graph/csr';
import { typescriptWorker } from '../typescript-worker';
import { solutionColumn, type GramSolverOptions, type SparseColumn } from './gram-solver';
import type { GramSystem, WorkerReply, WorkerRequest } from './gram-solver-worker';

interface Pending {
  column: [number, number][];
  resolve: (z: Float32Array) => void;
  reject: (e: Error) => void;
}

export class GramSolverThread {
  /** Blocks solved so far (each up to `width` columns). */
  blocks = 0;
  readonly width: number;
  private readonly system: GramSystem;
  private worker: Worker | null = null;
  private queue: Pending[] = [];
  private inFlight: Pending[] = [];
  private closed = false;

  /** As GramSolver's; the worker starts now, so the first request does not wait for it. */
  constructor(byCol: Csr, w: Float32Array, readonly n: number, options: GramSolverOptions = {}) {
    this.width = Math.ceil((options.block ?? 4) / 4) * 4;
    this.system = { byCol, w, n, options: { ...options, block: this.width } };
    this.start();
  }

  /** M⁻¹ of one right-hand side. */
  solve(column: SparseColumn): Promise<Float32Array> {
    if (this.closed) return Promise.reject(new Error('GramSolverThread is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ column: [...column] as [number, number][], resolve, reject });
      // After the current task's other calls: columns asked for together share a block.
      if (this.queue.length === 1) queueMicrotask(() => this.next());
    });
  }

  /** Stops the worker; solves not yet answered are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    rejectAll([...this.inFlight.splice(0), ...this.queue.splice(0)], new Error('GramSolverThread is closed'));
    await this.worker?.terminate();
    this.worker = null;
  }

  private start(): Worker {
    const worker = typescriptWorker(new URL('./gram-solver-worker.ts', import.meta.url));
    worker.postMessage({ load: this.system } satisfies WorkerRequest);
    worker.on('message', (reply: WorkerReply) => 'ready' in reply || this.answer(reply));
    // A worker that dies takes only its block with it: the next solve starts another.
    worker.on('error', (e) => {
      if (this.worker === worker) this.worker = null;
      rejectAll(this.inFlight.splice(0), e);
      this.next();
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private next(): void {
    if (this.inFlight.length || !this.queue.length || this.closed) return;
    this.inFlight = this.queue.splice(0, this.width);
    const worker = this.worker ?? this.start();
    // Keep the process alive while a caller waits for an answer.
    worker.ref();
    worker.postMessage({ columns: this.inFlight.map((p) => p.column) } satisfies WorkerRequest);
  }

  private answer(reply: Exclude<WorkerReply, { ready: true }>): void {
    const batch = this.inFlight;
    this.inFlight = [];
    this.worker?.unref();
    if ('error' in reply) rejectAll(batch, new Error(reply.error));
    else {
      this.blocks++;
      batch.forEach((p, b) => p.resolve(solutionColumn(reply, b)));
    }
    this.next();
  }
}

function rejectAll(batch: Pending[], e: Error): void {
  for (const p of batch) p.reject(e);
}
