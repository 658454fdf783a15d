import { test } from '../../../support/node-test';
import assert from 'node:assert/strict';
import { GramSolver, type SparseColumn } from '../../../../gnn/core/linalg/gram-solver';
import { gramSystem as system } from './gram-system';

/** max_r |(M z − b)_r| for column `b` of a solution. */
function residual(dense: number[][], z: Float32Array, width: number, b: number, rhs: Map<number, number>): number {
  let worst = 0;
  dense.forEach((row, r) => {
    let s = -(rhs.get(r) ?? 0);
    row.forEach((v, c) => (s += v * z[c * width + b]));
    worst = Math.max(worst, Math.abs(s));
  });
  return worst;
}

test('GramSolver solves (I + A W Aᵀ) z = b for unit and sparse right-hand sides', () => {
  const { byCol, w, dense } = system(37, 60, 0.08, 3);
  const solver = new GramSolver(byCol, w, 37, { block: 8, tolerance: 1e-6 });
  const rhs: Map<number, number>[] = [new Map([[0, 1]]), new Map([[36, 1]]), new Map([[5, -1], [9, 0.4], [20, 2.5]])];
  const { z, width, iterations } = solver.solve(rhs);
  assert.equal(width, 4, 'three columns take one four-lane block');
  assert.ok(iterations > 1 && iterations < 37, `${iterations} iterations`);
  rhs.forEach((b, k) => {
    const err = residual(dense, z, width, k, b);
    assert.ok(err < 1e-4, `column ${k}: residual ${err}`);
  });
});

test('GramSolver: a column comes out the same alone or in a wider block, so serving one user matches training many', () => {
  const { byCol, w } = system(50, 80, 0.06, 8);
  const solver = new GramSolver(byCol, w, 50, { block: 16 });
  const users = [3, 17, 42, 49, 0, 11];
  const many = solver.solve(users.map((u): SparseColumn => [[u, 1]]));
  const block = Float32Array.from({ length: 50 * users.length }, (_, k) => many.z[Math.floor(k / users.length) * many.width + (k % users.length)]);
  users.forEach((u, b) => {
    const one = solver.solve([[[u, 1]]]);
    for (let v = 0; v < 50; v++) assert.equal(one.z[v * one.width], block[v * users.length + b], `user ${u}, entry ${v}`);
  });
  assert.throws(() => solver.solve(Array.from({ length: 17 }, (_, u): SparseColumn => [[u, 1]])), /at most 16/);
});

test('GramSolver rounds a block up to whole four-lane groups', () => {
  const { byCol, w, dense } = system(20, 30, 0.1, 2);
  const solver = new GramSolver(byCol, w, 20, { block: 6 });
  assert.equal(solver.block, 8);
  const rhs = Array.from({ length: 8 }, (_, k) => new Map([[k * 2, 1]]));
  const { z, width } = solver.solve(rhs);
  rhs.forEach((b, k) => assert.ok(residual(dense, z, width, k, b) < 1e-4, `column ${k}`));
});

test('GramSolver.project gives scale · ZᵀA for the last solution, the sums DLAE scores a block of users with', () => {
  const { byCol, w } = system(30, 45, 0.1, 5);
  const solver = new GramSolver(byCol, w, 30, { block: 8 });
  const { z, width } = solver.solve([new Map([[2, 1]]), new Map([[17, 1], [3, -0.5]]), new Map([[29, 1]])]);
  const projected = solver.project(width, -1);
  assert.equal(projected.length, width * 45);
  for (let b = 0; b < 3; b++)
    for (let c = 0; c < 45; c++) {
      // Summed over the column's rows in order in float32, as the kernel does.
      let sum = 0;
      for (let k = byCol.rowPtr[c]; k < byCol.rowPtr[c + 1]; k++) sum = Math.fround(sum + z[byCol.cols[k] * width + b]);
      assert.equal(projected[b * 45 + c], -sum, `user ${b}, column ${c}`);
    }
});
