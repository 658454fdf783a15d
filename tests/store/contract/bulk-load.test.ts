/**
 * The importers' bulk path (`bulk.load`) on every engine: new rows land whole with their
 * relationships and counters, stored rows are skipped, rows that break a rule are reported with
 * their reason, and special characters survive (LadybugDB loads them through CSV files).
 */
import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import type { BulkKind, BulkRow, Store } from '../../../src/store/contract';
import { FIXTURE, forEachEngine } from './fixture';

async function load<K extends BulkKind>(s: Store, kind: K, rows: BulkRow<K>[], chunkRows = 2) {
  const rejects: string[] = [];
  const announced: string[][] = [];
  const stop = s.changes.subscribe((tags) => announced.push([...tags]));
  let read = 0;
  try {
    const added = await s.bulk.load(kind, rows, {
      chunkRows,
      onRows: (n) => (read += n),
      onReject: (row, reason) => rejects.push(`${'id' in row ? row.id : `${row.followerId}->${row.followeeId}`}: ${reason}`),
    });
    assert.equal(read, rows.length, 'every row read is reported for the progress display');
    return { added, rejects, announced };
  } finally {
    stop();
  }
}

forEachEngine('bulk load', ({ store }) => {
  test('loading what is stored adds nothing', async () => {
    const s = store();
    const before = await s.bulk.counts();
    for (const kind of ['categories', 'users', 'products', 'follows', 'reviews', 'shares'] as const) {
      const { added, rejects, announced } = await load(s, kind, FIXTURE[kind] as BulkRow<typeof kind>[]);
      assert.deepEqual([kind, added, rejects, announced], [kind, 0, [], []]);
    }
    assert.deepEqual(await s.bulk.counts(), before);
  });

  test('new rows are stored with their relationships, text intact, and counters follow', async () => {
    const s = store();
    const odd = 'a "quoted", multi\nline\\ text ✓';
    const users = await load(s, 'users', [
      { id: 'erin', handle: 'erin', displayName: odd, bio: '', joinedAt: 50 },
      { id: 'frank', handle: 'frank', displayName: 'F', bio: odd, joinedAt: 51, shareVisibility: 'FOLLOWERS' },
      { id: 'erin', handle: 'erin', displayName: 'again', bio: '', joinedAt: 52 },
    ]);
    assert.deepEqual([users.added, users.rejects], [2, []]);
    assert.deepEqual(users.announced, [['*']], 'the stored chunk announces that anything may have changed (response cache)');
    const [erin, frank] = await s.users.get(['erin', 'frank']);
    assert.deepEqual([erin?.displayName, erin?.bio, frank?.bio, frank?.shareVisibility], [odd, '', odd, 'FOLLOWERS']);

    const products = await load(s, 'products', [
      { id: 'p9', name: odd, description: '', price: 12.34, currency: 'EUR', categoryId: 'games', createdAt: 60 },
      { id: 'p10', name: 'X', description: '', price: 1, currency: 'EUR', categoryId: 'nope', createdAt: 61 },
    ]);
    assert.deepEqual([products.added, products.rejects], [1, ['p10: unknown category']]);
    const [p9] = await s.products.get(['p9']);
    assert.deepEqual([p9?.name, p9?.price, p9?.categoryId, p9?.reviewCount], [odd, 12.34, 'games', 0]);

    const reviews = await load(s, 'reviews', [
      { id: 'r9', authorId: 'erin', productId: 'p9', rating: 4, title: odd, body: '', createdAt: 70, updatedAt: 70 },
      { id: 'r10', authorId: 'frank', productId: 'p9', rating: 2, title: '', body: '', createdAt: 71, updatedAt: 71 },
      { id: 'r11', authorId: 'bob', productId: 'p1', rating: 1, title: '', body: '', createdAt: 72, updatedAt: 72 },
      { id: 'r12', authorId: 'ghost', productId: 'p9', rating: 1, title: '', body: '', createdAt: 73, updatedAt: 73 },
      { id: 'r13', authorId: 'erin', productId: 'p9', rating: 5, title: '', body: '', createdAt: 74, updatedAt: 74 },
    ]);
    assert.deepEqual([reviews.added, reviews.rejects], [
      2,
      ['r11: the author already reviewed the product', 'r12: unknown author', 'r13: the author already reviewed the product'],
    ]);
    const [again] = await s.products.get(['p9']);
    assert.deepEqual([again?.reviewCount, again?.ratingSum], [2, 6], 'counters change with the reviews, in the same transaction');
    assert.equal(reviews.announced.length, 1, 'two new reviews, one chunk of two');
    const [r9, r10] = await s.reviews.get(['r9', 'r10']);
    assert.deepEqual([r9?.authorId, r9?.productId, r9?.title, r10?.authorId], ['erin', 'p9', odd, 'frank']);
    const [page] = await s.reviews.ofProducts(['p9'], 'HIGHEST_RATING', { offset: 0, limit: 10 });
    assert.deepEqual(page.items.map((r) => r.id), ['r9', 'r10'], "review lists read the edges' copies of the sort keys");

    const follows = await load(s, 'follows', [
      { followerId: 'erin', followeeId: 'alice', since: 80 },
      { followerId: 'alice', followeeId: 'bob', since: 81 },
      { followerId: 'erin', followeeId: 'erin', since: 82 },
      { followerId: 'erin', followeeId: 'ghost', since: 83 },
      { followerId: 'erin', followeeId: 'alice', since: 84 },
    ]);
    assert.deepEqual([follows.added, follows.rejects], [1, ['erin->erin: self-follow', 'erin->ghost: unknown user']]);

    const shares = await load(s, 'shares', [
      { id: 's9', sharerId: 'erin', productId: 'p9', audience: 'USER', recipientId: 'frank', message: odd, createdAt: 90 },
      { id: 's10', sharerId: 'erin', productId: 'p9', audience: 'FOLLOWERS', recipientId: null, message: '', createdAt: 91 },
    ]);
    assert.deepEqual([shares.added, shares.rejects], [2, []]);
    const [s9, s10] = await s.shares.get(['s9', 's10'], 'frank');
    assert.deepEqual([s9?.recipientId, s9?.message, s10?.recipientId, s10?.message], ['frank', odd, null, '']);
  });

  test('a handle another user has is rejected, not duplicated', async () => {
    const s = store();
    const { added, rejects } = await load(s, 'users', [{ id: 'alice2', handle: 'alice', displayName: 'A', bio: '', joinedAt: 1 }]);
    assert.deepEqual([added, rejects], [0, ['alice2: handle already taken']]);
  });
});
