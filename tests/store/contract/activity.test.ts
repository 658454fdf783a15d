import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { forEachEngine } from './fixture';

forEachEngine('contract: activity as a viewer may see it', ({ store }) => {
  test('reactedTo: a review, or a share the viewer may see', async () => {
    const pairs = [
      { userId: 'bob', productId: 'p1' }, // review
      { userId: 'bob', productId: 'p2' }, // review, and a direct share to alice
      { userId: 'carol', productId: 'p3' }, // share to followers, public
      { userId: 'alice', productId: 'p1' }, // nothing
    ];
    assert.deepEqual(await store().activity.reactedTo(pairs, null), [true, true, true, false]);
    assert.deepEqual(await store().activity.reactedTo([{ userId: 'bob', productId: 'p2' }], 'dave'), [true], 'the review is public');
    await store().bulk.upsert({ shares: [{ id: 'sx', sharerId: 'alice', productId: 'p3', audience: 'USER', recipientId: 'bob', message: '', createdAt: 150 }] });
    const direct = [{ userId: 'alice', productId: 'p3' }];
    assert.deepEqual(
      await Promise.all([null, 'dave', 'bob', 'alice'].map(async (viewer) => (await store().activity.reactedTo(direct, viewer))[0])),
      [false, false, true, true],
      'a direct share: its sharer and recipient only',
    );
  });

  test('of: reviews, visible shares and follows in a time range', async () => {
    const events = async (viewer: string | null, from = 0, to = 1_000) =>
      (await store().activity.of(['alice', 'bob', 'carol'], from, to, viewer)).map((e) => `${e.userId} ${e.kind} ${e.at}`).sort();
    const asDave = await events('dave');
    assert.ok(asDave.includes('bob REVIEW 100') && asDave.includes('carol SHARE 130') && asDave.includes('alice FOLLOW 10'));
    assert.ok(!asDave.includes('bob SHARE 140'), 'bob’s direct share to alice is hidden from dave');
    assert.ok((await events('alice')).includes('bob SHARE 140'), 'and seen by alice');
    assert.deepEqual(await events('alice', 100, 111), ['bob REVIEW 100', 'bob REVIEW 110'], 'from inclusive, to exclusive');
  });
});
