/**
 * Share visibility on the fixture (carol shares chess with followers, s1; bob shares emma with
 * alice only, s2), plus erin, who follows nobody and whom nobody follows.
 */
import assert from 'node:assert/strict';
import { before, test } from '../../support/node-test';
import { ALL, forEachEngine } from './fixture';

forEachEngine('contract: share visibility', ({ store }) => {
  before(async () => {
    await store().users.create({ handle: 'erin', displayName: 'Erin' }, { id: 'erin', at: 9 });
  });

  const visible = async (id: string, viewer: string | null) => (await store().shares.get([id], viewer))[0] !== null;
  const counted = async (sharer: string, viewer: string | null) => {
    const [slice] = await store().shares.byUsers([sharer], ALL, viewer);
    assert.equal(slice.items.length, slice.totalCount);
    return slice.totalCount;
  };

  test('a direct share is seen by its sharer and recipient only, in lookups, lists and counts', async () => {
    for (const viewer of ['bob', 'alice']) assert.ok(await visible('s2', viewer), viewer);
    for (const viewer of ['carol', 'erin', null]) assert.equal(await visible('s2', viewer), false, String(viewer));
    assert.deepEqual([await counted('bob', 'alice'), await counted('bob', 'erin'), await counted('bob', null)], [1, 0, 0]);
  });

  test('new users share publicly; FOLLOWERS hides their follower shares from everyone but followers', async () => {
    assert.equal((await store().users.get(['carol']))[0]?.shareVisibility, 'PUBLIC');
    assert.ok(await visible('s1', 'erin'));
    assert.ok(await visible('s1', null));

    const carol = await store().users.updateProfile('carol', { shareVisibility: 'FOLLOWERS' });
    assert.equal(carol.shareVisibility, 'FOLLOWERS');
    for (const viewer of ['carol', 'alice', 'bob', 'dave']) assert.ok(await visible('s1', viewer), viewer);
    for (const viewer of ['erin', null]) assert.equal(await visible('s1', viewer), false, String(viewer));
    assert.deepEqual([await counted('carol', 'dave'), await counted('carol', 'erin'), await counted('carol', null)], [1, 0, 0]);
    // Followers still get it in their feed and as a recommendation signal.
    assert.ok((await store().feed.of('alice', ALL)).items.some((e) => e.item.id === 's1'));
    assert.deepEqual((await store().network.signals('alice'))?.activity.find((a) => a.productId === 'p3')?.followeeIds, ['carol']);
    const followeeShares = [];
    for await (const batch of store().network.followeeShares()) followeeShares.push(...batch.map((r) => `${r.viewerId}<${r.followeeId}`));
    assert.ok(followeeShares.includes('alice<carol'));

    await store().users.updateProfile('carol', { shareVisibility: 'PUBLIC' });
    assert.ok(await visible('s1', 'erin'));
  });

  test('a follower-only share leaves no trace for someone who stops following', async () => {
    await store().users.updateProfile('carol', { shareVisibility: 'FOLLOWERS' });
    await store().follows.unfollow('dave', 'carol');
    assert.equal(await visible('s1', 'dave'), false);
    assert.deepEqual((await store().feed.of('dave', ALL)).totalCount, 0);
    await store().follows.follow('dave', 'carol', 40);
    await store().users.updateProfile('carol', { shareVisibility: 'PUBLIC' });
  });
});
