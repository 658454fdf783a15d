import { test } from '../../../support/node-test';
import assert from 'node:assert/strict';
import { rankingMetrics } from '../../../../gnn/recommend/offline/metrics';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

test('precision, recall and NDCG match hand-computed values', () => {
  // user A: hits at ranks 0 and 2 of 3 relevant; user B: one hit at rank 1 of 1 relevant.
  const m = rankingMetrics([[5, 6, 7], [1, 2, 3]], [[5, 7, 9], [2]], [2, 3]);
  const d = (r: number) => 1 / Math.log2(r + 2);
  close(m[2].precision, (1 / 2 + 1 / 2) / 2);
  close(m[2].recall, (1 / 3 + 1) / 2);
  close(m[2].ndcg, (d(0) / (d(0) + d(1)) + d(1) / d(0)) / 2);
  close(m[3].precision, (2 / 3 + 1 / 3) / 2);
  close(m[3].recall, (2 / 3 + 1) / 2);
  close(m[3].ndcg, ((d(0) + d(2)) / (d(0) + d(1) + d(2)) + d(1) / d(0)) / 2);
});

test('a perfect ranking scores NDCG 1 even when K exceeds the relevant count', () => {
  const m = rankingMetrics([[3, 4, 0, 1]], [[4, 3]], [4]);
  close(m[4].ndcg, 1);
  close(m[4].recall, 1);
  close(m[4].precision, 0.5);
});
