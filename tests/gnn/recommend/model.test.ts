import { test } from '../../support/node-test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../gnn/core/backend';
import { SOCIAL_MODES, SocialRecommender } from '../../../gnn/recommend/model';
import { TWO_GROUPS } from './two-groups';

await initBackend(() => {});

const data = TWO_GROUPS;

const cases = [...SOCIAL_MODES.map((social) => ({ social, loss: 'bpr' as const })), { social: 'edges' as const, loss: 'softmax' as const }];

for (const { social, loss } of cases) {
  test(`training lowers the loss and ranks liked items first (social=${social}, loss=${loss})`, () => {
    const model = new SocialRecommender(data, { dim: 8, layers: 2, lr: 0.05, l2: 1e-4, batchSize: 7, social, loss, temperature: 0.2 }, 1);
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
