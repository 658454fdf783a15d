import assert from 'node:assert/strict';
import { describe, test } from '../support/node-test';
import { CASCADE_DAYS, DEFAULT_GENERATOR_OPTIONS, generateCommunity } from '../../seeds/generator';
import { cascadeRates, communityDensity, followerCounts } from './signals';
import { SMALL_COMMUNITY as SMALL } from './small';

describe('generateCommunity determinism', () => {
  test('the same seed gives identical rows and truth', () => {
    assert.deepEqual(generateCommunity({ ...SMALL, seed: 7 }), generateCommunity({ ...SMALL, seed: 7 }));
  });

  test('a different seed gives different data', () => {
    const a = generateCommunity({ ...SMALL, seed: 7 });
    const b = generateCommunity({ ...SMALL, seed: 8 });
    assert.notDeepEqual(a.batch.users, b.batch.users);
    assert.notDeepEqual(a.batch.reviews, b.batch.reviews);
  });

  test('rejects inconsistent options', () => {
    assert.throws(() => generateCommunity({ ...SMALL, categories: 3, communities: 4 }), /one category per community/);
    assert.throws(() => generateCommunity({ ...SMALL, users: -1 }), /users/);
  });
});

describe('generateCommunity at the default size', () => {
  const { batch, truth } = generateCommunity();
  const end = DEFAULT_GENERATOR_OPTIONS.end;

  test('has the requested sizes and deterministic ids', () => {
    const { users, products, categories, reviews, follows, shares } = DEFAULT_GENERATOR_OPTIONS;
    assert.deepEqual(truth.sizes, { users, categories, products, reviews, follows, shares });
    for (const key of Object.keys(truth.sizes) as (keyof typeof truth.sizes)[]) assert.equal(batch[key].length, truth.sizes[key]);
    assert.equal(batch.users[0].id, 'u0001');
    assert.equal(batch.products[999].id, 'p1000');
    assert.equal(batch.categories[0].id, 'c01');
    assert.equal(batch.reviews[0].id, 'r000001');
    assert.equal(batch.shares[0].id, 's00001');
  });

  test('rows are valid and consistent with each other', () => {
    const users = new Map(batch.users.map((u) => [u.id, u]));
    const products = new Map(batch.products.map((p) => [p.id, p]));
    const categories = new Set(batch.categories.map((c) => c.id));
    assert.equal(new Set(batch.users.map((u) => u.handle)).size, batch.users.length, 'handles are unique');
    for (const u of batch.users) assert.match(u.handle, /^[a-z0-9_]{3,30}$/);
    for (const p of batch.products) assert.ok(categories.has(p.categoryId) && p.price > 0 && p.createdAt < end);

    const pairs = new Set(batch.reviews.map((r) => `${r.authorId}|${r.productId}`));
    assert.equal(pairs.size, batch.reviews.length, 'one review per (user, product)');
    for (const r of batch.reviews) {
      assert.ok(Number.isInteger(r.rating) && r.rating >= 1 && r.rating <= 5);
      assert.ok(r.createdAt >= users.get(r.authorId)!.joinedAt && r.createdAt >= products.get(r.productId)!.createdAt && r.createdAt <= end);
      assert.ok(r.title.length > 0 && r.body.length > 0 && r.helpfulVotes >= 0);
    }
    const ratings = batch.reviews.map((r) => r.rating);
    assert.ok(ratings.filter((x) => x >= 4).length > ratings.length * 0.6, 'ratings skew positive');

    const follows = new Set(batch.follows.map((f) => `${f.followerId}>${f.followeeId}`));
    assert.equal(follows.size, batch.follows.length, 'no repeated follow');
    for (const f of batch.follows) {
      assert.notEqual(f.followerId, f.followeeId);
      assert.ok(Number.isInteger(f.since) && f.since >= users.get(f.followerId)!.joinedAt && f.since <= end);
    }
    for (const s of batch.shares) {
      assert.ok(users.has(s.sharerId) && products.has(s.productId) && s.createdAt <= end);
      assert.equal(s.audience === 'USER', s.recipientId !== null);
      if (s.recipientId) assert.ok(users.has(s.recipientId) && s.recipientId !== s.sharerId);
    }
    assert.ok(batch.shares.some((s) => s.audience === 'USER') && batch.shares.some((s) => s.audience === 'FOLLOWERS'));
  });

  test('follower counts are heavy-tailed', () => {
    const counts = [...followerCounts(batch).values()].sort((a, b) => a - b);
    const median = counts[counts.length >> 1];
    assert.ok(counts.at(-1)! >= 20 * Math.max(1, median), `max ${counts.at(-1)} vs median ${median}`);
  });

  test('influencers are spread over communities and are among the most followed', () => {
    assert.equal(truth.influencers.length, DEFAULT_GENERATOR_OPTIONS.influencers);
    for (const c of truth.communities) assert.ok(truth.influencers.some((u) => truth.userCommunity[u] === c.id), `${c.name} has an influencer`);
    const top = [...followerCounts(batch)].sort((a, b) => b[1] - a[1]).slice(0, 2 * truth.influencers.length).map(([id]) => id);
    const found = truth.influencers.filter((u) => top.includes(u)).length;
    assert.ok(found >= 0.8 * truth.influencers.length, `${found} influencers among the top followed`);
  });

  test("influencers' followers review the same products within days", () => {
    const rates = cascadeRates(batch, truth, CASCADE_DAYS);
    assert.ok(rates.influencerProducts > 0.6, `influencer products followed up: ${rates.influencerProducts}`);
    assert.ok(rates.influencerProducts > 5 * rates.otherProducts, JSON.stringify(rates));
    assert.ok(rates.influencerPairs > 3 * rates.otherPairs, JSON.stringify(rates));
  });

  test('communities are dense inside and review their own categories', () => {
    const d = communityDensity(batch, truth);
    assert.ok(d.insideFraction > 0.75, `inside fraction ${d.insideFraction}`);
    assert.ok(d.insideDensity > 10 * d.outsideDensity, JSON.stringify(d));
    assert.equal(Object.keys(truth.userCommunity).length, batch.users.length);
    assert.equal(truth.communities.reduce((s, c) => s + c.members.length, 0), batch.users.length);

    const categoryOf = new Map(batch.products.map((p) => [p.id, p.categoryId]));
    const own = new Map(truth.communities.map((c) => [c.id, new Set(c.categoryIds)]));
    const inTaste = batch.reviews.filter((r) => own.get(truth.userCommunity[r.authorId])!.has(categoryOf.get(r.productId)!)).length;
    assert.ok(inTaste > 0.7 * batch.reviews.length, `reviews in own categories: ${inTaste}`);
  });
});
