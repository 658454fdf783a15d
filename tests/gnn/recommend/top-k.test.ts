import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { topK } from '../../../gnn/recommend/top-k';

const mask = (n: number, eligible: (i: number) => boolean) => Uint8Array.from({ length: n }, (_, i) => (eligible(i) ? 1 : 0));

test('topK returns the k best eligible indices, best first, ties to the lower index', () => {
  const scores = Float32Array.from([0.5, 2, 2, -1, 7, 3]);
  assert.deepEqual(topK(scores, 3, mask(6, () => true)), { indices: [4, 5, 1], eligible: 6 });
  assert.deepEqual(topK(scores, 3, mask(6, (i) => i !== 4)), { indices: [5, 1, 2], eligible: 5 });
  assert.deepEqual(topK(scores, 10, mask(6, (i) => i < 2)), { indices: [1, 0], eligible: 2 });
  assert.deepEqual(topK(scores, 0, mask(6, () => true)), { indices: [], eligible: 6 });
});

test('topK agrees with a full sort on random data', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const scores = Float32Array.from({ length: 500 }, () => Math.round(rand() * 50));
  const expected = [...scores.keys()]
    .filter((i) => i % 3 !== 0)
    .sort((a, b) => scores[b] - scores[a] || a - b)
    .slice(0, 25);
  assert.deepEqual(topK(scores, 25, mask(500, (i) => i % 3 !== 0)).indices, expected);
});
