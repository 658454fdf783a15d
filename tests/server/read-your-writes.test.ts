/**
 * Read-your-writes under the response cache: after every kind of mutation, each page a client may
 * hold in the cache (product pages, profiles as different viewers, feeds of the writer's
 * followers, sorted lists with their counts) answers exactly what a server without a cache
 * answers from the same store, and at least the pages the write changes did change. Pages the
 * write does not touch stay cached (invalidation is by entity, not all-or-nothing).
 *
 * Test community: user i is followed by users i+1..i+6 and sent share s<i> (to followers when i
 * is even, else directly to user i+1).
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import { toGlobalId } from '../../src/domain/ids';
import { startServer, type RunningServer } from '../../src/server/app';
import { startTestApi, testConfig, type TestApi } from '../graphql/support/api';
import { handleOf, productId, userId } from '../graphql/support/community';

let api: TestApi;
/** The same store behind a server without a response cache: the truth every cached answer must equal. */
let truth: RunningServer;
let managerToken: string;

before(async () => {
  api = await startTestApi();
  truth = await startServer(testConfig({ responseCacheMb: 0 }), api.store);
  managerToken = await api.token('u00', ['manager']);
});
after(async () => {
  await truth?.close();
  await api?.close();
});

interface Page {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The viewer's user number (a Bearer token: the development header would cost a lookup per request). */
  as?: number;
}

const tokens = new Map<number, Promise<string>>();
function tokenOf(i: number): Promise<string> {
  if (!tokens.has(i)) tokens.set(i, api.token(userId(i)));
  return tokens.get(i)!;
}

async function post(url: string, page: Page): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(page.as === undefined ? {} : { authorization: `Bearer ${await tokenOf(page.as)}` }) },
    body: JSON.stringify({ query: page.query, variables: page.variables }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  assert.equal(body.errors, undefined, `${page.name}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const cached = (page: Page) => post(api.server.url, page);

/** Round trips the cached server spends on a page (0: answered from the cache). */
async function roundTrips(page: Page): Promise<number> {
  const before = api.store.stats.roundTrips;
  await cached(page);
  return api.store.stats.roundTrips - before;
}

const PROFILE = `query Profile($handle: String!) { user(handle: $handle) {
  displayName bio shareVisibility viewerFollows
  followers(first: 20) { totalCount edges { node { handle displayName } } }
  following(first: 20) { totalCount edges { node { handle } } }
  reviews(first: 20) { totalCount edges { node { id title rating helpfulVotes product { name reviewCount averageRating } } } }
  shares(first: 20) { totalCount edges { node { id message } } }
} }`;
const PRODUCT = `query Product($id: ID!) { product(id: $id) {
  name description price { amount } reviewCount averageRating
  newest: reviews(first: 50) { totalCount edges { node { id title rating helpfulVotes author { handle displayName } } } }
  helpful: reviews(first: 5, sort: MOST_HELPFUL) { edges { node { id helpfulVotes } } }
} }`;
const FEED = `query Feed { feed(first: 30) { totalCount edges { node { __typename
  ... on Review { id title rating helpfulVotes author { displayName } product { reviewCount averageRating } }
  ... on Share { id message sharer { displayName } }
} } } }`;
const LISTS = `query Lists {
  mostReviewed: products(first: 5, sort: MOST_REVIEWED) { totalCount edges { node { id reviewCount averageRating } } }
  topRated: products(first: 5, sort: TOP_RATED) { edges { node { id averageRating } } }
  mostFollowed: users(first: 5, sort: MOST_FOLLOWED) { totalCount edges { node { handle followers { totalCount } } } }
  categories { name products(first: 3, sort: MOST_REVIEWED) { edges { node { id reviewCount } } } }
}`;
const NEWCOMER = `{ user(handle: "newcomer") { handle displayName } }`;

const profile = (i: number, as?: number): Page => ({
  name: `profile of ${i} as ${as ?? 'anonymous'}`,
  query: PROFILE,
  variables: { handle: handleOf(i) },
  as,
});
const product = (i: number): Page => ({ name: `product ${i}`, query: PRODUCT, variables: { id: toGlobalId('Product', productId(i)) } });
const feed = (as: number): Page => ({ name: `feed of ${as}`, query: FEED, as });

/** Every page a test looks at; a write must never leave any of them stale. */
const PAGES: Page[] = [
  product(3),
  product(4),
  profile(10),
  profile(10, 11), // a follower of 10
  profile(10, 30), // not a follower
  profile(20, 10),
  profile(11, 10),
  feed(11), // follows 10
  feed(12), // follows 10
  feed(10),
  feed(21), // recipient of 20's direct shares... and of 10's, below
  { name: 'sorted lists', query: LISTS },
  { name: 'newcomer', query: NEWCOMER },
];

/** Fills the cache with every page and checks the repeat is a hit. */
async function warm(): Promise<Map<string, unknown>> {
  const answers = new Map<string, unknown>();
  for (const page of PAGES) answers.set(page.name, await cached(page));
  for (const page of PAGES) assert.equal(await roundTrips(page), 0, `${page.name} is cached`);
  return answers;
}

/**
 * Warms the cache, runs `write`, then checks that every page equals the uncached truth and that the
 * pages in `changes` did change.
 */
async function afterWrite(write: () => Promise<unknown>, changes: string[]): Promise<void> {
  const before = await warm();
  await write();
  for (const page of PAGES) {
    const [got, expected] = [await cached(page), await post(truth.url, page)];
    assert.deepEqual(got, expected, `${page.name} after the write equals an uncached answer`);
    if (changes.includes(page.name)) assert.notDeepEqual(got, before.get(page.name), `${page.name} changed`);
  }
  for (const name of changes) assert.ok(PAGES.some((p) => p.name === name), `${name} is a page`);
}

async function mutate(query: string, variables: Record<string, unknown>, as?: number, token?: string): Promise<void> {
  const res = await api.gql(query, { variables, as: as === undefined ? undefined : handleOf(as), token });
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
}

test('writeReview: the product page (counts, average, list), the author\'s profile, sorted lists and followers\' feeds', async () => {
  await afterWrite(
    () =>
      mutate(`mutation ($input: WriteReviewInput!) { writeReview(input: $input) { id } }`, {
        input: { productId: toGlobalId('Product', productId(3)), rating: 5, title: 'Fresh', body: 'Just written.' },
      }, 10),
    ['product 3', 'profile of 10 as anonymous', 'profile of 10 as 11', 'feed of 11', 'feed of 12', 'sorted lists'],
  );
  // Fine-grained: a product and a profile the write did not touch are still answered from the cache.
  await cached(product(5));
  await cached(profile(40));
  await mutate(`mutation ($input: WriteReviewInput!) { writeReview(input: $input) { id } }`, {
    input: { productId: toGlobalId('Product', productId(4)), rating: 1, title: 'Another' },
  }, 11);
  assert.equal(await roundTrips(product(5)), 0, 'an untouched product page stays cached');
  assert.equal(await roundTrips(profile(40)), 0, 'an untouched profile stays cached');
});

test('voteReviewHelpful: helpful counts and the MOST_HELPFUL order everywhere the review shows', async () => {
  await afterWrite(
    () => mutate(`mutation ($id: ID!) { voteReviewHelpful(id: $id) { helpfulVotes } }`, { id: toGlobalId('Review', 'r10-0') }, 30),
    ['profile of 10 as anonymous', 'feed of 11'],
  );
});

test('updateReview and deleteReview: ratings, averages and counts', async () => {
  // r10-1 is user 10's review of product 11; r10-2 of product 12: put them on pages first.
  PAGES.push(product(11), product(12));
  try {
    await afterWrite(
      () => mutate(`mutation ($id: ID!) { updateReview(id: $id, input: { rating: 1, title: "Changed my mind" }) { id } }`, { id: toGlobalId('Review', 'r10-1') }, 10),
      ['product 11', 'profile of 10 as anonymous', 'feed of 11'],
    );
    await afterWrite(
      () => mutate(`mutation ($id: ID!) { deleteReview(id: $id) { id } }`, { id: toGlobalId('Review', 'r10-2') }, 10),
      ['product 12', 'profile of 10 as anonymous', 'feed of 11'],
    );
  } finally {
    PAGES.splice(-2);
  }
});

test("follow and unfollow: both users' lists and counts, viewerFollows, the follower's feed, MOST_FOLLOWED", async () => {
  await afterWrite(
    () => mutate(`mutation ($id: ID!) { follow(userId: $id) { id } }`, { id: toGlobalId('User', userId(20)) }, 10),
    ['profile of 20 as 10', 'profile of 10 as anonymous', 'feed of 10'],
  );
  await afterWrite(
    () => mutate(`mutation ($id: ID!) { unfollow(userId: $id) { id } }`, { id: toGlobalId('User', userId(10)) }, 11),
    ['profile of 10 as 11', 'profile of 11 as 10', 'feed of 11'],
  );
  await mutate(`mutation ($id: ID!) { follow(userId: $id) { id } }`, { id: toGlobalId('User', userId(10)) }, 11);
});

test('a write drops only answers that show what it changed; one that changed nothing drops none', async () => {
  const stillCached = async (names: string[]) => {
    for (const page of PAGES.filter((p) => names.includes(p.name))) assert.equal(await roundTrips(page), 0, `${page.name} stays cached`);
  };
  const allCached = () => stillCached(PAGES.map((p) => p.name));
  // A new bio shows on 10's profile only: 10's reviews and names elsewhere stay cached.
  await afterWrite(() => mutate(`mutation { updateProfile(input: { bio: "Only the bio" }) { id } }`, {}, 10), ['profile of 10 as anonymous']);
  await warm();
  await mutate(`mutation { updateProfile(input: { bio: "Another bio" }) { id } }`, {}, 10);
  await stillCached(['product 3', 'feed of 11', 'profile of 11 as 10']);
  await warm();
  await mutate(`mutation { updateProfile(input: { bio: "Another bio" }) { id } }`, {}, 10);
  await allCached();
  await mutate(`mutation ($id: ID!) { voteReviewHelpful(id: $id) { helpfulVotes } }`, { id: toGlobalId('Review', 'r10-0') }, 31);
  await warm();
  await mutate(`mutation ($id: ID!) { voteReviewHelpful(id: $id) { helpfulVotes } }`, { id: toGlobalId('Review', 'r10-0') }, 31);
  await allCached();
  // 12 follows 20, whose followers (21...) keep their feeds: only 12's own view of 20's shares changes.
  await afterWrite(() => mutate(`mutation ($id: ID!) { follow(userId: $id) { id } }`, { id: toGlobalId('User', userId(20)) }, 12), ['feed of 12']);
  await warm();
  await mutate(`mutation ($id: ID!) { follow(userId: $id) { id } }`, { id: toGlobalId('User', userId(20)) }, 12);
  await allCached();
  await afterWrite(() => mutate(`mutation ($id: ID!) { unfollow(userId: $id) { id } }`, { id: toGlobalId('User', userId(20)) }, 12), ['feed of 12']);
  await mutate(`mutation ($id: ID!) { unfollow(userId: $id) { id } }`, { id: toGlobalId('User', userId(20)) }, 12);
  await allCached();
});

test('shareProduct: to followers shows in their feeds; to one user in theirs only', async () => {
  await afterWrite(
    () => mutate(`mutation ($input: ShareProductInput!) { shareProduct(input: $input) { id } }`, {
      input: { productId: toGlobalId('Product', productId(7)), message: 'For all of you' },
    }, 10),
    ['profile of 10 as anonymous', 'feed of 11', 'feed of 12'],
  );
  await afterWrite(
    () => mutate(`mutation ($input: ShareProductInput!) { shareProduct(input: $input) { id } }`, {
      input: { productId: toGlobalId('Product', productId(8)), recipientId: toGlobalId('User', userId(21)), message: 'Just for you' },
    }, 10),
    ['feed of 21'],
  );
});

test('updateProfile: the name wherever it shows (lists, reviews, feeds), and share visibility', async () => {
  await afterWrite(
    () => mutate(`mutation { updateProfile(input: { displayName: "Ten, renamed", bio: "New bio" }) { id } }`, {}, 10),
    ['profile of 10 as anonymous', 'profile of 10 as 11', 'product 3', 'feed of 11'],
  );
  // Followers only: the anonymous and non-follower pages lose 10's shares, the follower's keeps them.
  await afterWrite(
    () => mutate(`mutation { updateProfile(input: { shareVisibility: FOLLOWERS }) { id } }`, {}, 10),
    ['profile of 10 as anonymous', 'profile of 10 as 30'],
  );
  const shares = (data: unknown) => (data as { user: { shares: { totalCount: number } } }).user.shares.totalCount;
  assert.equal(shares(await cached(profile(10, 30))), 0, 'a non-follower no longer sees them');
  assert.ok(shares(await cached(profile(10, 11))) > 0, 'a follower still does');
  await mutate(`mutation { updateProfile(input: { shareVisibility: PUBLIC }) { id } }`, {}, 10);
});

test('updateProduct (manager): the product page, reviews and feeds showing it, sorted lists', async () => {
  await afterWrite(
    () => mutate(`mutation ($id: ID!) { updateProduct(id: $id, input: { name: "Renamed product", price: 99.5 }) { id } }`, {
      id: toGlobalId('Product', productId(3)),
    }, undefined, managerToken),
    ['product 3'],
  );
});

test('createUser: a handle that was missing is found at once', async () => {
  await afterWrite(
    () => mutate(`mutation { createUser(input: { handle: "newcomer", displayName: "New" }) { id } }`, {}),
    ['newcomer'],
  );
});

test('writes outside GraphQL (store calls by imports and tools) invalidate as well', async () => {
  await afterWrite(() => api.store.users.updateProfile(userId(10), { displayName: 'Renamed in the store' }), ['profile of 10 as anonymous']);
  await afterWrite(() => api.store.follows.follow(userId(30), userId(10), Date.now()), ['profile of 10 as anonymous']);
});

test('privacy under caching: an answer cached for one viewer is never served to another, and follows the rules after writes', async () => {
  // s21 is user 21's direct share to user 22; s20 is user 20's share to followers (21..26).
  const shares = (i: number): Page => ({ name: `shares of ${i}`, query: PROFILE, variables: { handle: handleOf(i) } });
  const node = (id: string): Page => ({ name: `node ${id}`, query: `query ($id: ID!) { node(id: $id) { id ... on Share { message } } }`, variables: { id: toGlobalId('Share', id) } });
  const viewers = [21, 22, 23, 30, undefined];
  const check = async () => {
    for (const as of viewers) {
      for (const page of [shares(21), shares(20), node('s21'), node('s20'), feed(22)]) {
        if (page.name.startsWith('feed') && as === undefined) continue;
        const asViewer = page.name.startsWith('feed') ? { ...page, as: as! } : { ...page, as };
        const got = await cached(asViewer);
        assert.deepEqual(got, await post(truth.url, asViewer), `${page.name} as ${as ?? 'anonymous'}`);
      }
    }
  };
  await check(); // fills the cache, recipient and sharer first
  await check(); // answered from it
  const directShare = (data: unknown) => (data as { node: unknown }).node;
  assert.equal(directShare(await cached({ ...node('s21'), as: 30 })), null, 'a stranger never sees a cached direct share');
  assert.notEqual(directShare(await cached({ ...node('s21'), as: 22 })), null, 'its recipient does');

  // 20 restricts shares to followers, then 23 (a follower) unfollows: cached pages must follow.
  await mutate(`mutation { updateProfile(input: { shareVisibility: FOLLOWERS }) { id } }`, {}, 20);
  await check();
  assert.equal(directShare(await cached({ ...node('s20'), as: 30 })), null, 'hidden from a non-follower at once');
  assert.notEqual(directShare(await cached({ ...node('s20'), as: 23 })), null);
  await mutate(`mutation ($id: ID!) { unfollow(userId: $id) { id } }`, { id: toGlobalId('User', userId(20)) }, 23);
  await check();
  assert.equal(directShare(await cached({ ...node('s20'), as: 23 })), null, 'hidden from a former follower at once');
  await mutate(`mutation ($id: ID!) { follow(userId: $id) { id } }`, { id: toGlobalId('User', userId(20)) }, 23);
  await mutate(`mutation { updateProfile(input: { shareVisibility: PUBLIC }) { id } }`, {}, 20);
});
