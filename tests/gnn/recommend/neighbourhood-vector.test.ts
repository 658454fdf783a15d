import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { neighbourhoodVector } from '../../../gnn/recommend/neighbourhood-vector';

// 2-d tables: products (1, 0) and (3, 0); users (0, 4) and (2, 2).
const products = Float32Array.from([1, 0, 3, 0]);
const users = Float32Array.from([0, 4, 2, 2]);

test('the mean of the product view and the followee view, each a mean of its rows', () => {
  // products: (2, 0); followees: (1, 3); their mean (1.5, 1.5).
  assert.deepEqual([...neighbourhoodVector([0, 1], products, [0, 1], users, 2)!], [1.5, 1.5]);
});

test('one view alone when the other is empty, and null with neither', () => {
  assert.deepEqual([...neighbourhoodVector([1], products, [], users, 2)!], [3, 0]);
  assert.deepEqual([...neighbourhoodVector([], products, [1], users, 2)!], [2, 2]);
  assert.equal(neighbourhoodVector([], products, [], users, 2), null);
});
