import { test } from '../../../support/node-test';
import assert from 'node:assert/strict';
import { GramSolver, type SparseColumn } from '../../../../gnn/core/linalg/gram-solver';
import { GramSolverPool, startGramThreads } from '../../../../gnn/core/linalg/gram-solver-pool';
import { gramSystem } from './gram-system';

// Three threads in all, whatever the machine: two besides this one.
process.env.GNN_THREADS = '3';

test('GramSolverPool: blocks solved on other threads, and their projections, are bit-equal to the same blocks solved here', async () => {
  assert.equal(await startGramThreads(), 2);
  const { byCol, w } = gramSystem(70, 120, 0.05, 9);
  const pool = new GramSolverPool(byCol, w, 70, { block: 8 });
  const here = new GramSolver(byCol, w, 70, { block: 8 });
  const blocks = Array.from({ length: 9 }, (_, k) => Array.from({ length: 8 - (k % 3) }, (_, b): SparseColumn => [[(k * 8 + b) % 70, 1], [(k + b * 5) % 70, -0.5]]));
  const seen = new Set<number>();
  const { elsewhere } = pool.solveAll(
    blocks,
    (k, { z, width, projected }) => {
      assert.ok(!seen.has(k), `block ${k} once`);
      seen.add(k);
      const alone = here.solve(blocks[k]);
      assert.equal(width, alone.width);
      assert.deepEqual(Array.from(z.subarray(0, 70 * width)), Array.from(alone.z), `block ${k}`);
      assert.deepEqual(Array.from(projected!), Array.from(here.project(width, -1)), `block ${k}'s projection`);
    },
    -1,
  );
  assert.equal(seen.size, blocks.length);
  assert.ok(elsewhere >= 4, `the other threads solved ${elsewhere} blocks (two each were sent first)`);
  // Another system on the same threads: each thread is sent it before its first block.
  const other = gramSystem(30, 40, 0.1, 2);
  const again = new GramSolverPool(other.byCol, other.w, 30, { block: 4 });
  const check = new GramSolver(other.byCol, other.w, 30, { block: 4 });
  const few = Array.from({ length: 6 }, (_, k): SparseColumn[] => [[[k, 1]]]);
  again.solveAll(few, (k, { z }) => assert.deepEqual(Array.from(z.subarray(0, 120)), Array.from(check.solve(few[k]).z)));
});

test('GramSolverPool: an error on another thread is thrown here, and the next call is not confused by it', async () => {
  await startGramThreads();
  const { byCol, w } = gramSystem(40, 60, 0.08, 6);
  const failing = new GramSolverPool(byCol, w, 40, { block: 4, maxIterations: 1, tolerance: 1e-9 });
  // Four blocks: two for each other thread and none left for this one, so the error is theirs.
  assert.throws(() => failing.solveAll(Array.from({ length: 4 }, (_, k): SparseColumn[] => [[[k, 1]]]), () => {}), /CG did not reach 1e-9 in 1 iterations/);
  const pool = new GramSolverPool(byCol, w, 40, { block: 4 });
  const here = new GramSolver(byCol, w, 40, { block: 4 });
  const blocks = Array.from({ length: 6 }, (_, k): SparseColumn[] => [[[k * 5, 1]]]);
  const { elsewhere } = pool.solveAll(blocks, (k, { z }) => assert.deepEqual(Array.from(z.subarray(0, 160)), Array.from(here.solve(blocks[k]).z)));
  assert.ok(elsewhere > 0);
});
