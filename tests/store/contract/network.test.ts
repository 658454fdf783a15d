import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import type { Store } from '../../../src/store/contract';
import { forEachEngine } from './fixture';

async function followeeShares(store: Store) {
  const rows = [];
  for await (const batch of store.network.followeeShares(2)) rows.push(...batch);
  return rows.map((r) => `${r.viewerId}<${r.followeeId}:${r.productId}@${r.at}`).sort();
}

forEachEngine('contract: network signals', ({ store }) => {
  test('signals list own products and followees; null for unknown users', async () => {
    const bob = await store().network.signals('bob');
    assert.deepEqual([bob?.productIds.sort(), bob?.followeeIds], [['p1', 'p2'], ['carol']]);
    assert.deepEqual((await store().network.signals('alice'))?.followeeIds.sort(), ['bob', 'carol']);
    assert.equal(await store().network.signals('nobody'), null);
  });

  const activity = async (userId: string) =>
    (await store().network.signals(userId))?.activity.sort((a, b) => (a.productId < b.productId ? -1 : 1));

  test('followee activity: products with the followees who engaged, most recent first', async () => {
    assert.deepEqual(await activity('alice'), [
      { productId: 'p1', followeeIds: ['carol', 'bob'] },
      { productId: 'p2', followeeIds: ['bob'] },
      { productId: 'p3', followeeIds: ['carol'] },
    ]);
    // bob follows carol only; his own products are the caller's to exclude.
    assert.deepEqual(await activity('bob'), [
      { productId: 'p1', followeeIds: ['carol'] },
      { productId: 'p3', followeeIds: ['carol'] },
    ]);
  });

  test('followee shares: what each user may see of the shares of the people they follow', async () => {
    assert.deepEqual(await followeeShares(store()), ['alice<bob:p2@140', 'alice<carol:p3@130', 'bob<carol:p3@130', 'dave<carol:p3@130']);
  });
});

forEachEngine('contract: network signals respect direct shares', ({ store }) => {
  test('a share sent to someone else is not a signal for me', async () => {
    const s = store();
    // bob shares chess directly with dave; alice follows bob but must not learn of it.
    await s.shares.create('bob', { productId: 'p3', recipientId: 'dave' }, { id: 'sx', at: 500 });
    assert.deepEqual(
      (await s.network.signals('alice'))?.activity.find((f) => f.productId === 'p3'),
      { productId: 'p3', followeeIds: ['carol'] },
    );
    assert.ok(!(await followeeShares(s)).some((r) => r.includes('bob:p3')));
  });
});
