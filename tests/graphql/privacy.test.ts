/**
 * Who sees which share, through every path the API offers. In the test community user i sends
 * one share, s<i>: to their followers when i is even, else directly to user i+1; user i is
 * followed by users i+1..i+6.
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { toGlobalId } from '../../src/domain/ids';
import { startTestApi, type TestApi } from './support/api';
import { handleOf, productId, userId } from './support/community';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api?.close());

const SHARES = (i: number) => `{ user(handle: "${handleOf(i)}") { shareVisibility shares { totalCount edges { node { id } } } } }`;
const NODE = (shareId: string) => `{ node(id: "${toGlobalId('Share', shareId)}") { id } }`;

async function sees(as: string | undefined, sharer: number, shareId: string): Promise<{ node: boolean; listed: number; counted: number }> {
  const list = (await api.gql(SHARES(sharer), { as })).data.user.shares;
  const count = (await api.gql(`{ user(handle: "${handleOf(sharer)}") { shares { totalCount } } }`, { as })).data.user.shares.totalCount;
  return { node: (await api.gql(NODE(shareId), { as })).data.node !== null, listed: list.edges.length, counted: count };
}

async function feedIds(as: string): Promise<string[]> {
  const { data } = await api.gql(`{ feed(first: 100) { edges { node { ... on Share { id } } } } }`, { as });
  return data.feed.edges.map((e: { node: { id?: string } }) => e.node.id).filter(Boolean);
}

test('a direct share is seen by its sharer and recipient only: node, User.shares, totalCount and feed', async () => {
  for (const as of [handleOf(3), handleOf(4)]) assert.deepEqual(await sees(as, 3, 's03'), { node: true, listed: 1, counted: 1 }, as);
  for (const as of [undefined, handleOf(5), handleOf(30)]) assert.deepEqual(await sees(as, 3, 's03'), { node: false, listed: 0, counted: 0 }, as);
  assert.ok((await feedIds(handleOf(4))).includes(toGlobalId('Share', 's03')));
  assert.ok(!(await feedIds(handleOf(5))).includes(toGlobalId('Share', 's03')), 'user 5 follows user 3 but was not sent it');
});

test('shares to followers of a FOLLOWERS-only user are seen by their followers only', async () => {
  assert.deepEqual(await sees(undefined, 2, 's02'), { node: true, listed: 1, counted: 1 });
  const set = await api.gql(`mutation { updateProfile(input: { shareVisibility: FOLLOWERS }) { shareVisibility } }`, { as: handleOf(2) });
  assert.equal(set.data.updateProfile.shareVisibility, 'FOLLOWERS');

  for (const as of [handleOf(2), handleOf(3), handleOf(8)]) assert.deepEqual(await sees(as, 2, 's02'), { node: true, listed: 1, counted: 1 }, as);
  for (const as of [undefined, handleOf(9), handleOf(30)]) assert.deepEqual(await sees(as, 2, 's02'), { node: false, listed: 0, counted: 0 }, as);
  assert.ok((await feedIds(handleOf(3))).includes(toGlobalId('Share', 's02')));
  assert.equal((await api.gql(SHARES(2))).data.user.shareVisibility, 'FOLLOWERS');

  await api.gql(`mutation { updateProfile(input: { shareVisibility: PUBLIC }) { shareVisibility } }`, { as: handleOf(2) });
  assert.deepEqual(await sees(undefined, 2, 's02'), { node: true, listed: 1, counted: 1 });
});

test("recommendation reasons never name a followee for a share sent to someone else", async () => {
  // Nobody user 4 or 5 follows engaged with product 12; user 3 (followed by both) now sends it to user 4.
  const shared = await api.gql(`mutation ($input: ShareProductInput!) { shareProduct(input: $input) { id } }`, {
    variables: { input: { productId: toGlobalId('Product', productId(12)), recipientId: toGlobalId('User', userId(4)) } },
    as: handleOf(3),
  });
  assert.equal(shared.errors, undefined);
  const reasonsFor = async (i: number) => {
    const { data, errors } = await api.gql(
      `query ($id: ID!) { node(id: $id) { ... on User { recommendedProducts(first: 20) { edges { node { id } reason { followedUsers { handle } } } } } } }`,
      { variables: { id: toGlobalId('User', userId(i)) }, as: handleOf(i) },
    );
    assert.equal(errors, undefined);
    const edge = data.node.recommendedProducts.edges.find((e: { node: { id: string } }) => e.node.id === toGlobalId('Product', productId(12)));
    return edge?.reason.followedUsers.map((u: { handle: string }) => u.handle) ?? [];
  };
  assert.deepEqual(await reasonsFor(4), [handleOf(3)]);
  assert.deepEqual(await reasonsFor(5), []);
});
