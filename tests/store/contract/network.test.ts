import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine } from './fixture';

forEachEngine('contract: network signals', ({ store }) => {
  test('a neighbourhood lists own products and followees; null for unknown users', async () => {
    const n = await store().network.neighbourhood('bob');
    assert.deepEqual([n?.productIds.sort(), n?.followeeIds], [['p1', 'p2'], ['carol']]);
    assert.equal(await store().network.neighbourhood('nobody'), null);
  });

  test('engaged followees per product, most recent first', async () => {
    const engaged = await store().network.engagedFollowees('alice', ['p1', 'p3', 'p2']);
    assert.deepEqual(engaged, [['carol', 'bob'], ['carol'], ['bob']]);
  });

  test('favourites are what followees engaged with, excluding the user’s own', async () => {
    assert.deepEqual(await store().network.favourites('alice', 10), [
      { productId: 'p1', followees: 2 },
      { productId: 'p2', followees: 1 },
      { productId: 'p3', followees: 1 },
    ]);
    // bob follows carol (dune, chess) but reviewed dune himself.
    assert.deepEqual(await store().network.favourites('bob', 10), [{ productId: 'p3', followees: 1 }]);
  });
});

forEachEngine('contract: network signals respect direct shares', ({ store }) => {
  test('a share sent to someone else is not a signal for me', async () => {
    const s = store();
    // bob shares chess directly with dave; alice follows bob but must not learn of it.
    await s.shares.create('bob', { productId: 'p3', recipientId: 'dave' }, { id: 'sx', at: 500 });
    assert.deepEqual(await s.network.engagedFollowees('alice', ['p3']), [['carol']]);
    assert.deepEqual(
      (await s.network.favourites('alice', 10)).find((f) => f.productId === 'p3'),
      { productId: 'p3', followees: 1 },
    );
  });
});
