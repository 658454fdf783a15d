import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { toGlobalId } from '../../src/domain/ids';
import { startTestApi, type GqlResult, type TestApi } from './support/api';
import { categoryId, FOLLOWERS_EACH, handleOf, productId, userId } from './support/community';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api?.close());

const USER = (i: number) => toGlobalId('User', userId(i));
const PRODUCT = (i: number) => toGlobalId('Product', productId(i));
const CATEGORY = toGlobalId('Category', categoryId(1));

function errorOf(result: GqlResult): { code?: string; field?: string } {
  assert.equal(result.errors?.length, 1, `one error expected, got ${JSON.stringify(result.errors)}`);
  assert.equal(result.data?.[Object.keys(result.data ?? {})[0]] ?? null, null, 'no data for the failed field');
  return result.errors![0].extensions ?? {};
}

/** Runs `mutate`, expects the given error, and checks that nothing was written. */
async function rejects(mutate: Promise<GqlResult>, expected: { code: string; field?: string }): Promise<void> {
  const counts = await api.store.bulk.counts();
  assert.deepEqual(errorOf(await mutate), expected);
  assert.deepEqual(await api.store.bulk.counts(), counts, 'a failed mutation writes nothing');
}

const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id handle displayName bio } }`;
const FOLLOW = `mutation ($id: ID!) { follow(userId: $id) { handle viewerFollows followers { totalCount } } }`;
const UNFOLLOW = `mutation ($id: ID!) { unfollow(userId: $id) { handle viewerFollows followers { totalCount } } }`;
const CREATE_PRODUCT = `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id name description price { amount currency } category { name } reviewCount averageRating } }`;
const UPDATE_PRODUCT = `mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { name price { amount currency } category { name } } }`;
const WRITE_REVIEW = `mutation ($input: WriteReviewInput!) { writeReview(input: $input) { id rating title body helpfulVotes author { handle } product { reviewCount averageRating } } }`;
const UPDATE_REVIEW = `mutation ($id: ID!, $input: UpdateReviewInput!) { updateReview(id: $id, input: $input) { rating title body } }`;
const DELETE_REVIEW = `mutation ($id: ID!) { deleteReview(id: $id) { id rating product { reviewCount } } }`;
const VOTE = `mutation ($id: ID!) { voteReviewHelpful(id: $id) { helpfulVotes } }`;
const SHARE = `mutation ($input: ShareProductInput!) { shareProduct(input: $input) { id audience recipient { handle } message sharer { handle } product { name } } }`;

test('every mutation but createUser needs a viewer (an invalid token is no viewer either)', async () => {
  const anonymous: [string, Record<string, unknown>][] = [
    [`mutation { updateProfile(input: { bio: "x" }) { id } }`, {}],
    [FOLLOW, { id: USER(1) }],
    [UNFOLLOW, { id: USER(1) }],
    [CREATE_PRODUCT, { input: { name: 'x', price: 1, currency: 'EUR', categoryId: CATEGORY } }],
    [UPDATE_PRODUCT, { id: PRODUCT(1), input: { name: 'x' } }],
    [WRITE_REVIEW, { input: { productId: PRODUCT(1), rating: 5 } }],
    [UPDATE_REVIEW, { id: toGlobalId('Review', 'r01-0'), input: { rating: 5 } }],
    [DELETE_REVIEW, { id: toGlobalId('Review', 'r01-0') }],
    [VOTE, { id: toGlobalId('Review', 'r01-0') }],
    [SHARE, { input: { productId: PRODUCT(1) } }],
  ];
  for (const [query, variables] of anonymous) {
    await rejects(api.gql(query, { variables }), { code: 'UNAUTHENTICATED' });
    const badToken = await api.gql(query, { variables, token: 'not.a.token' });
    assert.deepEqual([badToken.status, badToken.errors?.[0].extensions?.code], [401, 'UNAUTHENTICATED']);
  }
});

test('catalogue changes need the manager role; other roles and plain users are FORBIDDEN', async () => {
  for (const roles of [[], ['admin']]) {
    const token = await api.token(userId(6), roles);
    await rejects(api.gql(CREATE_PRODUCT, { variables: { input: { name: 'x', price: 1, currency: 'EUR', categoryId: CATEGORY } }, token }), {
      code: 'FORBIDDEN',
    });
    await rejects(api.gql(UPDATE_PRODUCT, { variables: { id: PRODUCT(1), input: { name: 'x' } }, token }), { code: 'FORBIDDEN' });
  }
  // The dev header carries roles too, for the playground.
  const viaHeader = await fetch(api.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': handleOf(6), 'x-user-roles': 'manager' },
    body: JSON.stringify({ query: UPDATE_PRODUCT, variables: { id: PRODUCT(1), input: { description: 'Managed' } } }),
  });
  assert.deepEqual((await viaHeader.json()).errors, undefined);
});

test('updateProfile changes the viewer named by the token and nobody else', async () => {
  const token = await api.token(userId(21));
  const { data } = await api.gql(`mutation { updateProfile(input: { bio: "Mine" }) { handle bio } }`, { token });
  assert.deepEqual(data.updateProfile, { handle: handleOf(21), bio: 'Mine' });
  assert.equal((await api.gql(`{ user(handle: "${handleOf(22)}") { bio } }`)).data.user.bio, '');
});

test('createUser: signs up anonymously; bad and taken handles are refused', async () => {
  const created = await api.gql(CREATE_USER, { variables: { input: { handle: 'New_Person', displayName: ' New Person ' } } });
  assert.deepEqual(created.errors, undefined);
  assert.deepEqual({ ...created.data.createUser, id: undefined }, { id: undefined, handle: 'new_person', displayName: 'New Person', bio: '' });
  const found = await api.gql(`{ user(handle: "new_person") { id } }`);
  assert.equal(found.data.user.id, created.data.createUser.id);

  await rejects(api.gql(CREATE_USER, { variables: { input: { handle: 'NEW_PERSON', displayName: 'Copy' } } }), { code: 'CONFLICT' });
  await rejects(api.gql(CREATE_USER, { variables: { input: { handle: 'no spaces!', displayName: 'X' } } }), {
    code: 'BAD_USER_INPUT',
    field: 'handle',
  });
  await rejects(api.gql(CREATE_USER, { variables: { input: { handle: 'fine_handle', displayName: '  ' } } }), {
    code: 'BAD_USER_INPUT',
    field: 'displayName',
  });
});

test('updateProfile changes only the given fields of the viewer', async () => {
  const as = handleOf(20);
  const { data } = await api.gql(`mutation { updateProfile(input: { bio: "Hello" }) { handle displayName bio } }`, { as });
  assert.deepEqual(data.updateProfile, { handle: as, displayName: 'User 20', bio: 'Hello' });
  await rejects(api.gql(`mutation { updateProfile(input: { displayName: "" }) { bio } }`, { as }), {
    code: 'BAD_USER_INPUT',
    field: 'displayName',
  });
});

test('follow and unfollow are idempotent and refuse self-follows and unknown users', async () => {
  const as = handleOf(30); // user 30 does not follow user 10
  const once = await api.gql(FOLLOW, { variables: { id: USER(10) }, as });
  assert.deepEqual(once.data.follow, { handle: handleOf(10), viewerFollows: true, followers: { totalCount: FOLLOWERS_EACH + 1 } });
  const twice = await api.gql(FOLLOW, { variables: { id: USER(10) }, as });
  assert.deepEqual(twice.data.follow, once.data.follow);

  const gone = await api.gql(UNFOLLOW, { variables: { id: USER(10) }, as });
  assert.deepEqual(gone.data.unfollow, { handle: handleOf(10), viewerFollows: false, followers: { totalCount: FOLLOWERS_EACH } });
  const again = await api.gql(UNFOLLOW, { variables: { id: USER(10) }, as });
  assert.deepEqual(again.data.unfollow, gone.data.unfollow);

  await rejects(api.gql(FOLLOW, { variables: { id: USER(30) }, as }), { code: 'BAD_USER_INPUT', field: 'userId' });
  await rejects(api.gql(FOLLOW, { variables: { id: PRODUCT(1) }, as }), { code: 'BAD_USER_INPUT', field: 'userId' });
  await rejects(api.gql(FOLLOW, { variables: { id: toGlobalId('User', 'ghost') }, as }), { code: 'NOT_FOUND' });
});

test('createProduct and updateProduct, by a manager', async () => {
  const token = await api.token(userId(5), ['manager']);
  const input = { name: ' Lamp ', description: 'Bright', price: 19.999, currency: 'eur', categoryId: CATEGORY };
  const { data, errors } = await api.gql(CREATE_PRODUCT, { variables: { input }, token });
  assert.equal(errors, undefined);
  assert.deepEqual({ ...data.createProduct, id: undefined }, {
    id: undefined,
    name: 'Lamp',
    description: 'Bright',
    price: { amount: 20, currency: 'EUR' },
    category: { name: 'Games' },
    reviewCount: 0,
    averageRating: null,
  });

  const updated = await api.gql(UPDATE_PRODUCT, {
    variables: { id: data.createProduct.id, input: { price: 15, categoryId: toGlobalId('Category', categoryId(2)) } },
    token,
  });
  assert.deepEqual(updated.data.updateProduct, { name: 'Lamp', price: { amount: 15, currency: 'EUR' }, category: { name: 'Garden' } });

  await rejects(api.gql(CREATE_PRODUCT, { variables: { input: { ...input, currency: 'euros' } }, token }), { code: 'BAD_USER_INPUT', field: 'currency' });
  await rejects(api.gql(CREATE_PRODUCT, { variables: { input: { ...input, price: -1 } }, token }), { code: 'BAD_USER_INPUT', field: 'price' });
  await rejects(api.gql(CREATE_PRODUCT, { variables: { input: { ...input, categoryId: 'x' } }, token }), { code: 'BAD_USER_INPUT', field: 'categoryId' });
  await rejects(api.gql(CREATE_PRODUCT, { variables: { input: { ...input, categoryId: toGlobalId('Category', 'none') } }, token }), {
    code: 'NOT_FOUND',
  });
  await rejects(api.gql(UPDATE_PRODUCT, { variables: { id: toGlobalId('Product', 'none'), input: { name: 'x' } }, token }), { code: 'NOT_FOUND' });
  await rejects(api.gql(UPDATE_PRODUCT, { variables: { id: data.createProduct.id, input: { name: '' } }, token }), {
    code: 'BAD_USER_INPUT',
    field: 'name',
  });
});

test('writeReview updates the product; a second review of the same product is a CONFLICT', async () => {
  const as = handleOf(40); // user 40 reviewed products 0-3
  const product = PRODUCT(10);
  const before = (await api.gql(`query ($id: ID!) { product(id: $id) { reviewCount averageRating } }`, { variables: { id: product } })).data.product;
  const { data } = await api.gql(WRITE_REVIEW, { variables: { input: { productId: product, rating: 5, title: 'Great', body: 'Really.' } }, as });
  assert.equal(data.writeReview.rating, 5);
  assert.equal(data.writeReview.author.handle, as);
  assert.equal(data.writeReview.helpfulVotes, 0);
  assert.equal(data.writeReview.product.reviewCount, before.reviewCount + 1);
  assert.equal(
    data.writeReview.product.averageRating,
    (before.averageRating * before.reviewCount + 5) / (before.reviewCount + 1),
  );

  await rejects(api.gql(WRITE_REVIEW, { variables: { input: { productId: product, rating: 4 } }, as }), { code: 'CONFLICT' });
  await rejects(api.gql(WRITE_REVIEW, { variables: { input: { productId: PRODUCT(11), rating: 6 } }, as }), {
    code: 'BAD_USER_INPUT',
    field: 'rating',
  });
  await rejects(api.gql(WRITE_REVIEW, { variables: { input: { productId: toGlobalId('Product', 'none'), rating: 3 } }, as }), {
    code: 'NOT_FOUND',
  });
  // GraphQL's own argument checks keep Apollo's code, and still no 500.
  const notAnInt = await api.gql(WRITE_REVIEW, { variables: { input: { productId: product, rating: 'five' } }, as });
  assert.equal(notAnInt.status, 400);
  assert.equal(notAnInt.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
});

test('updateReview and deleteReview are for the author only', async () => {
  const review = toGlobalId('Review', 'r41-0');
  const author = handleOf(41);
  await rejects(api.gql(UPDATE_REVIEW, { variables: { id: review, input: { rating: 1 } }, as: handleOf(42) }), { code: 'FORBIDDEN' });
  await rejects(api.gql(DELETE_REVIEW, { variables: { id: review }, as: handleOf(42) }), { code: 'FORBIDDEN' });
  // A manager is no moderator, and an admin moderates by deleting, not by rewriting.
  const manager = await api.token(userId(42), ['manager']);
  await rejects(api.gql(DELETE_REVIEW, { variables: { id: review }, token: manager }), { code: 'FORBIDDEN' });
  const admin = await api.token(userId(42), ['admin']);
  await rejects(api.gql(UPDATE_REVIEW, { variables: { id: review, input: { rating: 1 } }, token: admin }), { code: 'FORBIDDEN' });
  await rejects(api.gql(UPDATE_REVIEW, { variables: { id: toGlobalId('Review', 'none'), input: { rating: 1 } }, as: author }), {
    code: 'NOT_FOUND',
  });
  await rejects(api.gql(UPDATE_REVIEW, { variables: { id: review, input: { rating: 0 } }, as: author }), {
    code: 'BAD_USER_INPUT',
    field: 'rating',
  });

  const updated = await api.gql(UPDATE_REVIEW, { variables: { id: review, input: { rating: 2, title: 'Changed my mind' } }, as: author });
  assert.deepEqual(updated.data.updateReview, { rating: 2, title: 'Changed my mind', body: 'Fine.' });

  const productCount = `{ product(id: "${PRODUCT(1)}") { reviewCount } }`; // r41-0 is about product (41 + 0) % 20
  const countBefore = (await api.gql(productCount)).data.product.reviewCount;
  const deleted = await api.gql(DELETE_REVIEW, { variables: { id: review }, as: author });
  assert.equal(deleted.data.deleteReview.id, review);
  assert.equal(deleted.data.deleteReview.rating, 2);
  assert.equal(deleted.data.deleteReview.product.reviewCount, countBefore - 1);
  assert.equal((await api.gql(`{ node(id: "${review}") { id } }`)).data.node, null);
  await rejects(api.gql(DELETE_REVIEW, { variables: { id: review }, as: author }), { code: 'NOT_FOUND' });
});

test('an admin may delete any review', async () => {
  const review = toGlobalId('Review', 'r46-2');
  const admin = await api.token(userId(1), ['admin']);
  const deleted = await api.gql(DELETE_REVIEW, { variables: { id: review }, token: admin });
  assert.deepEqual([deleted.errors, deleted.data.deleteReview.id], [undefined, review]);
  assert.equal((await api.gql(`{ node(id: "${review}") { id } }`)).data.node, null);
});

test('voteReviewHelpful counts each voter once and not the author', async () => {
  const review = toGlobalId('Review', 'r43-1');
  const once = await api.gql(VOTE, { variables: { id: review }, as: handleOf(44) });
  assert.equal(once.data.voteReviewHelpful.helpfulVotes, 1);
  const twice = await api.gql(VOTE, { variables: { id: review }, as: handleOf(44) });
  assert.equal(twice.data.voteReviewHelpful.helpfulVotes, 1);
  const other = await api.gql(VOTE, { variables: { id: review }, as: handleOf(45) });
  assert.equal(other.data.voteReviewHelpful.helpfulVotes, 2);
  await rejects(api.gql(VOTE, { variables: { id: review }, as: handleOf(43) }), { code: 'FORBIDDEN' });
  await rejects(api.gql(VOTE, { variables: { id: toGlobalId('Review', 'none') }, as: handleOf(44) }), { code: 'NOT_FOUND' });
});

test('shareProduct to all followers or to one user', async () => {
  const as = handleOf(50);
  const all = await api.gql(SHARE, { variables: { input: { productId: PRODUCT(2), message: 'Have a look' } }, as });
  assert.deepEqual({ ...all.data.shareProduct, id: undefined }, {
    id: undefined,
    audience: 'FOLLOWERS',
    recipient: null,
    message: 'Have a look',
    sharer: { handle: as },
    product: { name: 'Product 02' },
  });
  const one = await api.gql(SHARE, { variables: { input: { productId: PRODUCT(2), recipientId: USER(51) } }, as });
  assert.equal(one.data.shareProduct.audience, 'USER');
  assert.equal(one.data.shareProduct.recipient.handle, handleOf(51));
  assert.equal(one.data.shareProduct.message, '');

  await rejects(api.gql(SHARE, { variables: { input: { productId: PRODUCT(2), recipientId: 'bad' } }, as }), {
    code: 'BAD_USER_INPUT',
    field: 'recipientId',
  });
  await rejects(api.gql(SHARE, { variables: { input: { productId: PRODUCT(2), recipientId: toGlobalId('User', 'ghost') } }, as }), {
    code: 'NOT_FOUND',
  });
  await rejects(api.gql(SHARE, { variables: { input: { productId: toGlobalId('Product', 'none') } }, as }), { code: 'NOT_FOUND' });
  await rejects(api.gql(SHARE, { variables: { input: { productId: PRODUCT(2), message: 'x'.repeat(1001) } }, as }), {
    code: 'BAD_USER_INPUT',
    field: 'message',
  });
});
