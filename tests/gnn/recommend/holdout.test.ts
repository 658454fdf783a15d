import { test } from '../../support/node-test';
import assert from 'node:assert/strict';
import { holdOut, sampleUsers } from '../../../gnn/recommend/holdout';
import { Random } from '../../../gnn/core/random';

test('holdout is a seeded per-user partition that keeps every user in training', () => {
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < 20; u++) for (let i = 0; i <= u; i++) (users.push(u), items.push(i));
  const pairs = { a: Int32Array.from(users), b: Int32Array.from(items) };
  const one = holdOut(pairs, 20, 0.1, new Random(5));
  const two = holdOut(pairs, 20, 0.1, new Random(5));
  assert.deepEqual(one, two);
  assert.equal(one.fit.a.length + one.validation.a.length, users.length);
  const key = (u: number, i: number) => `${u}:${i}`;
  const all = new Set(users.map((u, k) => key(u, items[k])));
  const seen = new Set<string>();
  for (const part of [one.fit, one.validation]) part.a.forEach((u, k) => seen.add(key(u, part.b[k])));
  assert.deepEqual(seen, all);
  for (let u = 0; u < 20; u++) {
    assert.ok(one.fit.a.includes(u), `user ${u} kept in training`);
    assert.equal(one.validation.a.filter((x) => x === u).length, Math.min(u, Math.round((u + 1) * 0.1)));
  }
});

test('sampleUsers keeps all pairs of a seeded subset of users', () => {
  const pairs = { a: Int32Array.from([0, 0, 1, 2, 2, 3]), b: Int32Array.from([5, 6, 7, 8, 9, 1]) };
  assert.equal(sampleUsers(pairs, 10, new Random(1)), pairs);
  const two = sampleUsers(pairs, 2, new Random(1));
  assert.deepEqual(two, sampleUsers(pairs, 2, new Random(1)));
  const users = new Set(two.a);
  assert.equal(users.size, 2);
  for (const u of users) assert.equal(two.a.filter((x) => x === u).length, pairs.a.filter((x) => x === u).length);
});
