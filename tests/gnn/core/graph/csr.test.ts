import { test } from '../../../support/node-test';
import assert from 'node:assert/strict';
import { buildCsr, hasEdge, rowOf } from '../../../../gnn/core/graph/csr';
import { bipartiteGraph } from '../../../../gnn/core/graph/graph';

test('CSR rows are sorted and de-duplicated', () => {
  const csr = buildCsr(3, Int32Array.from([2, 0, 2, 2, 0]), Int32Array.from([5, 1, 3, 5, 0]));
  assert.deepEqual(Array.from(rowOf(csr, 0)), [0, 1]);
  assert.deepEqual(Array.from(rowOf(csr, 1)), []);
  assert.deepEqual(Array.from(rowOf(csr, 2)), [3, 5]);
  assert.ok(hasEdge(csr, 2, 5) && !hasEdge(csr, 2, 4) && !hasEdge(csr, 1, 0));
});

test('bipartite graph offsets items after users and normalises by degree', () => {
  // 2 users, 2 items: u0–i0, u0–i1, u1–i1
  const g = bipartiteGraph(2, 2, Int32Array.from([0, 0, 1]), Int32Array.from([0, 1, 1]));
  assert.equal(g.numNodes, 4);
  assert.deepEqual(Array.from(rowOf(g.inbound, 0)), [2, 3]);
  assert.deepEqual(Array.from(rowOf(g.inbound, 3)), [0, 1]);
  assert.ok(Math.abs(g.scale[0] - 1 / Math.sqrt(2)) < 1e-7);
  assert.equal(g.scale[2], 1);
});
