import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../gnn/core/backend';
import { EarlyStopping } from '../../../gnn/core/early-stopping';

await initBackend(() => {});

test('keeps the best check, stops after `patience` checks without improvement, restores the best weights', () => {
  const stopping = new EarlyStopping({ mode: 'max', patience: 2 });
  const w = tf.variable(tf.scalar(0));
  const scores = [0.1, 0.3, 0.2, 0.3, 0.25];
  let stoppedAt = 0;
  scores.forEach((score, k) => {
    if (stoppedAt) return;
    w.assign(tf.scalar(k + 1));
    stopping.check(k + 1, score, { w });
    if (stopping.shouldStop) stoppedAt = k + 1;
  });
  // 0.3 at check 2; the equal 0.3 at check 4 is not an improvement.
  assert.deepEqual(stopping.best, { epoch: 2, score: 0.3 });
  assert.equal(stoppedAt, 4);
  stopping.restore((best) => w.assign(best.w as tf.Scalar));
  assert.equal(w.dataSync()[0], 2);
  w.dispose();
});

test('min mode without patience never stops and restores nothing before a check', () => {
  const stopping = new EarlyStopping({ mode: 'min' });
  let restored = false;
  stopping.restore(() => (restored = true));
  assert.equal(restored, false);
  const w = tf.variable(tf.scalar(1));
  for (const [epoch, nll] of [[1, 3], [2, 1], [3, 2], [4, 5], [5, 7]]) stopping.check(epoch, nll, { w });
  assert.equal(stopping.shouldStop, false);
  assert.equal(stopping.best.epoch, 2);
  stopping.restore(() => (restored = true));
  assert.equal(restored, true);
  w.dispose();
});
