import assert from 'node:assert/strict';
import { test } from '../../../support/node-test';
import { communityLabel, insideFollowerCounts, opinionLeaders, topCategories } from '../../../../gnn/forecast/communities/label';

test('top categories sum the members\' counts', () => {
  const counts = new Map([
    ['a', new Map([['books', 3], ['dvds', 1]])],
    ['b', new Map([['dvds', 4], ['games', 1]])],
    ['outsider', new Map([['games', 100]])],
  ]);
  assert.deepEqual(topCategories(['a', 'b'], counts, 2), ['dvds', 'books']);
});

test('opinion leaders are the members with most followers inside the community', () => {
  const follows: [string, string][] = [
    ['a', 'b'],
    ['c', 'b'],
    ['a', 'c'],
    ['x', 'a'],
    ['y', 'a'],
    ['z', 'a'],
  ];
  const inside = insideFollowerCounts(['a', 'b', 'c'], follows);
  assert.deepEqual(opinionLeaders(['a', 'b', 'c'], (u) => inside.get(u) ?? 0, 2), ['b', 'c']);
});

test('label names topics and leaders', () => {
  assert.equal(communityLabel(['Books', 'Toys & Games', 'DVDs'], ['ann', 'bob', 'cy']), 'Books / Toys & Games · led by ann, bob');
  assert.equal(communityLabel([], []), 'Mixed interests');
});
