/**
 * The in-memory signal index answers exactly what the store answers (privacy included), and
 * SignalSource serves it, with what changed since its build applied on top, through a seeded run of
 * every kind of write; the store answers only a user who deleted a review. On the contract fixture plus: erin,
 * who follows bob; carol hides her follower shares from non-followers; bob shares chess directly
 * with dave and dune directly with alice; dave reviews emma.
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../../support/node-test';
import { SignalIndex } from '../../../gnn/recommend/signal-index';
import { SignalSource } from '../../../gnn/recommend/signals';
import { Random } from '../../../gnn/core/random';
import type { Store, UserSignals } from '../../../src/store/contract';
import { tempStore, type TempStore } from '../../support/store';
import { FIXTURE } from '../../store/contract/fixture';

let t: TempStore;
before(async () => {
  t = await tempStore();
  await t.store.bulk.upsert(FIXTURE);
  await t.store.users.create({ handle: 'erin', displayName: 'Erin' }, { id: 'erin', at: 9 });
  await t.store.follows.follow('erin', 'bob', 50);
  await t.store.users.updateProfile('carol', { shareVisibility: 'FOLLOWERS' });
  await t.store.shares.create('bob', { productId: 'p3', recipientId: 'dave' }, { id: 'sx', at: 500 });
  await t.store.shares.create('bob', { productId: 'p1', recipientId: 'alice' }, { id: 'sy', at: 510 });
  await t.store.reviews.write('dave', { productId: 'p2', rating: 4 }, { id: 'dave-r', at: 520 });
});
after(() => t.cleanup());

const byProduct = (activity: UserSignals['activity']) => [...activity].sort((a, b) => (a.productId < b.productId ? -1 : 1));

/** In id order, but each product's followees as given: their order is part of the contract. */
const normalised = (s: UserSignals | null) =>
  s && {
    productIds: [...s.productIds].sort(),
    followeeIds: [...s.followeeIds].sort(),
    activity: byProduct(s.activity),
  };

test('the index answers what the store answers, for every user', async () => {
  const index = await SignalIndex.build(t.store);
  for (const id of ['alice', 'bob', 'carol', 'dave', 'erin', 'nobody']) {
    const [indexed, stored] = [index.signals(id), await t.store.network.signals(id)];
    assert.deepEqual(normalised(indexed), normalised(stored), id);
    // A page's products alone (what a model answer names): the same groups, nothing else.
    const page = ['p1', 'p3', 'p4'];
    if (indexed && stored) assert.deepEqual(byProduct(indexed.activityOf(page)), byProduct(stored.activity.filter((a) => page.includes(a.productId))), `${id}: activityOf`);
  }
  // What the rows above must include: alice sees bob's direct share to her, not the one to dave.
  assert.deepEqual(normalised(index.signals('alice'))?.activity[0], { productId: 'p1', followeeIds: ['bob', 'carol'] });
  assert.deepEqual(normalised(index.signals('erin'))?.activity.map((a) => a.productId), ['p1', 'p2']);
});

/** The store, counting the signals it is asked for (the index's fallback). */
function counting(store: Store): { store: Store; reads: () => number } {
  let reads = 0;
  return {
    store: { ...store, network: { ...store.network, signals: (id) => (reads++, store.network.signals(id)) } },
    reads: () => reads,
  };
}

test('through random writes of every kind, each user gets what the store answers, from the index', { timeout: 120_000 }, async () => {
  const own = await tempStore();
  try {
    const { store } = own;
    // More products than the fixture's three, so that a missed review or share shows in the activity.
    const more = Array.from({ length: 9 }, (_, k) => ({ ...FIXTURE.products![0], id: `extra${k}`, name: `Extra ${k}` }));
    await store.bulk.upsert({ ...FIXTURE, products: [...FIXTURE.products!, ...more] });
    const users = ['alice', 'bob', 'carol', 'dave'];
    const products = [...FIXTURE.products!, ...more].map((p) => p.id);
    const { store: watched, reads } = counting(store);
    // A rebuild every 4 writes, at known points: in between, answers come from the index, patched.
    let clock = 0;
    const source = new SignalSource(watched, { indexed: true, quietMs: 1_000, now: () => clock });
    await source.forUser('alice');
    const rng = new Random(11);
    const pick = <T>(xs: readonly T[]) => xs[rng.int(xs.length)];
    let at = 1000;
    // Users who deleted a review of theirs since the last rebuild: the only ones the store answers.
    const deleted = new Set<string>();
    const kinds = new Set<string>();
    for (let step = 0; step < 60; step++) {
      at++;
      const a = pick(users);
      const b = pick(users.filter((u) => u !== a));
      const mine = (await store.reviews.byAuthors([a], 'NEWEST', { offset: 0, limit: 10 }))[0].items;
      const op = rng.int(8);
      if (op < 2) await store.reviews.write(a, { productId: pick(products), rating: 1 + rng.int(5) }, { id: `w${step}`, at }).catch(() => {}); // may be reviewed already
      else if (op < 3 && mine.length) await store.reviews.update(pick(mine).id, { rating: 1 + rng.int(5) }, at);
      else if (op < 4 && mine.length) {
        await store.reviews.delete(pick(mine).id);
        deleted.add(a);
      } else if (op < 6) {
        const following = (await store.network.signals(a))!.followeeIds.includes(b);
        await (following ? store.follows.unfollow(a, b) : store.follows.follow(a, b, at));
        kinds.add(following ? 'unfollow' : 'follow');
      } else if (op < 7) {
        const direct = rng.next() < 0.5;
        await store.shares.create(a, { productId: pick(products), ...(direct ? { recipientId: b } : {}) }, { id: `share${step}`, at });
        kinds.add(direct ? 'direct share' : 'share');
      } else await store.users.updateProfile(a, { shareVisibility: rng.next() < 0.5 ? 'FOLLOWERS' : 'PUBLIC' });
      if (step % 4 === 3) {
        // Once to see the write count, once more to find it still: a rebuild.
        for (const pause of [1_000, 1_000]) {
          clock += pause;
          await source.forUser('alice');
        }
        await source.settled();
        deleted.clear();
      }
      for (const id of users) {
        const before = reads();
        assert.deepEqual(normalised(await source.forUser(id)), normalised(await store.network.signals(id)), `step ${step}: ${id}`);
        if (!deleted.has(id)) assert.equal(reads(), before, `step ${step}: ${id} was answered from the index`);
      }
    }
    assert.deepEqual([...kinds].sort(), ['direct share', 'follow', 'share', 'unfollow'], 'every kind of write was patched in');
  } finally {
    await own.cleanup();
  }
});

test('reviews, shares and follows by a user and by the people they follow are applied to the index', async () => {
  const own = await tempStore();
  try {
    await own.store.bulk.upsert(FIXTURE);
    const { store, reads } = counting(own.store);
    const source = new SignalSource(store, { indexed: true, quietMs: Infinity, now: () => 0 });
    const same = async (id: string) => {
      const answer = normalised(await source.forUser(id));
      assert.deepEqual(answer, normalised(await own.store.network.signals(id)), id);
      return answer;
    };
    await source.forUser('alice');
    await own.store.reviews.write('bob', { productId: 'p3', rating: 5 }, { id: 'new', at: 900 });
    await own.store.reviews.delete('r3'); // carol's review of p1
    await own.store.reviews.write('alice', { productId: 'p2', rating: 2 }, { id: 'mine', at: 901 });
    let answer = await same('alice');
    assert.deepEqual(answer?.productIds, ['p2'], 'her own new review');
    assert.deepEqual(answer?.activity.find((a) => a.productId === 'p1')?.followeeIds, ['bob'], "carol's deleted review is gone");
    assert.deepEqual(answer?.activity.find((a) => a.productId === 'p3')?.followeeIds, ['bob', 'carol'], "bob's new review, most recent first");
    // A share by someone she follows, and one of her own.
    await own.store.shares.create('bob', { productId: 'p1' }, { id: 'bob-share', at: 902 });
    await own.store.shares.create('alice', { productId: 'p3', recipientId: 'dave' }, { id: 'alice-share', at: 903 });
    answer = await same('alice');
    assert.deepEqual(answer?.productIds, ['p2', 'p3'], 'her own new share');
    assert.deepEqual(answer?.activity.find((a) => a.productId === 'p1')?.followeeIds, ['bob']);
    // Dave follows alice: her reviews and her share to him join his activity; she unfollows carol.
    await own.store.follows.follow('dave', 'alice', 904);
    await own.store.follows.unfollow('alice', 'carol');
    answer = await same('dave');
    assert.deepEqual(answer?.activity.find((a) => a.productId === 'p3')?.followeeIds, ['alice', 'carol'], 'her direct share to him, most recent first');
    answer = await same('alice');
    assert.deepEqual(answer?.followeeIds, ['bob']);
    assert.equal(answer?.activity.find((a) => a.productId === 'p3')?.followeeIds.join(), 'bob', "carol's share of p3 no longer counts for her");
    await same('bob');
    assert.equal(reads(), 0, 'every answer came from the index');
    // Carol deleted a review of hers: only the store knows whether a share keeps the product hers.
    await same('carol');
    assert.equal(reads(), 1);
  } finally {
    await own.cleanup();
  }
});

test('after a write the index answers, patched, and is rebuilt once writes stop for quietMs', async () => {
  let now = 0;
  let builds = 0;
  let storeReads = 0;
  const store: Store = {
    ...t.store,
    snapshot: {
      ...t.store.snapshot,
      users: (batch) => {
        builds++;
        return t.store.snapshot.users(batch);
      },
    },
    network: {
      ...t.store.network,
      signals: (id) => {
        storeReads++;
        return t.store.network.signals(id);
      },
    },
  };
  const source = new SignalSource(store, { indexed: true, quietMs: 1000, now: () => now });

  assert.deepEqual(normalised(await source.forUser('erin')), normalised(await t.store.network.signals('erin')));
  assert.deepEqual([builds, storeReads], [1, 0], 'the first request waits for the index');

  await t.store.follows.follow('erin', 'carol', 60);
  assert.deepEqual((await source.forUser('erin'))?.followeeIds.sort(), ['bob', 'carol'], 'a write is reflected at once');
  now += 999;
  await source.forUser('erin');
  assert.deepEqual([builds, storeReads], [1, 0], 'from the index, patched, while writes may continue');

  now += 1;
  await source.forUser('erin');
  assert.equal(builds, 2, 'a rebuild once the write count stood still for quietMs');
  await source.settled();
  assert.deepEqual((await source.forUser('erin'))?.followeeIds.sort(), ['bob', 'carol']);
  assert.equal(storeReads, 0, 'the store was never asked');
});

test('without an index (Neo4j) every request reads the store', async () => {
  const source = new SignalSource({ ...t.store, engine: 'neo4j' });
  const before = t.store.stats.roundTrips;
  const answer = await source.forUser('alice');
  assert.equal(t.store.stats.roundTrips - before, 1, 'one round trip');
  assert.deepEqual(normalised(answer), normalised(await t.store.network.signals('alice')));
});
