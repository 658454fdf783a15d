/**
 * Opinion leaders, influence and communities over GraphQL, from hand-made influence and forecast
 * runs published into the contract fixture's store: the API serves what the models published.
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { communityRows, type PublishedCommunity } from '../../gnn/forecast/published';
import type { InfluenceData } from '../../gnn/influence/serving';
import { toGlobalId } from '../../src/domain/ids';
import { FIXTURE } from '../store/contract/fixture';
import { startTestApi, type TestApi } from './support/api';

let api: TestApi;

function influence(rank: number, score: number, categoryId: string): InfluenceData {
  return {
    score,
    rank,
    percentile: (100 * (4 - rank)) / 4,
    byCategory: [{ categoryId, score: score / 2, rank: 1 }],
    explanation: { followersReached: 3, followersEngaged: 1, topCategories: [categoryId], examples: [{ productId: 'p1', followerId: 'bob', daysLater: 2 }] },
  };
}

const community = (id: string, members: string[]): PublishedCommunity => ({
  id,
  label: `Readers around ${members[0]}`,
  size: members.length,
  members,
  topCategories: ['books'],
  opinionLeaders: [members[0]],
  engagement: [
    { period: '1969-12-22', reviews: 0, shares: 0, follows: 0, activeMembers: 0 },
    // The fixture's events (10-140 ms after the epoch) fall in this week.
    { period: '1969-12-29', reviews: 6, shares: 2, follows: 2, activeMembers: 3 },
  ],
  forecast: [
    { period: '2026-06-15', expected: 5, low: 2, high: 9 },
    { period: '2026-06-22', expected: 5.5, low: 2, high: 10 },
  ],
});

before(async () => {
  api = await startTestApi({ seed: async (store) => void (await store.bulk.upsert(FIXTURE)), config: { modelRefreshMs: 0 } });
  await api.store.models.publish({ kind: 'influence', version: 'inf-1', createdAt: 1, metadata: {} }, [
    [
      { entityId: 'carol', data: { ...influence(1, 9, 'games') } },
      { entityId: 'bob', data: { ...influence(2, 4, 'books') } },
      { entityId: 'alice', data: { ...influence(3, 1, 'books') } },
    ],
  ]);
  await api.store.models.publish({ kind: 'forecast', version: 'fc-1', createdAt: 1, metadata: {} }, communityRows([community('c1', ['bob', 'carol', 'dave']), community('c2', ['alice'])]));
});
after(() => api.close());

const asManager = async (query: string, variables?: Record<string, unknown>) =>
  api.gql(query, { variables, token: await api.token('dave', ['manager']) });

const LEADERS = `query ($category: ID, $community: ID) {
  opinionLeaders(first: 2, category: $category, community: $community) {
    modelVersion totalCount
    edges { rank score percentile node { handle } explanation { followersReached topCategories { name } examples { product { name } follower { handle } daysLater } } }
  }
}`;

test('opinion leaders are ranked, explained, and filtered by category and community', async () => {
  const all = await asManager(LEADERS);
  assert.equal(all.errors, undefined);
  const leaders = all.data.opinionLeaders;
  assert.deepEqual([leaders.modelVersion, leaders.totalCount], ['inf-1', 3]);
  assert.deepEqual(leaders.edges.map((e: any) => [e.rank, e.node.handle]), [[1, 'carol'], [2, 'bob']]);
  // carol and bob both reviewed Dune, so the example is visible to anyone.
  assert.deepEqual(leaders.edges[0].explanation.examples[0], { product: { name: 'Dune' }, follower: { handle: 'bob' }, daysLater: 2 });
  const books = await asManager(LEADERS, { category: toGlobalId('Category', 'books') });
  assert.deepEqual(books.data.opinionLeaders.edges.map((e: any) => e.node.handle), ['bob', 'alice']);
  const c2 = await asManager(LEADERS, { community: toGlobalId('Community', 'c2') });
  assert.deepEqual(c2.data.opinionLeaders.edges.map((e: any) => [e.rank, e.node.handle]), [[3, 'alice']], 'ranks stay global');
});

test('an explanation reads products and followers only when its examples are asked for', async () => {
  const roundTrips = async (explanation: string) => {
    const counts = [];
    // Two aliases, so the response cache cannot answer the second.
    for (const alias of ['a', 'b']) {
      const before = api.store.stats.roundTrips;
      const res = await asManager(`{ ${alias}: opinionLeaders(first: 2) { edges { rank explanation { ${explanation} } } } }`);
      assert.equal(res.errors, undefined);
      counts.push(api.store.stats.roundTrips - before);
    }
    // A model version check (at most one per refresh interval) lands in one of the two at most.
    return Math.min(...counts);
  };
  const bare = await roundTrips('followersReached');
  const withExamples = await roundTrips('followersReached examples { product { name } follower { handle } }');
  // One read of which reactions the viewer may see (all edges batched). The examples' products
  // were read by the first alias and are held by the store since (src/store/cypher/entity-cache.ts);
  // the follower, bob, is a leader the page has loaded already.
  assert.equal(withExamples - bare, 1);
});

test('opinion leaders are for managers; influence for the user and managers', async () => {
  const plain = await api.gql(LEADERS, { as: 'alice' });
  assert.equal(plain.errors?.[0].extensions?.code, 'FORBIDDEN');
  const INFLUENCE = `query ($id: ID!) { node(id: $id) { ... on User { influence { rank percentile modelVersion byCategory { category { name } score } } } } }`;
  const own = await api.gql(INFLUENCE, { variables: { id: toGlobalId('User', 'bob') }, as: 'bob' });
  assert.deepEqual(own.data.node.influence, { rank: 2, percentile: 50, modelVersion: 'inf-1', byCategory: [{ category: { name: 'Books' }, score: 2 }] });
  const other = await api.gql(INFLUENCE, { variables: { id: toGlobalId('User', 'bob') }, as: 'alice' });
  assert.equal(other.errors?.[0].extensions?.code, 'FORBIDDEN');
  const unscored = await asManager(INFLUENCE, { id: toGlobalId('User', 'dave') });
  assert.equal(unscored.data.node.influence, null);
});

test('communities list with engagement, forecasts and influence-ranked leaders; node and User.community', async () => {
  const res = await asManager(`{ communities(first: 5, sort: SIZE) {
    modelVersion totalCount
    edges { node { id label size topCategories { name } opinionLeaders(first: 2) { handle } members(first: 2) { totalCount edges { node { handle } } }
      engagement(periods: 1) { period reviews shares follows activeMembers } engagementForecast(periods: 2) { period expected low high } } }
  } }`);
  assert.equal(res.errors, undefined);
  const list = res.data.communities;
  assert.deepEqual([list.modelVersion, list.totalCount], ['fc-1', 2]);
  const c1 = list.edges[0].node;
  assert.deepEqual([c1.size, c1.topCategories, c1.opinionLeaders.map((u: any) => u.handle)], [3, [{ name: 'Books' }], ['carol', 'bob']]);
  assert.deepEqual(c1.members.totalCount, 3);
  // Recounted from the store as dave sees it: bob's and carol's three reviews, carol's public share
  // (bob's direct share to alice is hidden from dave), bob's and dave's follows.
  assert.deepEqual(c1.engagement, [{ period: '1969-12-29', reviews: 3, shares: 1, follows: 2, activeMembers: 3 }]);
  assert.deepEqual(c1.engagementForecast.map((f: any) => [f.expected, f.low, f.high]), [[5, 2, 9], [5.5, 2, 10]]);

  const node = await asManager(`query ($id: ID!) { node(id: $id) { ... on Community { label } } }`, { id: c1.id });
  assert.equal(node.data.node.label, 'Readers around bob');
  const mine = await api.gql(`{ viewer { community { size } } }`, { as: 'alice' });
  assert.deepEqual(mine.data.viewer.community, { size: 1 });
  const plain = await api.gql(`{ communities(first: 1) { totalCount } }`, { as: 'alice' });
  assert.equal(plain.errors?.[0].extensions?.code, 'FORBIDDEN');
});
