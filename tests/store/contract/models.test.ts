import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import type { ModelOutputRow } from '../../../src/store/contract';
import { forEachEngine } from './fixture';

forEachEngine('contract: model outputs', ({ store }) => {
  const collect = async (it: AsyncIterable<ModelOutputRow[]>) => {
    const out: ModelOutputRow[] = [];
    for await (const b of it) out.push(...b);
    return out.sort((a, b) => a.entityId.localeCompare(b.entityId));
  };

  test('nothing is current before a run is published', async () => {
    assert.equal(await store().models.current('influence'), null);
  });

  test('a published run becomes current with its rows, vectors exact', async () => {
    const m = store().models;
    const vector = new Float32Array([0.1, -2, 0, 3.25]);
    await m.publish(
      { kind: 'influence', version: 'v1', createdAt: 1, metadata: { metrics: { ndcg: 0.5 } } },
      [[{ entityId: 'alice', data: { score: 0.9 }, vector }], [{ entityId: 'bob', data: { score: 0.1 } }]],
    );
    const run = await m.current('influence');
    assert.deepEqual(run, { kind: 'influence', version: 'v1', createdAt: 1, metadata: { metrics: { ndcg: 0.5 } } });
    const rows = await collect(m.rows('influence', 'v1'));
    assert.deepEqual(rows.map((r) => [r.entityId, r.data.score]), [['alice', 0.9], ['bob', 0.1]]);
    assert.deepEqual(rows[0].vector, vector);
    assert.equal(rows[1].vector, undefined);
    assert.equal(await m.current('recommend'), null);
  });

  test('a newer run replaces the current one and pruning keeps the newest', async () => {
    const m = store().models;
    await m.publish({ kind: 'influence', version: 'v2', createdAt: 2, metadata: {} }, [[{ entityId: 'carol', data: { score: 1 } }]]);
    await m.publish({ kind: 'influence', version: 'v3', createdAt: 3, metadata: {} }, [[{ entityId: 'dave', data: { score: 1 } }]]);
    assert.equal((await m.current('influence'))?.version, 'v3');
    await m.prune('influence', 2);
    assert.deepEqual(await collect(m.rows('influence', 'v1')), []);
    assert.equal((await collect(m.rows('influence', 'v2'))).length, 1);
    assert.equal((await m.current('influence'))?.version, 'v3');
  });
});
