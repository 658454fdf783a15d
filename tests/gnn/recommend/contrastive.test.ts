import { test } from '../../support/node-test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../gnn/core/backend';
import { Random } from '../../../gnn/core/random';
import { contrastiveLoss, infoNce, perturbation } from '../../../gnn/recommend/contrastive';

await initBackend(() => {});

test('the noise has norm ε per row, follows the sign of each entry, and is seeded', () => {
  const x = tf.tensor2d([[1, -2, 0.5], [-1, -1, -3], [0, 2, -1]]);
  const noise = perturbation(x, 0.1, new Random(7)).arraySync();
  const xs = x.arraySync();
  noise.forEach((row, r) => {
    row.forEach((v, c) => assert.equal(Math.sign(v), Math.sign(xs[r][c])));
    if (r < 2) assert.ok(Math.abs(Math.hypot(...row) - 0.1) < 1e-6, `row ${r} norm ${Math.hypot(...row)}`);
  });
  assert.equal(noise[2][0], 0, 'a zero entry gets no noise');
  assert.deepEqual(perturbation(x, 0.1, new Random(7)).arraySync(), noise);
  const rng = new Random(7);
  perturbation(x, 0.1, rng);
  assert.notDeepEqual(perturbation(x, 0.1, rng).arraySync(), noise, 'the next draw differs');
});

test('InfoNCE is the mean of log Σ_j exp(cos(a_k, b_j)/τ) − cos(a_k, b_k)/τ', () => {
  const a = [[1, 0], [0, 2]];
  const b = [[3, 4], [0, -1]];
  const cos = (p: number[], q: number[]) => (p[0] * q[0] + p[1] * q[1]) / Math.hypot(...p) / Math.hypot(...q);
  const tau = 0.5;
  const expected = a.reduce((s, ak, k) => s + Math.log(b.reduce((t, bj) => t + Math.exp(cos(ak, bj) / tau), 0)) - cos(ak, b[k]) / tau, 0) / 2;
  assert.ok(Math.abs(infoNce(tf.tensor2d(a), tf.tensor2d(b), tau).dataSync()[0] - expected) < 1e-5);
  // Views that agree, with distinct rows, cost less than views that are swapped.
  const same = infoNce(tf.tensor2d(a), tf.tensor2d(a), tau).dataSync()[0];
  const swapped = infoNce(tf.tensor2d(a), tf.tensor2d([a[1], a[0]]), tau).dataSync()[0];
  assert.ok(same < swapped);
});

test('the contrastive loss compares each distinct user and item once, and has a gradient', () => {
  const final = tf.variable(tf.randomNormal([6, 4], 0, 1, 'float32', 3)) as tf.Variable<tf.Rank.R2>;
  const first = tf.randomNormal([6, 4], 0, 1, 'float32', 4) as tf.Tensor2D;
  const users = Int32Array.from([0, 1, 0, 1]);
  const items = Int32Array.from([3, 4, 5, 3]);
  const loss = contrastiveLoss(final, first, users, items, 0.2).dataSync()[0];
  const rows = (t: tf.Tensor2D, ids: number[]) => tf.gather(t, ids) as tf.Tensor2D;
  const expected = infoNce(rows(final, [0, 1]), rows(first, [0, 1]), 0.2).add(infoNce(rows(final, [3, 4, 5]), rows(first, [3, 4, 5]), 0.2)).dataSync()[0];
  assert.ok(Math.abs(loss - expected) < 1e-5);
  const { grads } = tf.variableGrads(() => contrastiveLoss(final, first, users, items, 0.2), [final]);
  const g = grads[final.name].arraySync() as number[][];
  assert.ok(g[2].every((v) => v === 0), 'node 2 is in no view');
  assert.ok(g[0].some((v) => v !== 0) && g[5].some((v) => v !== 0));
});
