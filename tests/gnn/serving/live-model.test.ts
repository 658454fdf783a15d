import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LiveModel } from '../../../gnn/serving/live-model';
import { tempStore, type TempStore } from '../../support/store';

let t: TempStore;
before(async () => {
  t = await tempStore();
});
after(() => t.cleanup());

test('a live model appears once published and follows new versions without a restart', async () => {
  let clock = 0;
  let builds = 0;
  const live = new LiveModel(
    t.store,
    'influence',
    async (_run, rows) => {
      builds++;
      const ids: string[] = [];
      for await (const batch of rows) ids.push(...batch.map((r) => r.entityId));
      return ids.sort();
    },
    1_000,
    () => clock,
  );
  assert.equal(await live.get(), null);

  await t.store.models.publish({ kind: 'influence', version: 'v1', createdAt: 1, metadata: {} }, [[{ entityId: 'a', data: {} }]]);
  assert.equal(await live.get(), null, 'checks are throttled');
  clock += 1_000;
  assert.deepEqual((await live.get())?.value, ['a']);
  const [x, y] = await Promise.all([live.get(), live.get()]);
  assert.equal(x, y);

  await t.store.models.publish({ kind: 'influence', version: 'v2', createdAt: 2, metadata: {} }, [
    [{ entityId: 'b', data: {} }, { entityId: 'c', data: {} }],
  ]);
  clock += 1_000;
  const loaded = await live.get();
  assert.deepEqual([loaded?.run.version, loaded?.value], ['v2', ['b', 'c']]);
  clock += 1_000;
  await live.get();
  assert.equal(builds, 2, 'an unchanged version is not rebuilt');
});
