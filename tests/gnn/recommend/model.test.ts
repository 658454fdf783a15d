import { test } from '../../support/node-test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../gnn/core/backend';
import { SOCIAL_MODES, SocialRecommender } from '../../../gnn/recommend/model';
import { neighbourhoodVector } from '../../../gnn/recommend/neighbourhood-vector';
import { TWO_GROUPS } from './two-groups';

await initBackend(() => {});

const data = TWO_GROUPS;

const cases = [
  ...SOCIAL_MODES.map((social) => ({ social, loss: 'bpr' as const, contrast: 0 })),
  { social: 'edges' as const, loss: 'softmax' as const, contrast: 0 },
  { social: 'edges' as const, loss: 'bpr' as const, contrast: 0.05 },
];

for (const { social, loss, contrast } of cases) {
  test(`training lowers the loss and ranks liked items first (social=${social}, loss=${loss}, contrast=${contrast})`, () => {
    const model = new SocialRecommender(data, { dim: 8, layers: 2, lr: 0.05, l2: 1e-4, batchSize: 7, social, loss, temperature: 0.2, contrast, noise: 0.1 }, 1);
    const optimizer = tf.train.adam(0.05);
    const users = Int32Array.from([0, 1, 2, 3]);
    const pos = Int32Array.from([1, 2, 3, 4]);
    const neg = Int32Array.from([4, 3, 0, 1]);
    const first = model.loss(users, pos, neg).dataSync()[0];
    for (let step = 0; step < 60; step++) optimizer.minimize(() => model.loss(users, pos, neg), false, model.variables());
    const last = model.loss(users, pos, neg).dataSync()[0];
    assert.ok(last < first / 2, `loss ${first} -> ${last}`);
    const { users: eu, items: ei } = model.embed();
    assert.deepEqual(eu.shape, [4, 8]);
    assert.deepEqual(ei.shape, [5, 8]);
    const scores = tf.matMul(eu, ei, false, true).arraySync() as number[][];
    assert.ok(scores[0][1] > scores[0][4] && scores[3][4] > scores[3][1]);

    const copy = new SocialRecommender(data, model.hp, 99);
    copy.setWeights(model.weights());
    assert.deepEqual(copy.embed().users.arraySync(), eu.arraySync());
    model.dispose();
    copy.dispose();
  });
}

test('cold users get the final vector coldVector says; warm users and items are unchanged', () => {
  // User 0 has 6 items (warm); user 1 has 2 and follows user 0; user 2 has none and follows no one.
  const graph = {
    numUsers: 3,
    numItems: 7,
    interactions: { a: Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1]), b: Int32Array.from([0, 1, 2, 3, 4, 5, 5, 6]) },
    trust: { a: Int32Array.from([1]), b: Int32Array.from([0]) },
  };
  const dim = 4;
  const hp = { dim, layers: 2, lr: 0.05, l2: 1e-4, batchSize: 7, social: 'edges' as const, loss: 'bpr' as const, temperature: 0.2 };
  const trained = new SocialRecommender(graph, hp, 1);
  const { users, items } = trained.embed();
  const [u, i] = [users.dataSync() as Float32Array, items.dataSync() as Float32Array];
  const row = (t: Float32Array, r: number) => Array.from(t.subarray(r * dim, (r + 1) * dim));
  const v1 = neighbourhoodVector([5, 6], i, [0], u, dim)!;
  const close = (a: number[], b: ArrayLike<number>) => a.every((x, d) => Math.abs(x - b[d]) < 1e-6);
  for (const [kind, expected] of [
    ['neighbourhood', Array.from(v1)],
    ['mean', row(u, 1).map((x, d) => (x + v1[d]) / 2)],
  ] as const) {
    const model = new SocialRecommender(graph, { ...hp, coldVector: kind }, 1);
    const e = model.embed();
    const eu = e.users.dataSync() as Float32Array;
    assert.ok(close(row(eu, 1), expected), `${kind}: user 1 is formed from products 5, 6 and followee 0`);
    assert.deepEqual(row(eu, 0), row(u, 0), 'the warm user keeps its trained vector');
    assert.deepEqual(row(eu, 2), row(u, 2), 'a user with nothing to go on keeps its trained vector');
    assert.deepEqual(e.items.dataSync(), i);
    model.dispose();
  }
  const ablation = new SocialRecommender(graph, { ...hp, social: 'none', coldVector: 'neighbourhood' }, 1);
  const plain = new SocialRecommender(graph, { ...hp, social: 'none' }, 1);
  const p = plain.embed();
  assert.ok(close(row(ablation.embed().users.dataSync() as Float32Array, 1), Array.from(neighbourhoodVector([5, 6], p.items.dataSync() as Float32Array, [], p.users.dataSync() as Float32Array, dim)!)), 'without the social part, follows are left out');
  [trained, ablation, plain].forEach((m) => m.dispose());
});

test('with the contrastive term, training is the same for the same seed, and scoring adds no noise', () => {
  const hp = { dim: 8, layers: 2, lr: 0.05, l2: 1e-4, batchSize: 7, social: 'edges' as const, loss: 'bpr' as const, temperature: 0.2, contrast: 0.1, noise: 0.1 };
  const trained = [1, 1].map((seed) => {
    const model = new SocialRecommender(data, hp, seed);
    const optimizer = tf.train.adam(0.05);
    for (let step = 0; step < 5; step++) optimizer.minimize(() => model.loss(Int32Array.from([0, 1]), Int32Array.from([1, 2]), Int32Array.from([4, 3])), false, model.variables());
    return model;
  });
  const users = trained.map((m) => m.embed().users.arraySync());
  assert.deepEqual(users[0], users[1]);
  assert.deepEqual(trained[0].embed().users.arraySync(), users[0]);
  for (const m of trained) m.dispose();
});
