import { test } from '../../support/node-test';
import assert from 'node:assert/strict';
import { initBackend } from '../../../gnn/core/backend';
import { buildCsr } from '../../../gnn/core/graph/csr';
import { SocialRecommender } from '../../../gnn/recommend/model';
import { trainBpr } from '../../../gnn/recommend/train-bpr';
import { TWO_GROUPS } from './two-groups';

await initBackend(() => {});

const data = TWO_GROUPS;
const HP = { dim: 8, layers: 2, lr: 0.05, l2: 1e-4, batchSize: 7, social: 'edges' as const, loss: 'bpr' as const, temperature: 0.2 };

test('a spent time budget ends training after the current epoch, validated there, with its checkpoint kept', () => {
  const model = new SocialRecommender(data, HP, 1);
  const truth = buildCsr(4, Int32Array.from([0, 3]), Int32Array.from([2, 2]));
  const result = trainBpr(model, data.interactions, { maxEpochs: 50, maxSeconds: 1e-9, seed: 2, numUsers: 4, numItems: 5, validation: { truth, every: 10, patience: 5 } });
  assert.equal(result.epochs, 1);
  assert.equal(result.bestEpoch, 1);
  assert.notEqual(result.history[0].recall20, undefined);
  model.dispose();
});

test('without a budget the same run goes on to its epoch limit or early stop', () => {
  const model = new SocialRecommender(data, HP, 1);
  const result = trainBpr(model, data.interactions, { maxEpochs: 5, seed: 2, numUsers: 4, numItems: 5 });
  assert.equal(result.epochs, 5);
  model.dispose();
});
