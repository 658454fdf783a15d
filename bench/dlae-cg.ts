/**
 * How fast and how close DLAE's CG form (cg-dlae.ts, core/linalg/gram-solver.ts) solves
 * z_u = K⁻¹e_u, K = I + XΛ⁻¹Xᵀ, per λ of the defaults' grid on a training split (Ciao's by
 * default): iterations and seconds for one block of users (training: all users' rows at that
 * rate, on one thread and on every core), seconds for one column alone (serving a user whose
 * products changed), and, where the
 * exact inverse fits (EXACT_MAX_USERS), the largest difference from its rows. With `--split DIR`
 * (e.g. bench/recommend-scale.ts's large split) past that size only time and iterations.
 * Writes bench/results/dlae-cg-NAME.json, NAME the split directory's name (its parent's for a
 * sociallgn-split: ciao).
 * Usage: npx tsx bench/dlae-cg.ts [--split DIR]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { initBackend } from '../gnn/core/backend';
import { buildCsr } from '../gnn/core/graph/csr';
import { GramSolver, type SparseColumn } from '../gnn/core/linalg/gram-solver';
import { GramSolverPool, startGramThreads } from '../gnn/core/linalg/gram-solver-pool';
import { Dlae, dlaePenalty } from '../gnn/recommend/dlae';
import { EXACT_MAX_USERS } from '../gnn/recommend/dlae-form';
import { RECOMMEND_DEFAULTS } from '../gnn/recommend/defaults';
import { readSplit } from '../gnn/recommend/offline/split';
import { writeSplitResults } from './split-results';

const { values } = parseArgs({ options: { split: { type: 'string', default: '../shared/datasets/ciao/sociallgn-split' } } });
const SPLIT = values.split!;
const SINGLE = 20;

await initBackend();
const threads = 1 + (await startGramThreads());
const split = readSplit(SPLIT);
const { numUsers, numItems } = split;
const byItem = buildCsr(numItems, split.train.b, split.train.a);
const rows = [];
for (const lambda of RECOMMEND_DEFAULTS.ensemble.lambda) {
  const hp = { lambda, dropout: RECOMMEND_DEFAULTS.ensemble.dropout[0] };
  const solver = new GramSolver(byItem, dlaePenalty(byItem, hp), numUsers);
  const users = Array.from({ length: solver.block }, (_, b) => Math.floor((b * numUsers) / solver.block));
  let started = performance.now();
  const { z, width, iterations } = solver.solve(users.map((u): SparseColumn => [[u, 1]]));
  const blockSeconds = (performance.now() - started) / 1000;
  let maxError: number | null = null;
  let exactInverseSeconds: number | null = null;
  if (numUsers <= EXACT_MAX_USERS) {
    started = performance.now();
    const exact = new Dlae(numUsers, numItems, split.train, hp);
    exactInverseSeconds = (performance.now() - started) / 1000;
    maxError = 0;
    for (const [b, u] of users.entries()) for (let v = 0; v < numUsers; v++) maxError = Math.max(maxError, Math.abs(exact.kInv[u * numUsers + v] - z[v * width + b]));
  }
  const single: number[] = [];
  for (let k = 0; k < SINGLE; k++) {
    started = performance.now();
    solver.solve([[[users[k], 1]]]);
    single.push(performance.now() - started);
  }
  single.sort((a, b) => a - b);
  // Blocks on every thread (gram-solver-pool.ts), as training solves them: eight per thread.
  const pool = new GramSolverPool(byItem, dlaePenalty(byItem, hp), numUsers);
  const poolBlocks = Array.from({ length: 8 * threads }, (_, k) => Array.from({ length: pool.block }, (_, b): SparseColumn => [[(k * pool.block + b * 97) % numUsers, 1]]));
  started = performance.now();
  const { elsewhere } = pool.solveAll(poolBlocks, () => {});
  const poolSeconds = (performance.now() - started) / 1000;
  const row = {
    lambda,
    dropout: hp.dropout,
    blockUsers: solver.block,
    iterations,
    secondsPerBlock: Number(blockSeconds.toFixed(2)),
    /** All users' rows at this rate, on one thread. */
    secondsAllUsers: Math.round((blockSeconds * numUsers) / solver.block),
    /** The same on `threads` threads (first use of a system included: each thread is sent it), and how many blocks of 8·threads other threads solved. */
    threads,
    secondsAllUsersOnThreads: Math.round((poolSeconds * numUsers) / (poolBlocks.length * pool.block)),
    blocksElsewhere: elsewhere,
    /** One user alone, as serving solves for a user whose products changed: median and worst of SINGLE. */
    singleColumnMs: { median: Number(single[SINGLE >> 1].toFixed(1)), max: Number(single[SINGLE - 1].toFixed(1)) },
    exactInverseSeconds: exactInverseSeconds === null ? null : Math.round(exactInverseSeconds),
    maxAbsErrorVsExactInverse: maxError === null ? null : Number(maxError.toExponential(2)),
    loadAverage: Number(os.loadavg()[0].toFixed(2)),
  };
  rows.push(row);
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
writeSplitResults('dlae-cg', SPLIT, split, { rows });
