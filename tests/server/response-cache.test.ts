import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { toGlobalId } from '../../src/domain/ids';
import { startTestApi, type TestApi } from '../graphql/support/api';
import { handleOf, productId } from '../graphql/support/community';

let api: TestApi;
let uncached: TestApi;
before(async () => {
  [api, uncached] = await Promise.all([startTestApi(), startTestApi({ config: { responseCacheMb: 0 } })]);
});
after(() => Promise.all([api?.close(), uncached?.close()]));

const PRODUCT = `query ($id: ID!) { product(id: $id) { reviewCount reviews(first: 50) { edges { node { title } } } } }`;
const productVars = (i: number) => ({ variables: { id: toGlobalId('Product', productId(i)) } });

/** The answer and how many database round trips it cost. */
async function timedGql(on: TestApi, query: string, opts: Parameters<TestApi['gql']>[1] = {}) {
  const before = on.store.stats.roundTrips;
  const result = await on.gql(query, opts);
  return { result, roundTrips: on.store.stats.roundTrips - before };
}

test('a repeated query is answered from the cache, without the database', async () => {
  const first = await timedGql(api, PRODUCT, productVars(1));
  const again = await timedGql(api, PRODUCT, productVars(1));
  assert.ok(first.roundTrips > 0);
  assert.equal(again.roundTrips, 0);
  assert.deepEqual(again.result, first.result);
  assert.ok((await timedGql(api, PRODUCT, productVars(2))).roundTrips > 0, 'other variables are another entry');
});

test('a write is seen by the next read: the cache never serves what was true before it', async () => {
  await api.gql(PRODUCT, productVars(3));
  const written = await api.gql(
    `mutation ($input: WriteReviewInput!) { writeReview(input: $input) { id } }`,
    { variables: { input: { productId: toGlobalId('Product', productId(3)), rating: 5, title: 'Cached?', body: 'No.' } }, as: handleOf(59) },
  );
  assert.equal(written.errors, undefined);
  const after = await api.gql(PRODUCT, productVars(3));
  assert.ok(after.data.product.reviews.edges.some((e: { node: { title: string } }) => e.node.title === 'Cached?'));
  // Writes outside GraphQL (imports, training) go through the same store and count the same.
  await api.store.users.updateProfile('u58', { displayName: 'Renamed in the store' });
  const { data } = await api.gql(`{ user(handle: "${handleOf(58)}") { displayName } }`);
  assert.equal(data.user.displayName, 'Renamed in the store');
});

test('a hit is answered before Apollo exactly as Apollo answers it, and GET and other media types get the same answer', async () => {
  const query = 'query Page($id: ID!) { product(id: $id) { name reviewCount } }';
  const { variables } = productVars(4);
  const post = (accept?: string) =>
    fetch(api.server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) }, body: JSON.stringify({ query, variables }) });
  const seen = async (res: Response) => ({
    status: res.status,
    type: res.headers.get('content-type'),
    cacheControl: res.headers.get('cache-control'),
    body: await res.text(),
  });
  const before = api.store.stats.roundTrips;
  const computed = await seen(await post()); // a miss: Apollo executes it
  const executed = api.store.stats.roundTrips - before;
  const repeated = await seen(await post('application/json, text/plain, */*'));
  assert.ok(executed > 0);
  assert.equal(api.store.stats.roundTrips - before, executed, 'the repeat did not execute');
  assert.deepEqual(repeated, computed);
  assert.equal(computed.type, 'application/json; charset=utf-8');
  assert.equal(computed.cacheControl, 'no-store', 'answers are per viewer: no shared or browser cache keeps them');
  const get = new URL(api.server.url);
  get.search = new URLSearchParams({ query, variables: JSON.stringify(variables) }).toString();
  // A GET needs a header no simple cross-site request has (Apollo's CSRF prevention).
  assert.deepEqual(await seen(await fetch(get, { headers: { 'apollo-require-preflight': 'true' } })), computed, 'GET goes through Apollo and takes the kept answer');
  const negotiated = await seen(await post('application/graphql-response+json'));
  assert.equal(negotiated.type, 'application/graphql-response+json; charset=utf-8', 'Apollo negotiates what the HTTP layer does not');
  assert.equal(negotiated.body, computed.body);
  assert.equal(api.store.stats.roundTrips - before, executed);
});

test('answers are per viewer', async () => {
  const VIEWER = '{ viewer { handle } }';
  assert.equal((await api.gql(VIEWER, { as: handleOf(1) })).data.viewer.handle, handleOf(1));
  assert.equal((await api.gql(VIEWER, { as: handleOf(2) })).data.viewer.handle, handleOf(2));
  assert.equal((await api.gql(VIEWER)).data.viewer, null);
});

test('responses with errors are not cached', async () => {
  const MISSING = `{ node(id: "${toGlobalId('Product', 'nope')}") { id } product(id: "not-a-global-id") { name } }`;
  const first = await timedGql(api, MISSING);
  assert.ok(first.result.errors?.length);
  assert.ok((await timedGql(api, MISSING)).roundTrips > 0);
});

test('with RESPONSE_CACHE_MB=0 every query is executed', async () => {
  // A top-level list: the store keeps entities and child lists (entity-cache.ts), not these.
  const USERS = '{ users(first: 3) { totalCount edges { node { handle } } } }';
  await uncached.gql(USERS);
  assert.ok((await timedGql(uncached, USERS)).roundTrips > 0);
});

test('a newly published model is served at once, cached answers notwithstanding', async () => {
  const LEADERS = '{ opinionLeaders(first: 1) { edges { score node { handle } } } }';
  const publish = (version: string, userId: string) =>
    api.store.models.publish({ kind: 'influence', version, createdAt: Date.now(), metadata: {} }, [
      [{ entityId: userId, data: { score: 1, rank: 1, percentile: 100, byCategory: [], explanation: { followersReached: 0, followersEngaged: 0, topCategories: [], examples: [] } } }],
    ]);
  const token = await api.token('u00', ['manager']);
  const leader = async () => {
    const res = await api.gql(LEADERS, { token });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data.opinionLeaders.edges[0]?.node.handle;
  };
  const served: string[] = [];
  for (const [version, user] of [['v1', 'u10'], ['v2', 'u20'], ['v3', 'u30']]) {
    await publish(version, user);
    for (let i = 0; i < 3; i++) served.push(await leader()); // the repeats are cached
  }
  assert.deepEqual(served, [10, 20, 30].flatMap((i) => Array(3).fill(handleOf(i))));
});

test('a request that names no operation it defines is refused, not broken', async () => {
  const res = await api.gql('query A { __typename } query B { __typename }');
  assert.equal(res.status, 400);
  assert.equal(res.errors?.[0]?.extensions?.code, 'OPERATION_RESOLUTION_FAILURE');
});

test('identical misses at the same time run the operation once', async () => {
  const single = (await timedGql(api, PRODUCT, productVars(6))).roundTrips;
  const before = api.store.stats.roundTrips;
  const answers = await Promise.all(Array.from({ length: 8 }, () => api.gql(PRODUCT, productVars(7))));
  assert.ok(answers.every((a) => a.errors === undefined && a.data.product));
  assert.equal(api.store.stats.roundTrips - before, single, 'eight requests cost what one does');
});

test('a request waiting for an answer begun before a write it follows does not take that answer', async () => {
  const NAME = 'query ($id: ID!) { product(id: $id) { name } }';
  const vars = productVars(9);
  const products = api.store.products;
  const get = products.get;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let reading!: () => void;
  const read = new Promise<void>((resolve) => (reading = resolve));
  // The first computation reads the product, then is held until the write below has committed.
  products.get = async (ids) => {
    products.get = get;
    const found = await get(ids);
    reading();
    await gate;
    return found;
  };
  try {
    const first = api.gql(NAME, vars);
    await read;
    await products.update(productId(9), { name: 'Renamed while read' });
    const second = api.gql(NAME, vars); // arrives after the write: waits for the first, must not take its answer
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    assert.notEqual((await first).data.product.name, 'Renamed while read', 'the first read the product before the write');
    assert.equal((await second).data.product.name, 'Renamed while read');
    assert.equal((await api.gql(NAME, vars)).data.product.name, 'Renamed while read', 'and the answer begun before the write is not kept');
  } finally {
    products.get = get;
    release();
  }
});
