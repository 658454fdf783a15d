import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { ALL, forEachEngine } from './fixture';

forEachEngine('contract: reads', ({ store }) => {
  test('batched lookups answer in the order asked, null for unknown ids', async () => {
    const users = await store().users.get(['carol', 'nobody', 'alice']);
    assert.deepEqual(users.map((u) => u?.handle ?? null), ['carol', null, 'alice']);
    const byHandle = await store().users.getByHandle(['BOB', 'zed']);
    assert.deepEqual(byHandle.map((u) => u?.id ?? null), ['bob', null]);
    const products = await store().products.get(['p3', 'p1']);
    assert.deepEqual(products.map((p) => [p?.name, p?.categoryId]), [['Chess set', 'games'], ['Dune', 'books']]);
    const categories = await store().categories.get(['games', 'x']);
    assert.deepEqual(categories, [{ id: 'games', name: 'Games' }, null]);
  });

  test('product counters reflect the bulk-loaded reviews', async () => {
    const [dune, emma, chess] = await store().products.get(['p1', 'p2', 'p3']);
    assert.deepEqual([dune?.reviewCount, dune?.ratingSum], [2, 9]);
    assert.deepEqual([emma?.reviewCount, emma?.ratingSum], [1, 3]);
    assert.deepEqual([chess?.reviewCount, chess?.ratingSum], [0, 0]);
  });

  test('users list filters, sorts and pages', async () => {
    const s = store();
    const newest = await s.users.list({ filter: {}, sort: 'NEWEST', page: { offset: 1, limit: 2 } });
    assert.equal(newest.totalCount, 4);
    assert.deepEqual(newest.items.map((u) => u.id), ['carol', 'bob']);
    const followed = await s.users.list({ filter: {}, sort: 'MOST_FOLLOWED', page: { offset: 0, limit: 1 } });
    assert.equal(followed.items[0].id, 'carol');
    const search = await s.users.list({ filter: { search: 'ALICE' }, sort: 'HANDLE', page: ALL });
    assert.deepEqual([search.totalCount, search.items[0].id], [1, 'alice']);
    const countOnly = await s.users.list({ filter: {}, sort: 'HANDLE', page: { offset: 0, limit: 0 } });
    assert.deepEqual([countOnly.totalCount, countOnly.items.length], [4, 0]);
  });

  test('follower and following lists are per parent, newest first, with totals', async () => {
    const [carol, alice, nobody] = await store().follows.followers(['carol', 'alice', 'nobody'], { offset: 0, limit: 2 });
    assert.equal(carol.totalCount, 3);
    assert.deepEqual(carol.items.map((e) => [e.user.id, e.since]), [['dave', 40], ['bob', 30]]);
    assert.deepEqual([alice.totalCount, alice.items], [0, []]);
    assert.deepEqual([nobody.totalCount, nobody.items], [0, []]);
    const [following] = await store().follows.following(['alice'], { offset: 1, limit: 5 });
    assert.deepEqual([following.totalCount, following.items.map((e) => e.user.id)], [2, ['bob']]);
    assert.deepEqual(
      await store().follows.exists([
        { followerId: 'alice', followeeId: 'bob' },
        { followerId: 'bob', followeeId: 'alice' },
      ]),
      [true, false],
    );
  });

  test('products filter by category, rating and name, and sort', async () => {
    const s = store();
    const books = await s.products.list({ filter: { categoryId: 'books' }, sort: 'NAME', page: ALL });
    assert.deepEqual(books.items.map((p) => p.id), ['p1', 'p2']);
    const good = await s.products.list({ filter: { minRating: 4 }, sort: 'TOP_RATED', page: ALL });
    assert.deepEqual(good.items.map((p) => p.id), ['p1']);
    const named = await s.products.list({ filter: { search: 'CHESS' }, sort: 'NEWEST', page: ALL });
    assert.deepEqual(named.items.map((p) => p.id), ['p3']);
    const reviewed = await s.products.list({ filter: {}, sort: 'MOST_REVIEWED', page: ALL });
    assert.deepEqual(reviewed.items.map((p) => p.id), ['p1', 'p2', 'p3']);
    const [inBooks, inGames] = await s.products.inCategories(['books', 'games'], 'NEWEST', ALL);
    assert.deepEqual([inBooks.items.map((p) => p.id), inGames.totalCount], [['p2', 'p1'], 1]);
  });

  test('reviews of products and by authors sort as asked', async () => {
    const s = store();
    const [dune] = await s.reviews.ofProducts(['p1'], 'HIGHEST_RATING', ALL);
    assert.deepEqual(dune.items.map((r) => [r.id, r.authorId, r.rating]), [['r1', 'bob', 5], ['r3', 'carol', 4]]);
    const [bobs] = await s.reviews.byAuthors(['bob'], 'NEWEST', { offset: 0, limit: 1 });
    assert.deepEqual([bobs.totalCount, bobs.items.map((r) => r.id)], [2, ['r2']]);
    const [lowest] = await s.reviews.ofProducts(['p1'], 'LOWEST_RATING', ALL);
    assert.equal(lowest.items[0].id, 'r3');
  });

  test('shares carry their audience and recipient', async () => {
    const [s1, s2] = await store().shares.get(['s1', 's2'], 'alice');
    assert.deepEqual([s1?.audience, s1?.recipientId], ['FOLLOWERS', null]);
    assert.deepEqual([s2?.audience, s2?.recipientId, s2?.sharerId], ['USER', 'alice', 'bob']);
    const [bobs] = await store().shares.byUsers(['bob'], ALL, 'alice');
    assert.deepEqual(bobs.items.map((s) => s.id), ['s2']);
  });

  test('the feed holds followees’ reviews and follower shares plus direct shares, newest first', async () => {
    const feed = await store().feed.of('alice', ALL);
    assert.deepEqual(
      feed.items.map((e) => `${e.kind}:${e.item.id}`),
      ['SHARE:s2', 'SHARE:s1', 'REVIEW:r3', 'REVIEW:r2', 'REVIEW:r1'],
    );
    const page = await store().feed.of('alice', { offset: 1, limit: 2 });
    assert.deepEqual([page.totalCount, page.items.map((e) => e.item.id)], [5, ['s1', 'r3']]);
    // dave follows carol only: bob's direct share to alice is not his to see.
    const dave = await store().feed.of('dave', ALL);
    assert.deepEqual(dave.items.map((e) => e.item.id), ['s1', 'r3']);
  });

  test('the snapshot streams every user, product, interaction and follow in bounded batches', async () => {
    const s = store();
    const collect = async <T>(it: AsyncIterable<T[]>) => {
      const batches: T[][] = [];
      for await (const b of it) batches.push(b);
      return batches;
    };
    const interactions = await collect(s.snapshot.interactions(2));
    assert.ok(interactions.every((b) => b.length <= 2));
    const flat = interactions.flat();
    assert.deepEqual(flat.filter((i) => i.kind === 'REVIEW').map((i) => i.public), [true, true, true]);
    // Only the share to followers by a public sharer may be seen by everyone.
    assert.deepEqual(
      flat.filter((i) => i.kind === 'SHARE').map((i) => [i.userId, i.productId, i.rating, i.public]).sort(),
      [['bob', 'p2', null, false], ['carol', 'p3', null, true]],
    );
    const users = (await collect(s.snapshot.users(3))).flat();
    assert.deepEqual(users.map((u) => u.handle).sort(), ['alice', 'bob', 'carol', 'dave']);
    assert.deepEqual((await collect(s.snapshot.categories())).flat().map((c) => c.name).sort(), ['Books', 'Games']);
    assert.equal((await collect(s.snapshot.products())).flat().length, 3);
    assert.equal((await collect(s.snapshot.follows())).flat().length, 4);
  });
});
