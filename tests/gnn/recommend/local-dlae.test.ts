import { test } from '../../support/node-test';
import assert from 'node:assert/strict';
import { initBackend } from '../../../gnn/core/backend';
import { rowOf } from '../../../gnn/core/graph/csr';
import { Random } from '../../../gnn/core/random';
import { Dlae } from '../../../gnn/recommend/dlae';
import { dlaeNeighbours, EXACT_MAX_USERS, fitDlae } from '../../../gnn/recommend/dlae-form';
import { LocalDlae, localRow } from '../../../gnn/recommend/local-dlae';

await initBackend(() => {});

function randomPairs(numUsers: number, numItems: number, density: number, seed: number) {
  const rng = new Random(seed);
  const a: number[] = [];
  const b: number[] = [];
  for (let u = 0; u < numUsers; u++) for (let i = 0; i < numItems; i++) if (rng.next() < density) (a.push(u), b.push(i));
  return { a: Int32Array.from(a), b: Int32Array.from(b) };
}

const HP = { lambda: 4, dropout: 0.25 };

test('with every co-rating user as a neighbour, the bounded form scores as the exact dual form', () => {
  // Dense enough that every pair of users shares an item: the neighbourhood is all other users.
  const [numUsers, numItems] = [14, 10];
  const pairs = randomPairs(numUsers, numItems, 0.8, 3);
  const users = Int32Array.from({ length: numUsers }, (_, u) => u);
  const exact = new Dlae(numUsers, numItems, pairs, HP).score(users).arraySync();
  const local = new LocalDlae(numUsers, numItems, pairs, HP, numUsers);
  const got = local.score(users).arraySync();
  for (let u = 0; u < numUsers; u++) {
    assert.equal(local.rows[u].neighbours.length, numUsers - 1);
    for (let i = 0; i < numItems; i++) assert.ok(Math.abs(got[u][i] - exact[u][i]) < 1e-4, `user ${u} item ${i}: ${got[u][i]} vs ${exact[u][i]}`);
  }
});

test('the bounded form keeps at most k neighbours per user (never the user); its ranking nears the exact one as k grows', () => {
  const [numUsers, numItems] = [60, 40];
  const pairs = randomPairs(numUsers, numItems, 0.15, 7);
  const users = Int32Array.from({ length: numUsers }, (_, u) => u);
  const exact = new Dlae(numUsers, numItems, pairs, HP).score(users).arraySync();
  /** Over each user's unseen item pairs, how often the bounded form orders them as the exact one does. */
  const agreement = (k: number) => {
    const local = new LocalDlae(numUsers, numItems, pairs, HP, k);
    const got = local.score(users).arraySync();
    let agree = 0;
    let compared = 0;
    local.rows.forEach((row, u) => {
      assert.ok(row.neighbours.length <= k && !row.neighbours.includes(u));
      assert.equal(row.weights.length, row.neighbours.length + 1);
      const own = new Set(rowOf(local.byUser, u));
      const unseen = [...Array(numItems).keys()].filter((i) => !own.has(i));
      for (const i of unseen)
        for (const j of unseen) {
          if (i >= j || Math.abs(exact[u][i] - exact[u][j]) < 1e-5) continue;
          compared++;
          if (Math.sign(got[u][i] - got[u][j]) === Math.sign(exact[u][i] - exact[u][j])) agree++;
        }
    });
    return agree / compared;
  };
  const [few, more, all] = [agreement(8), agreement(30), agreement(numUsers)];
  // Not 1 with every co-rater: the exact form also reaches users linked only through other users.
  assert.ok(few > 0.6 && more > few && all >= more, `pairwise order agreement k=8 ${few}, k=30 ${more}, all ${all}`);
});

test('a training user solved afresh from their items equals their stored solution (what serving recomputes)', () => {
  const pairs = randomPairs(30, 25, 0.2, 11);
  const local = new LocalDlae(30, 25, pairs, HP, 5);
  for (const u of [0, 7, 29]) {
    const again = localRow(local, rowOf(local.byUser, u), u, 5);
    assert.deepEqual([...again.neighbours], [...local.rows[u].neighbours]);
    assert.deepEqual([...again.weights], [...local.rows[u].weights]);
  }
});

test('the size picks the form: exact up to EXACT_MAX_USERS, bounded past it or when forced', () => {
  assert.equal(dlaeNeighbours(EXACT_MAX_USERS), null);
  assert.ok((dlaeNeighbours(EXACT_MAX_USERS + 1) ?? 0) > 0);
  assert.equal(dlaeNeighbours(10, 3), 3);
  assert.ok(fitDlae(10, 8, randomPairs(10, 8, 0.3, 1), HP, 3) instanceof LocalDlae);
  assert.ok(fitDlae(10, 8, randomPairs(10, 8, 0.3, 1), HP) instanceof Dlae);
});
