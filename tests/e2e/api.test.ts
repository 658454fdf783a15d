/**
 * A visitor's story over HTTP against the demo community, as `npm start` serves it: browse,
 * sign up, follow, review, and see it reach a follower's feed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { startDemoServer, type DemoServer } from './support/demo-server';

let demo: DemoServer;
before(async () => {
  demo = await startDemoServer();
});
after(() => demo?.close());

async function gql(query: string, variables: Record<string, unknown> = {}, as?: string): Promise<any> {
  const res = await fetch(demo.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(as ? { 'x-user-id': as } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

test('the demo community is served', async () => {
  const data = await gql(`{ users(first: 3, sort: MOST_FOLLOWED) { totalCount edges { node { handle followers { totalCount } } } }
    categories { name } products(first: 1, sort: MOST_REVIEWED) { totalCount edges { node { reviewCount averageRating } } } }`);
  assert.equal(data.users.totalCount, demo.counts.users);
  assert.equal(data.categories.length, demo.counts.categories);
  assert.equal(data.products.totalCount, demo.counts.products);
  const followers = data.users.edges.map((e: any) => e.node.followers.totalCount);
  assert.deepEqual(followers, [...followers].sort((a, b) => b - a), 'most followed first');
  assert.ok(data.products.edges[0].node.reviewCount > 0);
});

test('sign up, follow, review, and the review reaches a follower feed', async () => {
  const { createUser: shopper } = await gql(`mutation { createUser(input: { handle: "e2e_shopper", displayName: "Shopper" }) { id handle } }`);
  const { createUser: fan } = await gql(`mutation { createUser(input: { handle: "e2e_fan", displayName: "Fan" }) { id } }`);

  const { follow } = await gql(`mutation ($id: ID!) { follow(userId: $id) { handle viewerFollows } }`, { id: shopper.id }, 'e2e_fan');
  assert.deepEqual(follow, { handle: 'e2e_shopper', viewerFollows: true });

  const { products } = await gql(`{ products(first: 1, sort: NAME) { edges { node { id reviewCount } } } }`);
  const product = products.edges[0].node;
  const { writeReview } = await gql(
    `mutation ($p: ID!) { writeReview(input: { productId: $p, rating: 4, title: "Solid" }) { id product { reviewCount } } }`,
    { p: product.id },
    shopper.handle,
  );
  assert.equal(writeReview.product.reviewCount, product.reviewCount + 1);

  const { feed } = await gql(`{ feed(first: 5) { totalCount edges { node { __typename ... on Review { id title author { handle } } } } } }`, {}, 'e2e_fan');
  assert.deepEqual(feed.edges[0].node, { __typename: 'Review', id: writeReview.id, title: 'Solid', author: { handle: 'e2e_shopper' } });

  const { voteReviewHelpful } = await gql(`mutation ($id: ID!) { voteReviewHelpful(id: $id) { helpfulVotes } }`, { id: writeReview.id }, fan.id);
  assert.equal(voteReviewHelpful.helpfulVotes, 1);
  const { node } = await gql(`query ($id: ID!) { node(id: $id) { ... on Review { helpfulVotes author { id } } } }`, { id: writeReview.id });
  assert.deepEqual(node, { helpfulVotes: 1, author: { id: shopper.id } });
});
