import assert from 'node:assert/strict';
import { after, before, test } from '../../support/node-test';
import { LiveModel } from '../../../gnn/core/live-model';
import { ChangeFeed } from '../../../src/store/changes';
import type { Store } from '../../../src/store/contract';
import { tempStore, type TempStore } from '../../support/store';

let t: TempStore;
before(async () => {
  t = await tempStore();
});
after(() => t.cleanup());

const publish = (version: string, entityIds: string[]) =>
  t.store.models.publish({ kind: 'influence', version, createdAt: Date.now(), metadata: {} }, [entityIds.map((entityId) => ({ entityId, data: {} }))]);

function liveIds(store: Store, clock: () => number, onBuild = () => {}): LiveModel<string[]> {
  return new LiveModel(
    store,
    'influence',
    async (_run, rows) => {
      onBuild();
      const ids: string[] = [];
      for await (const batch of rows) ids.push(...batch.map((r) => r.entityId));
      return ids.sort();
    },
    1_000,
    clock,
  );
}

test('a model published through the same store is served at once, without a restart', async () => {
  let builds = 0;
  const live = liveIds(t.store, () => 0, () => builds++);
  assert.equal(await live.get(), null);

  await publish('v1', ['a']);
  assert.deepEqual((await live.get())?.value, ['a'], 'the write is seen before any throttle expires');
  const [x, y] = await Promise.all([live.get(), live.get()]);
  assert.equal(x, y);

  await publish('v2', ['b', 'c']);
  const loaded = await live.get();
  assert.deepEqual([loaded?.run.version, loaded?.value], ['v2', ['b', 'c']]);
  await t.store.users.create({ handle: 'unrelated', displayName: 'Unrelated' }, { id: 'u-unrelated', at: 1 });
  const trips = t.store.stats.roundTrips;
  await live.get();
  assert.equal(t.store.stats.roundTrips, trips, 'an unrelated write does not send the next request to the store');
  assert.equal(builds, 2);
});

test('versions published elsewhere (another process) are checked at most every checkEveryMs', async () => {
  let clock = 0;
  // A view that hears of no write: it did not see the publication.
  const elsewhere: Store = { ...t.store, changes: new ChangeFeed() };
  const live = liveIds(elsewhere, () => clock);
  const before = (await live.get())?.run.version;
  await publish('v3', ['d']);
  assert.equal((await live.get())?.run.version, before, 'checks are throttled');
  clock += 1_000;
  assert.equal((await live.get())?.run.version, 'v3');
});
