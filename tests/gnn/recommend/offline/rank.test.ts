import { test } from '../../../support/node-test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../gnn/core/backend';
import { buildCsr, hasEdge } from '../../../../gnn/core/graph/csr';
import { EmbeddingScorer } from '../../../../gnn/recommend/embedding-scorer';
import { topKItems } from '../../../../gnn/recommend/offline/rank';
import { Random } from '../../../../gnn/core/random';

await initBackend(() => {});

test('top-K matches a brute-force ranking with training items excluded', () => {
  const rng = new Random(3);
  const [numUsers, numItems, dim, k] = [9, 30, 4, 5];
  const users = tf.randomNormal([numUsers, dim], 0, 1, 'float32', 1) as tf.Tensor2D;
  const items = tf.randomNormal([numItems, dim], 0, 1, 'float32', 2) as tf.Tensor2D;
  const rows: number[] = [];
  const cols: number[] = [];
  for (let u = 0; u < numUsers; u++) for (let e = 0; e < 8; e++) (rows.push(u), cols.push(rng.int(numItems)));
  // user 8 has seen all but at most 3 items: the list is cut short rather than padded with seen items
  for (let i = 3; i < numItems; i++) (rows.push(8), cols.push(i));
  const exclude = buildCsr(numUsers, Int32Array.from(rows), Int32Array.from(cols));
  const query = Int32Array.from([0, 2, 5, 8]);
  const ranked = topKItems(new EmbeddingScorer(users.clone(), items.clone()), query, exclude, k);
  const u = users.arraySync();
  const it = items.arraySync();
  query.forEach((user, q) => {
    const expected = it
      .map((v, i) => ({ i, s: v.reduce((acc, x, d) => acc + x * u[user][d], 0) }))
      .filter(({ i }) => !hasEdge(exclude, user, i))
      .sort((a, b) => b.s - a.s)
      .slice(0, k)
      .map(({ i }) => i);
    assert.deepEqual(Array.from(ranked[q]), expected, `user ${user}`);
  });
  assert.ok(ranked[3].length < k);
});
