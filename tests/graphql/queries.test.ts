import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { fromGlobalId, toGlobalId } from '../../src/domain/ids';
import { startTestApi, type GqlResult, type TestApi } from './support/api';
import { CATEGORY_NAMES, categoryId, FOLLOWERS_EACH, handleOf, PRODUCTS, productId, REVIEWS_EACH, userId, USERS } from './support/community';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api?.close());

function errorOf(result: GqlResult): { code?: string; field?: string } {
  assert.equal(result.errors?.length, 1, `one error expected, got ${JSON.stringify(result.errors)}`);
  return result.errors![0].extensions ?? {};
}

test('user by handle (any case) or by global id; exactly one of them', async () => {
  const byHandle = await api.gql(`{ user(handle: "USER_07") { id handle displayName joinedAt } }`);
  assert.equal(byHandle.data.user.handle, handleOf(7));
  assert.deepEqual(fromGlobalId(byHandle.data.user.id), { kind: 'User', id: userId(7) });
  assert.equal(byHandle.data.user.joinedAt, '2026-01-01T00:00:07.000Z');

  const byId = await api.gql(`query ($id: ID!) { user(id: $id) { handle } }`, { variables: { id: byHandle.data.user.id } });
  assert.equal(byId.data.user.handle, handleOf(7));

  assert.equal((await api.gql(`{ user(handle: "nobody") { handle } }`)).data.user, null);
  assert.deepEqual(errorOf(await api.gql(`{ user { handle } }`)), { code: 'BAD_USER_INPUT', field: 'id' });
  const wrongKind = await api.gql(`query ($id: ID!) { user(id: $id) { handle } }`, { variables: { id: toGlobalId('Product', productId(1)) } });
  assert.deepEqual(errorOf(wrongKind), { code: 'BAD_USER_INPUT', field: 'id' });
});

test('node(id) answers every kind by global id, null for missing ones, BAD_USER_INPUT for non-ids', async () => {
  const ids = {
    User: toGlobalId('User', userId(1)),
    Product: toGlobalId('Product', productId(2)),
    Category: toGlobalId('Category', categoryId(0)),
    Review: toGlobalId('Review', 'r03-1'),
    Share: toGlobalId('Share', 's04'),
  };
  for (const [kind, id] of Object.entries(ids)) {
    const result = await api.gql(`query ($id: ID!) { node(id: $id) { __typename id } }`, { variables: { id } });
    assert.deepEqual(result.data.node, { __typename: kind, id });
  }
  const missing = await api.gql(`query ($id: ID!) { node(id: $id) { id } }`, { variables: { id: toGlobalId('User', 'nope') } });
  assert.equal(missing.data.node, null);
  assert.deepEqual(errorOf(await api.gql(`{ node(id: "garbage") { id } }`)), { code: 'BAD_USER_INPUT', field: 'id' });
});

const USERS_PAGE = `query ($first: Int, $after: String, $last: Int, $before: String) {
  users(first: $first, after: $after, last: $last, before: $before, sort: HANDLE) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { handle } }
  }
}`;

test('users paginate forward with first/after and backward with last/before over the same order', async () => {
  const forward: string[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages++) {
    assert.ok(pages < 5, 'three pages of 25 cover 60 users');
    const { data }: GqlResult = await api.gql(USERS_PAGE, { variables: { first: 25, after } });
    assert.equal(data.users.totalCount, USERS);
    assert.equal(data.users.pageInfo.hasPreviousPage, after !== null);
    forward.push(...data.users.edges.map((e: { node: { handle: string } }) => e.node.handle));
    if (!data.users.pageInfo.hasNextPage) break;
    after = data.users.pageInfo.endCursor;
  }
  const handles = Array.from({ length: USERS }, (_, i) => handleOf(i));
  assert.deepEqual(forward, handles, 'sorted by handle, each user once');

  const backward: string[] = [];
  let before: string | null = null;
  for (;;) {
    const { data }: GqlResult = await api.gql(USERS_PAGE, { variables: { last: 25, before } });
    assert.equal(data.users.pageInfo.hasNextPage, before !== null);
    backward.unshift(...data.users.edges.map((e: { node: { handle: string } }) => e.node.handle));
    if (!data.users.pageInfo.hasPreviousPage) break;
    before = data.users.pageInfo.startCursor;
  }
  assert.deepEqual(backward, handles);
});

test('a page above the maximum size and a foreign cursor are BAD_USER_INPUT, not server errors', async () => {
  const tooBig = await api.gql(USERS_PAGE, { variables: { first: 101 } });
  assert.equal(tooBig.status, 200);
  assert.deepEqual(errorOf(tooBig), { code: 'BAD_USER_INPUT', field: 'first' });
  assert.match(tooBig.errors![0].message, /at most 100/);
  assert.deepEqual(errorOf(await api.gql(USERS_PAGE, { variables: { last: 500 } })), { code: 'BAD_USER_INPUT', field: 'last' });
  assert.deepEqual(errorOf(await api.gql(USERS_PAGE, { variables: { first: 5, after: 'not-a-cursor' } })), {
    code: 'BAD_USER_INPUT',
    field: 'after',
  });
  const nested = await api.gql(`{ users(first: 1) { edges { node { followers(first: 1000) { totalCount } } } } }`);
  assert.deepEqual(errorOf(nested), { code: 'BAD_USER_INPUT', field: 'first' });
});

test('users filter by search', async () => {
  const { data } = await api.gql(`{ users(filter: { search: "USER_1" }, sort: HANDLE) { totalCount edges { node { handle } } } }`);
  assert.equal(data.users.totalCount, 10);
  assert.equal(data.users.edges[0].node.handle, 'user_10');
});

test('follow edges carry since, newest first, with totalCount both ways', async () => {
  const { data } = await api.gql(`{ user(handle: "${handleOf(10)}") {
    followers(first: 10) { totalCount edges { since node { handle } } }
    following(first: 2) { totalCount edges { node { handle } } }
  } }`);
  const { followers, following } = data.user;
  assert.equal(followers.totalCount, FOLLOWERS_EACH);
  assert.deepEqual(
    followers.edges.map((e: { node: { handle: string } }) => e.node.handle),
    [16, 15, 14, 13, 12, 11].map(handleOf),
  );
  const since = followers.edges.map((e: { since: string }) => Date.parse(e.since));
  assert.deepEqual(since, [...since].sort((a, b) => b - a));
  assert.equal(following.totalCount, FOLLOWERS_EACH);
  assert.equal(following.edges.length, 2);
});

test('products: money, rating, category, filters and sorts', async () => {
  const { data } = await api.gql(`{ products(first: 100, sort: NAME) {
    totalCount
    edges { node { name price { amount currency } reviewCount averageRating category { name } } }
  } }`);
  assert.equal(data.products.totalCount, PRODUCTS);
  const first = data.products.edges[0].node;
  assert.deepEqual(first.price, { amount: 10.5, currency: 'EUR' });
  assert.equal(first.name, 'Product 00');
  assert.equal(first.category.name, CATEGORY_NAMES[0]);
  assert.equal(first.reviewCount, (USERS * REVIEWS_EACH) / PRODUCTS);
  assert.equal(first.averageRating, 1);

  const books = await api.gql(`query ($c: ID!) { products(first: 100, filter: { categoryId: $c }) { totalCount } }`, {
    variables: { c: toGlobalId('Category', categoryId(0)) },
  });
  assert.equal(books.data.products.totalCount, 7);
  const rated = await api.gql(`{ products(first: 100, filter: { minRating: 4.5 }, sort: TOP_RATED) { edges { node { averageRating } } } }`);
  assert.ok(rated.data.products.edges.length > 0);
  for (const e of rated.data.products.edges) assert.ok(e.node.averageRating >= 4.5);
  const search = await api.gql(`{ products(filter: { search: "product 1" }) { totalCount } }`);
  assert.equal(search.data.products.totalCount, 10);

  const badCategory = await api.gql(`{ products(filter: { categoryId: "nope" }) { totalCount } }`);
  assert.deepEqual(errorOf(badCategory), { code: 'BAD_USER_INPUT', field: 'categoryId' });
  const badRating = await api.gql(`{ products(filter: { minRating: 7 }) { totalCount } }`);
  assert.deepEqual(errorOf(badRating), { code: 'BAD_USER_INPUT', field: 'minRating' });
});

test('product reviews sort by rating and carry author and product', async () => {
  const { data } = await api.gql(`query ($id: ID!) { product(id: $id) {
    reviewCount
    best: reviews(first: 3, sort: HIGHEST_RATING) { totalCount edges { node { rating author { handle } product { name } } } }
    newest: reviews(first: 3) { edges { node { createdAt } } }
  } }`, { variables: { id: toGlobalId('Product', productId(3)) } });
  assert.equal(data.product.best.totalCount, data.product.reviewCount);
  for (const { node } of data.product.best.edges) {
    assert.equal(node.product.name, 'Product 03');
    assert.match(node.author.handle, /^user_\d\d$/);
  }
  const times = data.product.newest.edges.map((e: { node: { createdAt: string } }) => Date.parse(e.node.createdAt));
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
});

test('categories list and page their products', async () => {
  const { data } = await api.gql(`{ categories { id name products(first: 2, sort: NAME) { totalCount edges { node { name } } } } }`);
  assert.deepEqual(data.categories.map((c: { name: string }) => c.name).sort(), [...CATEGORY_NAMES].sort());
  const books = data.categories.find((c: { name: string }) => c.name === CATEGORY_NAMES[0]);
  assert.equal(books.products.totalCount, 7);
  assert.deepEqual(books.products.edges.map((e: { node: { name: string } }) => e.node.name), ['Product 00', 'Product 03']);
});

test('shares show audience and recipient (a direct share to its recipient)', async () => {
  const { data } = await api.gql(`{ a: user(handle: "${handleOf(2)}") { shares { totalCount edges { node { audience recipient { handle } message sharer { handle } product { name } } } } }
    b: user(handle: "${handleOf(3)}") { shares { edges { node { audience recipient { handle } } } } } }`, { as: handleOf(4) });
  assert.deepEqual(data.a.shares.edges[0].node, {
    audience: 'FOLLOWERS',
    recipient: null,
    message: `Look at this, from ${handleOf(2)}`,
    sharer: { handle: handleOf(2) },
    product: { name: 'Product 02' },
  });
  assert.deepEqual(data.b.shares.edges[0].node, { audience: 'USER', recipient: { handle: handleOf(4) } });
});

test('viewer, viewerFollows and feed depend on who asks', async () => {
  const anonymous = await api.gql(`{ viewer { handle } user(handle: "${handleOf(1)}") { viewerFollows } }`);
  assert.deepEqual(anonymous.data, { viewer: null, user: { viewerFollows: null } });
  assert.deepEqual(errorOf(await api.gql(`{ feed { totalCount } }`)), { code: 'UNAUTHENTICATED' });

  // user_00 follows users 54-59 (each user is followed by the next six).
  const me = handleOf(0);
  const { data } = await api.gql(
    `{ viewer { handle } followed: user(handle: "${handleOf(59)}") { viewerFollows } other: user(handle: "${handleOf(30)}") { viewerFollows }
       feed(first: 50) { totalCount edges { node { __typename
         ... on Review { createdAt author { handle } }
         ... on Share { createdAt sharer { handle } recipient { handle } } } } } }`,
    { as: me },
  );
  assert.equal(data.viewer.handle, me);
  assert.equal(data.followed.viewerFollows, true);
  assert.equal(data.other.viewerFollows, false);
  const followed = new Set([54, 55, 56, 57, 58, 59].map(handleOf));
  const items = data.feed.edges.map((e: { node: any }) => e.node);
  assert.ok(data.feed.totalCount >= followed.size * REVIEWS_EACH, 'all reviews by followed users');
  assert.ok(items.some((n: any) => n.__typename === 'Review') && items.some((n: any) => n.__typename === 'Share'));
  for (const n of items) {
    const by = n.__typename === 'Review' ? n.author.handle : n.sharer.handle;
    assert.ok(followed.has(by) || n.recipient?.handle === me, `${by} is followed or sent it to the viewer`);
  }
  const times = items.map((n: { createdAt: string }) => Date.parse(n.createdAt));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
});
