import assert from 'node:assert/strict';
import { test } from '../../../support/node-test';
import { detectCommunities, sizeDistribution } from '../../../../gnn/forecast/communities/detect';

/** Two 6-cliques joined by a single follow, plus one user with no follows. */
function twoCliques(): [string, string][] {
  const edges: [string, string][] = [];
  for (const side of ['a', 'b']) {
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) if (i !== j) edges.push([`${side}${i}`, `${side}${j}`]);
  }
  edges.push(['a0', 'b0']);
  return edges;
}

test('Louvain separates two cliques and drops communities below minSize', () => {
  const d = detectCommunities(twoCliques(), { seed: 3, minSize: 2 }, ['loner']);
  assert.deepEqual(d.communities, [
    ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'],
    ['b0', 'b1', 'b2', 'b3', 'b4', 'b5'],
  ]);
  assert.equal(d.dropped, 1);
  assert.ok(d.modularity > 0.4);
});

test('the same seed gives the same partition', () => {
  const edges = twoCliques();
  assert.deepEqual(detectCommunities(edges, { seed: 9 }), detectCommunities(edges, { seed: 9 }));
});

test('size distribution', () => {
  const s = sizeDistribution([['a'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd', 'e']]);
  assert.equal(s.count, 3);
  assert.equal(s.members, 9);
  assert.equal(s.min, 1);
  assert.equal(s.max, 5);
  assert.equal(s.median, 3);
  assert.deepEqual(s.histogram, { '1-1': 1, '2-3': 1, '4-7': 1 });
});
