/**
 * The in-memory signal index answers exactly what the store answers (privacy included), and
 * SignalSource serves it only while it reflects every write. On the contract fixture plus: erin,
 * who follows bob; carol hides her follower shares from non-followers; bob shares chess directly
 * with dave and dune directly with alice; dave reviews emma.
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../../support/node-test';
import { SignalIndex } from '../../../gnn/recommend/signal-index';
import { SignalSource } from '../../../gnn/recommend/signals';
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

test('the index is served while no write happens, the store after one until writes stop for quietMs', async () => {
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
  assert.deepEqual([builds, storeReads], [1, 2], 'from the store while writes may continue');

  now += 1;
  await source.forUser('erin');
  assert.deepEqual([builds, storeReads], [2, 3], 'a rebuild once the write count stood still for quietMs');
  await source.settled();
  assert.deepEqual((await source.forUser('erin'))?.followeeIds.sort(), ['bob', 'carol']);
  assert.equal(storeReads, 3, 'the rebuilt index answers');
});

test('without an index (Neo4j) every request reads the store', async () => {
  const source = new SignalSource({ ...t.store, engine: 'neo4j' });
  const before = t.store.stats.roundTrips;
  const answer = await source.forUser('alice');
  assert.equal(t.store.stats.roundTrips - before, 1, 'one round trip');
  assert.deepEqual(normalised(answer), normalised(await t.store.network.signals('alice')));
});
