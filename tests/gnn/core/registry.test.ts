import { test } from '../../support/node-test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../gnn/core/backend';
import { loadModel, saveModel, type NewModelRecord } from '../../../gnn/core/registry';

await initBackend(() => {});

test('save then load gives identical weights and metadata, versions increase', async () => {
  const root = await mkdtemp(join(tmpdir(), 'gnn-registry-'));
  try {
    const weights = {
      user: tf.randomNormal([5, 3], 0, 1, 'float32', 1),
      item: tf.randomNormal([7, 3], 0, 1, 'float32', 2),
      'fusion/b': tf.tensor1d([1.5, -2, 0.25]),
    };
    const info: NewModelRecord = {
      kind: 'recommend',
      data: { source: '/data/split', sha256: 'abc', counts: { users: 5, items: 7 } },
      hyperParameters: { dim: 3, layers: 2, social: 'fusion' },
      metrics: { test: { 20: { recall: 0.3 } } },
      backend: 'wasm',
    };
    const first = await saveModel(root, weights, info);
    const second = await saveModel(root, weights, info);
    assert.equal(first.record.version, 1);
    assert.equal(second.record.version, 2);

    const latest = await loadModel(root);
    assert.deepEqual(latest.record, second.record);
    const v1 = await loadModel(root, 1);
    assert.deepEqual(v1.record, first.record);
    assert.deepEqual(Object.keys(v1.weights).sort(), Object.keys(weights).sort());
    for (const [name, w] of Object.entries(weights)) {
      assert.deepEqual(v1.weights[name].shape, w.shape);
      assert.deepEqual(Array.from(v1.weights[name].dataSync()), Array.from(w.dataSync()));
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
