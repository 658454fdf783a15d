/**
 * Recommendations over GraphQL, on the contract fixture (alice follows bob and carol) with a
 * hand-made 2-d model published through the store mid-test: the API must switch from the
 * fallback to the model without a restart (checking for new versions on every request here).
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { recommenderRows } from '../../gnn/recommend/published';
import { toGlobalId } from '../../src/domain/ids';
import { FIXTURE } from '../store/contract/fixture';
import { startTestApi, type TestApi } from './support/api';

let api: TestApi;
/** Every product id the server reads. */
const productsRead: string[] = [];
before(async () => {
  api = await startTestApi({
    seed: async (store) => void (await store.bulk.upsert(FIXTURE)),
    config: { modelRefreshMs: 0 },
    wrap: (store) => ({
      ...store,
      products: {
        ...store.products,
        get: (ids) => {
          productsRead.push(...ids);
          return store.products.get(ids);
        },
      },
    }),
  });
});
after(() => api.close());

const RECOMMENDATIONS = `query ($id: ID!, $category: ID) {
  node(id: $id) { ... on User {
    recommendedProducts(first: 2, category: $category) {
      source modelVersion totalCount
      pageInfo { hasNextPage }
      edges { score node { name } reason { followedUsers { handle } similarTo { name } } }
    }
  } }
}`;
const alice = toGlobalId('User', 'alice');

test('before a model exists the fallback answers, says so, and names the followed users', async () => {
  const res = await api.gql(RECOMMENDATIONS, { variables: { id: alice }, as: 'alice' });
  assert.equal(res.errors, undefined);
  const recs = res.data.node.recommendedProducts;
  assert.deepEqual([recs.source, recs.modelVersion, recs.totalCount, recs.pageInfo.hasNextPage], ['FALLBACK', null, 3, true]);
  assert.equal(recs.edges[0].node.name, 'Dune');
  assert.deepEqual(recs.edges[0].reason.followedUsers.map((u: { handle: string }) => u.handle).sort(), ['bob', 'carol']);
});

test("only the user may read their recommendations", async () => {
  const anonymous = await api.gql(RECOMMENDATIONS, { variables: { id: alice } });
  assert.equal(anonymous.errors?.[0].extensions?.code, 'UNAUTHENTICATED');
  const other = await api.gql(RECOMMENDATIONS, { variables: { id: alice }, as: 'bob' });
  assert.equal(other.errors?.[0].extensions?.code, 'FORBIDDEN');
});

test('a newly published model answers without a restart, with its version and similar products', async () => {
  const products = [
    { id: 'p1', categoryId: 'books' },
    { id: 'p2', categoryId: 'books' },
    { id: 'p3', categoryId: 'games' },
  ];
  const none = { a: new Int32Array(0), b: new Int32Array(0) };
  await api.store.models.publish(
    { kind: 'recommend', version: 'v7', createdAt: 1, metadata: {} },
    recommenderRows({ userIds: ['alice', 'bob'], products, interactions: none, trust: none }, Float32Array.from([0, 1, 0, 1]), Float32Array.from([1, 0, 0.9, 0.1, 0, 1]), 2),
  );
  const res = await api.gql(RECOMMENDATIONS, { variables: { id: alice }, as: 'alice' });
  assert.equal(res.errors, undefined);
  const recs = res.data.node.recommendedProducts;
  assert.deepEqual([recs.source, recs.modelVersion], ['MODEL', 'v7']);
  assert.equal(recs.edges[0].node.name, 'Chess set', 'alice leans to games in this model');

  const books = await api.gql(RECOMMENDATIONS, { variables: { id: alice, category: toGlobalId('Category', 'books') }, as: 'alice' });
  assert.deepEqual(books.data.node.recommendedProducts.edges.map((e: { node: { name: string } }) => e.node.name), ['Emma', 'Dune']);

  const similar = await api.gql(`{ product: node(id: "${toGlobalId('Product', 'p1')}") { ... on Product { similarProducts(first: 1) { source score product { name } } } } }`);
  assert.deepEqual(similar.data.product.similarProducts.map((s: { source: string; product: { name: string } }) => [s.source, s.product.name]), [['MODEL', 'Emma']]);
});

test('a reason reads the products it resembles only when they are asked for', async () => {
  const read = async (reason: string) => {
    productsRead.length = 0;
    const query = `query ($id: ID!) { node(id: $id) { ... on User { recommendedProducts(first: 2) { edges { node { name } reason { ${reason} } } } } } }`;
    const res = await api.gql(query, { variables: { id: toGlobalId('User', 'bob') }, as: 'bob' });
    assert.equal(res.errors, undefined);
    return [...new Set(productsRead)].sort();
  };
  // bob reviewed dune and emma, so chess is all that is left, resembling both.
  assert.deepEqual(await read('followedUsers { handle }'), ['p3']);
  assert.deepEqual(await read('followedUsers { handle } similarTo { name }'), ['p1', 'p2', 'p3']);
});
