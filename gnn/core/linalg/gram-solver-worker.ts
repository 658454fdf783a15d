/** The worker behind GramSolverThread: one GramSolver, one block of columns per message. */
import { parentPort, workerData } from 'node:worker_threads';
import { GramSolver } from './gram-solver';
import type { SolveReply, SolveRequest, ThreadData } from './gram-solver-thread';

const { byCol, w, n, options } = workerData as ThreadData;
const solver = new GramSolver(byCol, w, n, options);
// Two solves before the first request: its code is compiled and optimised by then (the first
// solves on a fresh thread take 1.3-1.5x as long).
for (let k = 0; k < 2; k++) solver.solve([[[k % n, 1]]]);
parentPort!.on('message', ({ columns }: SolveRequest) => {
  try {
    const solution = solver.solve(columns);
    // A copy: the solution is a view of the solver's memory, which the next solve overwrites.
    const z = solution.z.slice();
    parentPort!.postMessage({ z, width: solution.width } satisfies SolveReply, [z.buffer]);
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies SolveReply);
  }
});
