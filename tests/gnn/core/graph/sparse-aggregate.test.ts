import { test } from '../../../support/node-test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../gnn/core/backend';
import { graphFromEdges, undirectedGraph, type Graph } from '../../../../gnn/core/graph/graph';
import { SparseAdjacency } from '../../../../gnn/core/graph/sparse-aggregate';
import { gatherRows } from '../../../../gnn/core/graph/gather-rows';
import { Random } from '../../../../gnn/core/random';

await initBackend(() => {});

/** Dense Â with Â[d][s] = scale[d]·scale[s] for each edge s→d. */
function denseAdjacency(g: Graph): tf.Tensor2D {
  const n = g.numNodes;
  const a = new Float32Array(n * n);
  for (let d = 0; d < n; d++) {
    for (let k = g.inbound.rowPtr[d]; k < g.inbound.rowPtr[d + 1]; k++) {
      const s = g.inbound.cols[k];
      a[d * n + s] += g.scale[d] * g.scale[s];
    }
  }
  return tf.tensor2d(a, [n, n]);
}

function randomEdges(rng: Random, n: number, m: number): { a: Int32Array; b: Int32Array } {
  const a = new Int32Array(m);
  const b = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    a[k] = rng.int(n - 2); // the last two nodes stay isolated: output must still have n rows
    b[k] = rng.int(n - 2);
  }
  return { a, b };
}

function assertClose(actual: tf.Tensor, expected: tf.Tensor, tol = 1e-5): void {
  assert.deepEqual(actual.shape, expected.shape);
  const x = actual.dataSync();
  const y = expected.dataSync();
  for (let i = 0; i < x.length; i++) assert.ok(Math.abs(x[i] - y[i]) <= tol, `index ${i}: ${x[i]} vs ${y[i]}`);
}

for (const [name, build] of [
  ['undirected', (n: number, e: { a: Int32Array; b: Int32Array }) => undirectedGraph(n, e.a, e.b)],
  ['directed', (n: number, e: { a: Int32Array; b: Int32Array }) => graphFromEdges(n, e.a, e.b)],
] as const) {
  test(`sparse propagation matches dense Â·X in values and gradients (${name})`, () => {
    const rng = new Random(7);
    const n = 23;
    const g = build(n, randomEdges(rng, n, 60));
    const adj = new SparseAdjacency(g);
    const dense = denseAdjacency(g);
    const x = tf.randomNormal([n, 5], 0, 1, 'float32', 1) as tf.Tensor2D;
    const w = tf.randomNormal([n, 5], 0, 1, 'float32', 2) as tf.Tensor2D;
    assertClose(adj.propagate(x), tf.matMul(dense, x));
    // Two layers deep so the backward pass also flows through a propagated input.
    const loss = (f: (t: tf.Tensor2D) => tf.Tensor2D) => (t: tf.Tensor) => f(f(t as tf.Tensor2D)).mul(w).sum();
    const sparseGrad = tf.grad(loss((t) => adj.propagate(t)))(x);
    const denseGrad = tf.grad(loss((t) => tf.matMul(dense, t)))(x);
    assertClose(sparseGrad, denseGrad);
    adj.dispose();
  });
}

test('gatherRows gradient adds repeated rows like a dense one-hot matmul', () => {
  const table = tf.randomNormal([6, 3], 0, 1, 'float32', 3) as tf.Tensor2D;
  const idx = [4, 1, 4, 0, 4];
  const w = tf.randomNormal([idx.length, 3], 0, 1, 'float32', 4);
  const indices = tf.tensor1d(idx, 'int32');
  const oneHot = tf.oneHot(indices, 6).toFloat() as tf.Tensor2D;
  assertClose(gatherRows(table, indices), tf.matMul(oneHot, table));
  const g1 = tf.grad((t: tf.Tensor) => gatherRows(t as tf.Tensor2D, indices).mul(w).sum())(table);
  const g2 = tf.grad((t: tf.Tensor) => tf.matMul(oneHot, t as tf.Tensor2D).mul(w).sum())(table);
  assertClose(g1, g2);
});
