import { test } from '../../support/node-test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../gnn/core/backend';
import { Dlae } from '../../../gnn/recommend/dlae';
import { ScoreEnsemble } from '../../../gnn/recommend/score-ensemble';
import { Random } from '../../../gnn/core/random';

await initBackend(() => {});

/** A random binary user×item matrix as pairs and as dense rows. */
function randomInteractions(numUsers: number, numItems: number, density: number, seed: number) {
  const rng = new Random(seed);
  const a: number[] = [];
  const b: number[] = [];
  const dense = Array.from({ length: numUsers }, () => new Array<number>(numItems).fill(0));
  for (let u = 0; u < numUsers; u++)
    for (let i = 0; i < numItems; i++)
      if (rng.next() < density) (a.push(u), b.push(i), (dense[u][i] = 1));
  return { pairs: { a: Int32Array.from(a), b: Int32Array.from(b) }, dense };
}

test('DLAE dual-form scores equal the primal closed form X·(XᵀX + Λ)⁻¹XᵀX on unseen items', () => {
  const [numUsers, numItems, lambda, dropout] = [12, 9, 3, 0.25];
  const { pairs, dense } = randomInteractions(numUsers, numItems, 0.3, 5);
  const model = new Dlae(numUsers, numItems, pairs, { lambda, dropout });
  const users = Int32Array.from([0, 4, 11]);
  const got = model.score(users).arraySync();
  const expected = tf.tidy(() => {
    const x = tf.tensor2d(dense);
    const g = tf.matMul(x.transpose(), x);
    const lam = x.sum(0).mul(dropout / (1 - dropout)).add(lambda);
    const b = tf.matMul(tf.tensor2d(invert(g.add(tf.diag(lam)).arraySync() as number[][])), g);
    return tf.matMul(tf.gather(x, tf.tensor1d(users, 'int32')), b).arraySync() as number[][];
  });
  users.forEach((u, r) => {
    for (let i = 0; i < numItems; i++) {
      if (dense[u][i]) continue; // own items differ by the X term, and ranking excludes them
      assert.ok(Math.abs(got[r][i] - expected[r][i]) < 1e-4, `user ${u} item ${i}: ${got[r][i]} vs ${expected[r][i]}`);
    }
  });
});

test('ScoreEnsemble: a weight-1 part alone ranks as that part; parts are standardised per user', () => {
  const { pairs } = randomInteractions(6, 10, 0.4, 9);
  const dlae = new Dlae(6, 10, pairs, { lambda: 2, dropout: 0 });
  const scaled = { numItems: 10, score: (users: Int32Array) => dlae.score(users).mul(1000).add(7) as tf.Tensor2D };
  const users = Int32Array.from([1, 3]);
  const a = new ScoreEnsemble([{ scorer: dlae, weight: 1 }, { scorer: scaled, weight: 0 }]).score(users);
  const b = new ScoreEnsemble([{ scorer: scaled, weight: 1 }]).score(users);
  const diff = a.sub(b).abs().max().dataSync()[0];
  assert.ok(diff < 1e-3, `standardised scores differ by ${diff}`);
  const { mean, variance } = tf.moments(a, 1);
  assert.ok(mean.abs().max().dataSync()[0] < 1e-5 && variance.sub(1).abs().max().dataSync()[0] < 1e-3);
});

/** Gauss–Jordan with partial pivoting on a small dense matrix (the test's reference). */
function invert(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, r) => [...row, ...Array.from({ length: n }, (_, c) => (c === r ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    const p = a.reduce((best, row, r) => (r >= c && Math.abs(row[c]) > Math.abs(a[best][c]) ? r : best), c);
    [a[c], a[p]] = [a[p], a[c]];
    const d = a[c][c];
    a[c] = a[c].map((v) => v / d);
    for (let r = 0; r < n; r++) if (r !== c) a[r] = a[r].map((v, k) => v - a[r][c] * a[c][k]);
  }
  return a.map((row) => row.slice(n));
}
