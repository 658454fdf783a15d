import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../src/domain/errors';
import { ALL, FIXTURE, forEachEngine } from './fixture';

forEachEngine('contract: writes', ({ store }) => {
  test('createUser enforces unique handles and updateProfile patches only given fields', async () => {
    const s = store();
    const erin = await s.users.create({ handle: 'erin', displayName: 'Erin', bio: 'hi' }, { id: 'erin', at: 50 });
    assert.deepEqual(erin, { id: 'erin', handle: 'erin', displayName: 'Erin', bio: 'hi', joinedAt: 50, shareVisibility: 'PUBLIC' });
    await assert.rejects(s.users.create({ handle: 'erin', displayName: 'Other' }, { id: 'erin2', at: 51 }), ConflictError);
    assert.deepEqual(await s.users.get(['erin2']), [null]);
    const patched = await s.users.updateProfile('erin', { bio: 'hello' });
    assert.deepEqual([patched.displayName, patched.bio], ['Erin', 'hello']);
    await assert.rejects(s.users.updateProfile('nobody', { bio: 'x' }), NotFoundError);
  });

  test('follow is idempotent, keeps the first since, refuses self and unknown users', async () => {
    const s = store();
    await s.follows.follow('dave', 'alice', 60);
    await s.follows.follow('dave', 'alice', 61);
    const [alice] = await s.follows.followers(['alice'], ALL);
    assert.deepEqual(alice.items.map((e) => [e.user.id, e.since]), [['dave', 60]]);
    await assert.rejects(s.follows.follow('dave', 'dave', 62), InvalidInputError);
    await assert.rejects(s.follows.follow('dave', 'nobody', 62), NotFoundError);
    await s.follows.unfollow('dave', 'alice');
    await s.follows.unfollow('dave', 'alice');
    assert.equal((await s.follows.followers(['alice'], ALL))[0].totalCount, 0);
  });

  test('products are created in an existing category and patched, moving category when asked', async () => {
    const s = store();
    await assert.rejects(
      s.products.create({ name: 'X', price: 1, currency: 'EUR', categoryId: 'nope' }, { id: 'px', at: 70 }),
      NotFoundError,
    );
    assert.deepEqual(await s.products.get(['px']), [null]);
    const p = await s.products.create({ name: 'Go board', price: 19.99, currency: 'EUR', categoryId: 'games' }, { id: 'p4', at: 70 });
    assert.deepEqual([p.price, p.reviewCount, p.categoryId, p.description], [19.99, 0, 'games', '']);
    const moved = await s.products.update('p4', { categoryId: 'books', price: 5 });
    assert.deepEqual([moved.categoryId, moved.price, moved.name], ['books', 5, 'Go board']);
    const [games] = await s.products.inCategories(['games'], 'NAME', ALL);
    assert.deepEqual(games.items.map((x) => x.id), ['p3']);
    await assert.rejects(s.products.update('p4', { categoryId: 'nope' }), NotFoundError);
    assert.equal((await s.products.get(['p4']))[0]?.categoryId, 'books');
  });

  test('a review per author and product; counters follow writes, updates and deletes', async () => {
    const s = store();
    const r = await s.reviews.write('alice', { productId: 'p3', rating: 2, title: 't', body: 'b' }, { id: 'r9', at: 80 });
    assert.deepEqual([r.authorId, r.productId, r.rating, r.createdAt, r.updatedAt], ['alice', 'p3', 2, 80, 80]);
    await assert.rejects(s.reviews.write('alice', { productId: 'p3', rating: 5 }, { id: 'r10', at: 81 }), ConflictError);
    await assert.rejects(s.reviews.write('alice', { productId: 'nope', rating: 5 }, { id: 'r10', at: 81 }), NotFoundError);
    assert.deepEqual(await s.reviews.get(['r10']), [null]);
    let [p3] = await s.products.get(['p3']);
    assert.deepEqual([p3?.reviewCount, p3?.ratingSum], [1, 2]);
    const updated = await s.reviews.update('r9', { rating: 5 }, 90);
    assert.deepEqual([updated.rating, updated.title, updated.updatedAt, updated.createdAt], [5, 't', 90, 80]);
    [p3] = await s.products.get(['p3']);
    assert.deepEqual([p3?.reviewCount, p3?.ratingSum], [1, 5]);
    const deleted = await s.reviews.delete('r9');
    assert.equal(deleted.id, 'r9');
    [p3] = await s.products.get(['p3']);
    assert.deepEqual([p3?.reviewCount, p3?.ratingSum], [0, 0]);
    await assert.rejects(s.reviews.delete('r9'), NotFoundError);
  });

  test('helpful votes count once per voter', async () => {
    const s = store();
    await s.reviews.voteHelpful('alice', 'r1', 91);
    const again = await s.reviews.voteHelpful('alice', 'r1', 92);
    assert.equal(again.helpfulVotes, 1);
    assert.equal((await s.reviews.voteHelpful('dave', 'r1', 93)).helpfulVotes, 2);
    await assert.rejects(s.reviews.voteHelpful('alice', 'nope', 94), NotFoundError);
  });

  test('review lists follow votes and rating changes in their order (the edges copy the sort keys)', async () => {
    const s = store();
    const order = async (sort: 'MOST_HELPFUL' | 'HIGHEST_RATING') => [
      (await s.reviews.ofProducts(['p1'], sort, ALL))[0].items.map((r) => r.id),
      (await s.reviews.ofProducts(['p1', 'p2'], sort, ALL))[0].items.map((r) => r.id),
    ];
    for (const voter of ['alice', 'bob', 'dave']) await s.reviews.voteHelpful(voter, 'r3', 95);
    assert.deepEqual(await order('MOST_HELPFUL'), [['r3', 'r1'], ['r3', 'r1']]);
    assert.deepEqual(await order('HIGHEST_RATING'), [['r1', 'r3'], ['r1', 'r3']]);
    await s.reviews.update('r3', { rating: 5 }, 96);
    assert.deepEqual(await order('HIGHEST_RATING'), [['r3', 'r1'], ['r3', 'r1']], 'ties broken by the newest');
    const [carol] = await s.reviews.byAuthors(['carol'], 'LOWEST_RATING', ALL);
    assert.deepEqual(carol.items.map((r) => [r.id, r.rating, r.helpfulVotes]), [['r3', 5, 3]]);
    await s.reviews.update('r3', { rating: 4 }, 97);
  });

  test('shares go to followers or to one existing other user', async () => {
    const s = store();
    const toAll = await s.shares.create('alice', { productId: 'p1', message: 'read this' }, { id: 's9', at: 95 });
    assert.deepEqual([toAll.audience, toAll.recipientId], ['FOLLOWERS', null]);
    const direct = await s.shares.create('alice', { productId: 'p1', recipientId: 'dave' }, { id: 's10', at: 96 });
    assert.deepEqual([direct.audience, direct.recipientId, direct.message], ['USER', 'dave', '']);
    await assert.rejects(s.shares.create('alice', { productId: 'p1', recipientId: 'alice' }, { id: 's11', at: 97 }), InvalidInputError);
    await assert.rejects(s.shares.create('alice', { productId: 'p1', recipientId: 'nobody' }, { id: 's11', at: 97 }), NotFoundError);
    assert.deepEqual(await s.shares.get(['s11'], 'alice'), [null]);
  });

  test('a transaction that throws leaves nothing behind', async () => {
    const s = store();
    const before = await s.bulk.counts();
    // Valid users followed by a review of an unknown product: the whole batch must roll back.
    await assert.rejects(
      s.bulk.upsert({
        users: [{ id: 'ghost', handle: 'ghost', displayName: 'G', bio: '', joinedAt: 1 }],
        reviews: [{ id: 'rg', authorId: 'ghost', productId: 'nope', rating: 3, title: '', body: '', createdAt: 1, updatedAt: 1 }],
      }),
      NotFoundError,
    );
    assert.deepEqual(await s.bulk.counts(), before);
    assert.deepEqual(await s.users.get(['ghost']), [null]);
  });

  test('bulk upsert is idempotent and recount repairs derived values', async () => {
    const s = store();
    const before = await s.bulk.counts();
    const again = await s.bulk.upsert(FIXTURE);
    assert.deepEqual(again, { users: 0, categories: 0, products: 0, reviews: 0, follows: 0, shares: 0 });
    assert.deepEqual(await s.bulk.counts(), before);
    await s.bulk.recount();
    const [dune] = await s.products.get(['p1']);
    assert.deepEqual([dune?.reviewCount, dune?.ratingSum], [2, 9]);
    const [helpful] = await s.reviews.ofProducts(['p1'], 'MOST_HELPFUL', ALL);
    assert.deepEqual(helpful.items.map((r) => [r.id, r.helpfulVotes]), [['r3', 3], ['r1', 2]], 'edge copies agree with their reviews');
  });
});
