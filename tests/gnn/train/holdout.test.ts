import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdOut } from '../../../gnn/train/holdout';
import { Random } from '../../../gnn/train/random';

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
