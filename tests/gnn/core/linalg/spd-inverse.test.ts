import { test } from '../../../support/node-test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../gnn/core/backend';
import { spdInverse } from '../../../../gnn/core/linalg/spd-inverse';

await initBackend(() => {});

test('spdInverse: A·A⁻¹ = I for SPD matrices of odd and even sizes', () => {
  for (const n of [1, 2, 5, 64, 129]) {
    const err = tf.tidy(() => {
      const x = tf.randomNormal([n, n + 3], 0, 1, 'float32', n);
      const a = tf.matMul(x, x.transpose()).div(n).add(tf.eye(n)) as tf.Tensor2D;
      return tf.matMul(a, spdInverse(a)).sub(tf.eye(n)).abs().max().dataSync()[0];
    });
    assert.ok(err < 1e-4, `n=${n}: max |A·A⁻¹ − I| = ${err}`);
  }
});
