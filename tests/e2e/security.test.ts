/**
 * Issue #14, as an outsider sees it: HTTP requests against the API running as its own process
 * (`src/server/main.ts`, development defaults), so a request that crashes the engine shows up as
 * a dead server here instead of killing the test runner. One test per finding (the response
 * cache's finding 4 is tested with the cache).
 */
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { after, before, test } from '../support/node-test';
import { communityRows, type PublishedCommunity } from '../../gnn/forecast/published';
import type { InfluenceData } from '../../gnn/influence/serving';
import { toGlobalId } from '../../src/domain/ids';
import { signToken } from '../../src/server/auth/sign';
import { FIXTURE } from '../store/contract/fixture';
import { TEST_JWT_SECRET } from '../graphql/support/api';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { tempStore, type TempStore } from '../support/store';

/**
 * The contract fixture plus: alice shares Dune directly with bob (hidden from everyone else) and
 * erin, who shows shares to followers only and whom nobody follows, shares it with her followers;
 * dave reviews Dune. So carol (who reviewed Dune first) has three followers who reacted to it,
 * and only dave's reaction is visible to a manager who is not bob.
 */
const ERIN = { id: 'erin', handle: 'erin', displayName: 'Erin E', bio: '', joinedAt: 5, shareVisibility: 'FOLLOWERS' as const };
const EXTRA = {
  users: [ERIN],
  follows: [{ followerId: 'erin', followeeId: 'carol', since: 50 }],
  reviews: [{ id: 'r4', authorId: 'dave', productId: 'p1', rating: 4, title: 'fine', body: '', createdAt: 300, updatedAt: 300 }],
  shares: [
    { id: 's3', sharerId: 'alice', productId: 'p1', audience: 'USER' as const, recipientId: 'bob', message: 'psst', createdAt: 200 },
    { id: 's4', sharerId: 'erin', productId: 'p1', audience: 'FOLLOWERS' as const, recipientId: null, message: 'mine', createdAt: 250 },
  ],
};

const reaction = (followerId: string, daysLater: number) => ({ productId: 'p1', followerId, daysLater, recent: true });
const CAROL_INFLUENCE: InfluenceData = {
  score: 5,
  rank: 1,
  percentile: 100,
  byCategory: [{ categoryId: 'books', score: 5, rank: 1 }],
  explanation: {
    followersReached: 4,
    followersEngaged: 3,
    topCategories: ['books'],
    examples: [{ productId: 'p1', followerId: 'dave', daysLater: 0 }, { productId: 'p1', followerId: 'erin', daysLater: 0 }, { productId: 'p1', followerId: 'alice', daysLater: 0 }],
    reactions: [reaction('dave', 0), reaction('erin', 0), reaction('alice', 0)],
  },
};

/** Every event of the fixture falls in the week of Monday 1969-12-29 (timestamps 10..300 ms). */
const C1: PublishedCommunity = {
  id: 'c1',
  label: 'Readers around carol',
  size: 5,
  members: ['alice', 'bob', 'carol', 'dave', 'erin'],
  topCategories: ['books'],
  opinionLeaders: ['carol'],
  engagement: [{ period: '1969-12-29', reviews: 4, shares: 4, follows: 5, activeMembers: 5 }],
  forecast: [{ period: '1970-01-05', expected: 2, low: 1, high: 3 }],
};

let temp: TempStore;
let server: ServerProcess;
let origin: string;
const admin = (userId = 'dave') => signToken({ jwtSecret: TEST_JWT_SECRET }, { userId, roles: ['admin'], ttl: '1h' });
const manager = (userId = 'dave') => signToken({ jwtSecret: TEST_JWT_SECRET }, { userId, roles: ['manager'], ttl: '1h' });

before(async () => {
  temp = await tempStore();
  await temp.store.bulk.upsert(FIXTURE);
  await temp.store.bulk.upsert(EXTRA);
  await temp.store.models.publish({ kind: 'influence', version: 'inf-1', createdAt: 1, metadata: {} }, [
    [{ entityId: 'carol', data: CAROL_INFLUENCE as unknown as Record<string, unknown> }],
  ]);
  await temp.store.models.publish({ kind: 'forecast', version: 'fc-1', createdAt: 1, metadata: {} }, communityRows([C1]));
  await temp.store.close();
  server = await startServerProcess({ dataDir: temp.dir, env: { SEED_ON_EMPTY: 'false', AUTH_JWT_SECRET: TEST_JWT_SECRET } });
  origin = new URL(server.url).origin;
});
after(async () => {
  await server?.stop();
  await temp?.cleanup();
});

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => post({ query, variables }, headers);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const codes = (a: Answer) => a.body.errors?.map((e) => e.extensions?.code);

async function alive(): Promise<void> {
  const a = await gql('{ __typename }');
  assert.deepEqual(a.body, { data: { __typename: 'Query' } }, 'the server still answers');
}

const offsetCursor = (n: number) => Buffer.from(`offset:${n}`).toString('base64url');

test('1. forged cursors, huge offsets included, are refused and never reach the engine', async () => {
  for (const [field, args] of [
    ['users', 'first: 2, after: $c'],
    ['users', 'last: 2, before: $c'],
    ['products', 'first: 2, after: $c'],
    ['products', 'last: 2, before: $c'],
  ]) {
    for (const cursor of [offsetCursor(10_000), offsetCursor(100_000), offsetCursor(Number.MAX_SAFE_INTEGER), offsetCursor(1)]) {
      const a = await gql(`query ($c: String) { ${field}(${args}) { edges { node { id } } } }`, { c: cursor });
      assert.equal(a.status, 200, `${field}(${args}) with ${cursor}`);
      assert.deepEqual(codes(a), ['BAD_USER_INPUT'], `${field}(${args}) with a forged cursor: ${JSON.stringify(a.body)}`);
    }
  }
  // Cursors the server issued still page.
  const first = await gql('{ users(first: 2) { pageInfo { endCursor } edges { node { handle } } } }');
  const next = await gql('query ($c: String) { users(first: 2, after: $c) { edges { node { handle } } } }', { c: first.body.data.users.pageInfo.endCursor });
  assert.equal(next.body.errors, undefined);
  assert.equal(next.body.data.users.edges.length, 2);
  await alive();
});

test('2. manager-only Community data is not reachable through node(id)', async () => {
  const query = `query ($id: ID!) { node(id: $id) { ... on Community { label members { totalCount } opinionLeaders { handle } engagement { reviews } engagementForecast { expected } } } }`;
  const id = toGlobalId('Community', 'c1');
  const anonymous = await gql(query, { id });
  assert.equal(anonymous.body.data?.node ?? null, null, `anonymous: ${JSON.stringify(anonymous.body)}`);
  const outsider = await gql(query, { id }, bearer(await signToken({ jwtSecret: TEST_JWT_SECRET }, { userId: 'nobody', roles: [], ttl: '1h' })));
  assert.equal(outsider.body.data?.node ?? null, null, `a signed-in non-member: ${JSON.stringify(outsider.body)}`);
  const asManager = await gql(query, { id }, bearer(await manager()));
  assert.equal(asManager.body.data.node.label, 'Readers around carol', 'a manager reads it');
  const member = await gql(query, { id }, { 'x-user-id': 'alice' });
  assert.equal(member.body.data.node.label, 'Readers around carol', 'a member reads their own community');
});

test('3. influence explanations and community engagement count only shares the viewer may see', async () => {
  const query = `query ($id: ID!) { node(id: $id) { ... on User { influence { explanation { followersEngaged examples { follower { handle } } } } } } }`;
  const carol = toGlobalId('User', 'carol');
  const dave = await gql(query, { id: carol }, bearer(await manager('dave')));
  assert.deepEqual(dave.body.data.node.influence.explanation, { followersEngaged: 1, examples: [{ follower: { handle: 'dave' } }] }, JSON.stringify(dave.body));
  const bob = await gql(query, { id: carol }, bearer(await manager('bob')));
  assert.deepEqual(
    bob.body.data.node.influence.explanation,
    { followersEngaged: 2, examples: [{ follower: { handle: 'dave' } }, { follower: { handle: 'alice' } }] },
    'bob received alice’s direct share',
  );
  const self = await gql(query, { id: carol }, { 'x-user-id': 'carol' });
  assert.equal(self.body.data.node.influence.explanation.followersEngaged, 1, 'carol sees neither hidden share');

  const engagement = `query ($id: ID!) { node(id: $id) { ... on Community { engagement { period reviews shares follows activeMembers } } } }`;
  const seen = await gql(engagement, { id: toGlobalId('Community', 'c1') }, bearer(await manager('dave')));
  // Visible to dave: carol's public share only (alice's and bob's are direct, erin's followers-only).
  assert.deepEqual(seen.body.data.node.engagement, [{ period: '1969-12-29', reviews: 4, shares: 1, follows: 5, activeMembers: 5 }], JSON.stringify(seen.body));
});

test('5. the cost limit counts first/last given as variables and their defaults', async () => {
  const nested = (first: string) =>
    `query ($n: Int) { users(${first}) { edges { node { followers(${first}) { edges { node { following(${first}) { edges { node { handle bio displayName } } } } } } } } } }`;
  const literal = await gql(nested('first: 100').replace('query ($n: Int) ', ''));
  assert.equal(literal.status, 400);
  assert.match(literal.body.errors![0].message, /cost/i, 'the literal form is refused');
  for (const [label, query, variables] of [
    ['a variable', nested('first: $n'), { n: 100 }],
    ['a variable default', nested('first: $n').replace('$n: Int', '$n: Int = 100'), {}],
    ['the default page size', nested('').replace(/\(\)/g, '').replace('query ($n: Int) ', ''), {}],
  ] as const) {
    const a = await gql(query, variables);
    assert.equal(a.status, 400, `${label}: ${JSON.stringify(a.body).slice(0, 200)}`);
    assert.match(a.body.errors![0].message, /cost/i, label);
  }
});

test('6. client mistakes are 4xx, not 500', async () => {
  const depth = 20_000;
  const deep = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"query":"{ __typename }","variables":{"unused":${'['.repeat(depth)}1${']'.repeat(depth)}}}`,
  });
  assert.ok(deep.status >= 400 && deep.status < 500, `deeply nested unused variable: ${deep.status}`);

  const token = await admin();
  const res = await fetch(`${origin}/internal/models/recommend/%E0%A4%A/rows`, { headers: bearer(token) });
  assert.equal(res.status, 400, 'malformed percent-encoding');
  assert.equal((await res.json()).errors[0].extensions.code, 'BAD_USER_INPUT');

  const leaders = await gql(`{ node(id: "${toGlobalId('Community', 'c1')}") { ... on Community { opinionLeaders(first: -1) { handle } } } }`, {}, bearer(await manager()));
  assert.deepEqual(codes(leaders), ['BAD_USER_INPUT'], JSON.stringify(leaders.body));
  for (const query of [
    `{ node(id: "${toGlobalId('Community', 'c1')}") { ... on Community { opinionLeaders(first: 101) { handle } } } }`,
    `{ node(id: "${toGlobalId('Product', 'p1')}") { ... on Product { similarProducts(first: -1) { score } } } }`,
    `{ node(id: "${toGlobalId('Product', 'p1')}") { ... on Product { similarProducts(first: 101) { score } } } }`,
  ]) {
    const a = await gql(query, {}, bearer(await manager()));
    assert.deepEqual(codes(a), ['BAD_USER_INPUT'], `${query}: ${JSON.stringify(a.body)}`);
  }
  await alive();
});

test('7. the internal API needs an admin or the server’s own credential, in development too', async () => {
  const snapshot = `${origin}/internal/snapshot/interactions`;
  const status = async (headers: Record<string, string> = {}) => (await fetch(snapshot, { headers })).status;
  assert.equal(await status(), 401, 'no credential');
  assert.equal(await status({ 'x-user-id': 'dave', 'x-user-roles': 'admin,manager' }), 401, 'the development header is no credential here');
  assert.equal(await status(bearer(await manager())), 403, 'a manager');
  assert.equal(await status(bearer(await admin())), 200, 'an admin');
  const local = (await readFile(path.join(temp.dir, 'internal-api.token'), 'utf8')).trim();
  assert.equal(await status(bearer(local)), 200, 'the token the server wrote to its data directory (readable by its OS user only)');
});

test('7. in development the server listens on loopback only by default', async () => {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  if (!address) return void console.log('skipped: this machine has no non-loopback IPv4 address');
  const dev = await startServerProcess({ dataDir: `${temp.dir}-dev`, env: { SEED_ON_EMPTY: 'false', HOST: undefined } });
  try {
    const port = new URL(dev.url).port;
    const fromNetwork = await fetch(`http://${address}:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': 'nobody', 'x-user-roles': 'admin' },
      body: '{"query":"{ __typename }"}',
    }).then(
      (r) => `answered ${r.status}`,
      (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
    );
    assert.equal(fromNetwork, 'ECONNREFUSED', `a request to ${address}:${port}`);
  } finally {
    await dev.stop();
    await rm(`${temp.dir}-dev`, { recursive: true, force: true });
  }
});
