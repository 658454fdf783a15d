import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine } from './fixture';

forEachEngine('contract: network signals', ({ store }) => {
  test('a neighbourhood lists own products and followees; null for unknown users', async () => {
    const n = await store().network.neighbourhood('bob');
    assert.deepEqual([n?.productIds.sort(), n?.followeeIds], [['p1', 'p2'], ['carol']]);
    assert.equal(await store().network.neighbourhood('nobody'), null);
  });

  test('followee activity: products with the followees who engaged, most followees first, most recent followee first', async () => {
    assert.deepEqual(await store().network.followeeActivity('alice'), [
      { productId: 'p1', followeeIds: ['carol', 'bob'] },
      { productId: 'p2', followeeIds: ['bob'] },
      { productId: 'p3', followeeIds: ['carol'] },
    ]);
    // bob follows carol only; his own products are the caller's to exclude.
    assert.deepEqual(await store().network.followeeActivity('bob'), [
      { productId: 'p1', followeeIds: ['carol'] },
      { productId: 'p3', followeeIds: ['carol'] },
    ]);
  });
});

forEachEngine('contract: network signals respect direct shares', ({ store }) => {
  test('a share sent to someone else is not a signal for me', async () => {
    const s = store();
    // bob shares chess directly with dave; alice follows bob but must not learn of it.
    await s.shares.create('bob', { productId: 'p3', recipientId: 'dave' }, { id: 'sx', at: 500 });
    assert.deepEqual(
      (await s.network.followeeActivity('alice')).find((f) => f.productId === 'p3'),
      { productId: 'p3', followeeIds: ['carol'] },
    );
  });
});
