import assert from 'node:assert/strict';
import { test } from '../../../support/node-test';
import { assignStableIds } from '../../../../gnn/forecast/communities/stable-ids';

test('first run numbers communities c1.. in the given order', () => {
  const { communities, lastIssued } = assignStableIds([['a', 'b'], ['c']], []);
  assert.deepEqual(communities, [
    { id: 'c1', members: ['a', 'b'] },
    { id: 'c2', members: ['c'] },
  ]);
  assert.equal(lastIssued, 2);
});

test('communities keep their ids by member overlap, whatever order detection returns them in', () => {
  const previous = [
    { id: 'c1', members: ['a', 'b', 'c', 'd'] },
    { id: 'c2', members: ['e', 'f', 'g'] },
  ];
  const { communities } = assignStableIds([['e', 'f', 'g', 'h'], ['a', 'b', 'c']], previous);
  assert.deepEqual(communities.map((c) => c.id), ['c2', 'c1']);
});

test('greedy matching takes the best overlap first; the loser of a split gets a fresh id', () => {
  const previous = [{ id: 'c7', members: ['a', 'b', 'c', 'd', 'e', 'f'] }];
  // Split in two: the larger half (Jaccard 4/6) keeps c7, the smaller (2/6) is new.
  const { communities, lastIssued } = assignStableIds([['e', 'f'], ['a', 'b', 'c', 'd']], previous, { minJaccard: 0.2 });
  assert.deepEqual(communities.map((c) => c.id), ['c8', 'c7']);
  assert.equal(lastIssued, 8);
});

test('overlap below minJaccard does not carry an id, and issued ids are never reused', () => {
  const previous = [{ id: 'c2', members: ['a', 'b', 'c', 'd'] }];
  const { communities } = assignStableIds([['a', 'x', 'y', 'z']], previous, { minJaccard: 0.3, lastIssued: 5 });
  assert.deepEqual(communities.map((c) => c.id), ['c6']);
});
