import { test } from '../../../support/node-test';
import assert from 'node:assert/strict';
import { GramSolver } from '../../../../gnn/core/linalg/gram-solver';
import { GramSolverThread } from '../../../../gnn/core/linalg/gram-solver-thread';
import { gramSystem } from './gram-system';

test('GramSolverThread answers concurrent columns in shared blocks, each bit-equal to a solve on this thread', async () => {
  const { byCol, w } = gramSystem(60, 90, 0.05, 4);
  const here = new GramSolver(byCol, w, 60, { block: 4 });
  const thread = new GramSolverThread(byCol, w, 60, { block: 4 });
  try {
    const rhs = [new Map([[0, 1]]), new Map([[59, -1]]), new Map([[7, 0.5], [30, 2]]), new Map([[12, 1]]), new Map([[44, 1]]), new Map([[3, -2], [4, 1]])];
    const solved = await Promise.all(rhs.map((b) => thread.solve(b)));
    assert.equal(thread.blocks, 2, 'six columns asked at once take two blocks of four');
    rhs.forEach((b, k) => {
      const alone = here.solve([b]);
      assert.deepEqual(Array.from(solved[k]), Array.from({ length: 60 }, (_, v) => alone.z[v * alone.width]), `column ${k}`);
    });
  } finally {
    await thread.close();
  }
});

test('GramSolverThread rejects what the solver cannot do, keeps serving, and rejects what is pending when closed', async () => {
  const { byCol, w } = gramSystem(40, 60, 0.08, 6);
  const thread = new GramSolverThread(byCol, w, 40, { block: 4, maxIterations: 1, tolerance: 1e-9 });
  await assert.rejects(thread.solve([[1, 1]]), /CG did not reach 1e-9 in 1 iterations/);
  await assert.rejects(thread.solve([[2, 1]]), /CG did not reach/, 'the thread still answers');
  const pending = assert.rejects(thread.solve([[3, 1]]), /closed/);
  await thread.close();
  await pending;
  await assert.rejects(thread.solve([[4, 1]]), /closed/);
});
