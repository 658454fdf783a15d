import { test } from '../../support/node-test';
import assert from 'node:assert/strict';
import { buildPublishedRecommender } from '../../../gnn/recommend/published';

test('a model published with the retired bounded DLAE form is refused with a reason, not served with wrong scores', async () => {
  const run = { kind: 'recommend' as const, version: '7', createdAt: 0, metadata: { blend: { gnnWeight: 0.5, neighbours: 128 } } };
  async function* rows() {
    yield [];
  }
  await assert.rejects(buildPublishedRecommender(run, rows()), /v7 uses the retired bounded DLAE form: train recommend again/);
});
