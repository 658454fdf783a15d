/**
 * The N+1 guard: nested lists under a page of users must cost a fixed number of engine round
 * trips, however many users the page holds.
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { startTestApi, type TestApi } from './support/api';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api?.close());

const query = (n: number) => `{ users(first: ${n}) { edges { node {
  followers(first: 5) { totalCount edges { node { handle } } }
  reviews(first: 3) { edges { node { product { name category { name } } } } }
} } } }`;

async function roundTrips(n: number): Promise<number> {
  const start = api.store.stats.roundTrips;
  const { data, errors } = await api.gql(query(n));
  assert.equal(errors, undefined);
  assert.equal(data.users.edges.length, n);
  for (const { node } of data.users.edges) {
    assert.ok(node.followers.totalCount >= 5 && node.followers.edges.length === 5, 'every user has 5+ followers');
    assert.equal(node.reviews.edges.length, 3, 'every user has 3+ reviews');
    assert.ok(node.reviews.edges.every((e: any) => e.node.product.category.name));
  }
  return api.store.stats.roundTrips - start;
}

test('users -> followers, reviews -> product -> category costs the same few round trips for 10 and 50 users', async () => {
  const ten = await roundTrips(10);
  const fifty = await roundTrips(50);
  assert.ok(fifty <= 10, `50 users took ${fifty} round trips`);
  // At most: the store keeps entities the first page loaded (src/store/cypher/entity-cache.ts).
  assert.ok(fifty <= ten, `the cost does not grow with the page (${ten} for 10 users, ${fifty} for 50)`);
});
