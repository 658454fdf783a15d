import { test } from '../../support/node-test';
import assert from 'node:assert/strict';
import { initBackend } from '../../../gnn/core/backend';
import { Random } from '../../../gnn/core/random';
import { CgDlae } from '../../../gnn/recommend/cg-dlae';
import { Dlae } from '../../../gnn/recommend/dlae';
import { dlaeForm, EXACT_MAX_USERS, fitDlae } from '../../../gnn/recommend/dlae-form';

await initBackend(() => {});

/** Users with skewed activity over skewed items, as pairs. */
function interactions(numUsers: number, numItems: number, seed: number) {
  const rng = new Random(seed);
  const a: number[] = [];
  const b: number[] = [];
  for (let u = 0; u < numUsers; u++) {
    const n = 1 + Math.floor(20 * rng.next() ** 3);
    for (let k = 0; k < n; k++) (a.push(u), b.push(Math.floor(numItems * rng.next() ** 2)));
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b) };
}

test('the CG form scores as the exact dual form, over more users than one block', () => {
  const [numUsers, numItems] = [300, 120];
  const pairs = interactions(numUsers, numItems, 4);
  const hp = { lambda: 20, dropout: 0.25 };
  const exact = new Dlae(numUsers, numItems, pairs, hp);
  const cg = new CgDlae(numUsers, numItems, pairs, hp);
  assert.ok(cg.solver.block < numUsers, 'the users span several blocks');
  const users = Int32Array.from({ length: numUsers }, (_, u) => u);
  const [want, got] = [exact.score(users).dataSync(), cg.score(users).dataSync()];
  let worst = 0;
  for (let k = 0; k < want.length; k++) worst = Math.max(worst, Math.abs(want[k] - got[k]));
  assert.ok(worst < 1e-4, `max |exact − cg| = ${worst}`);
});

test('the size picks the form unless one is forced', () => {
  assert.equal(dlaeForm(EXACT_MAX_USERS), 'exact');
  assert.equal(dlaeForm(EXACT_MAX_USERS + 1), 'cg');
  assert.equal(dlaeForm(10, 'cg'), 'cg');
  assert.ok(fitDlae(10, 8, interactions(10, 8, 1), { lambda: 5, dropout: 0.25 }, 'cg') instanceof CgDlae);
});

test('users scored again come out the same (their solved rows are kept)', () => {
  const pairs = interactions(40, 30, 6);
  const cg = new CgDlae(40, 30, pairs, { lambda: 10, dropout: 0.25 }, true);
  const users = Int32Array.from([5, 1, 33]);
  const first = cg.score(users).dataSync();
  const again = cg.score(Int32Array.from([33, 7, 5])).dataSync();
  const fresh = new CgDlae(40, 30, pairs, { lambda: 10, dropout: 0.25 }).score(Int32Array.from([33, 7, 5])).dataSync();
  assert.deepEqual(Array.from(again), Array.from(fresh));
  assert.deepEqual(Array.from(again.subarray(0, 30)), Array.from(first.subarray(60, 90)));
});
