import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { buildCsr } from '../../../gnn/core/graph/csr';
import { COLD_USER_MAX, coldUsers } from '../../../gnn/recommend/cold-vector';

test('cold users have at most COLD_USER_MAX distinct products; a repeated product counts once', () => {
  assert.equal(COLD_USER_MAX, 5);
  // User 0: 6 rows, 5 distinct products (product 4 twice); user 1: 6 distinct; user 2: none.
  const rows = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  const cols = Int32Array.from([0, 1, 2, 3, 4, 4, 0, 1, 2, 3, 4, 5]);
  assert.deepEqual([...coldUsers(buildCsr(3, rows, cols))], [0, 2]);
});
