/** The one train-and-publish path: saved in the registry, published as that version, older runs and versions pruned. */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from '../../support/node-test';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../gnn/core/backend';
import { publishTrained } from '../../../gnn/core/publish';
import { loadModel } from '../../../gnn/core/registry';
import { fingerprint, readSnapshot } from '../../../gnn/core/snapshot';
import { tempStore, type TempStore } from '../../support/store';
import { FIXTURE } from '../../store/contract/fixture';

let t: TempStore;
before(async () => {
  await initBackend(() => {});
  t = await tempStore();
  await t.store.bulk.upsert(FIXTURE);
});
after(() => t.cleanup());

test('publishTrained saves, publishes and prunes to `keep`', async () => {
  const snapshot = await readSnapshot(t.store);
  assert.ok(snapshot.actions.length > 0 && snapshot.follows.length > 0);
  const modelRoot = join(t.dir, 'models');
  const versions: string[] = [];
  for (let k = 1; k <= 3; k++) {
    const weights = { w: tf.fill([2, 2], k) };
    const { run, modelDir } = await publishTrained(
      t.store,
      {
        kind: 'influence',
        snapshot,
        weights,
        hyperParameters: { k },
        metrics: { validation: k / 10 },
        backend: 'test',
        trainSeconds: 0,
        metadata: { cutoff: 'x' },
        rows: [[{ entityId: 'alice', data: { score: k } }]],
        createdAt: 1000 + k,
      },
      { modelRoot, keep: 2 },
    );
    tf.dispose(weights.w);
    assert.equal(run.version, `v${k}-${1000 + k}`);
    assert.equal(modelDir, join(modelRoot, 'influence', `v${k}`));
    assert.deepEqual(run.metadata.data, { source: 'store:ladybug', sha256: fingerprint(snapshot), counts: { users: snapshot.users.ids.length, products: snapshot.products.ids.length, actions: snapshot.actions.length, follows: snapshot.follows.length } });
    versions.push(run.version);
  }
  assert.equal((await t.store.models.current('influence'))?.version, versions[2]);
  assert.deepEqual([...(await readdir(join(modelRoot, 'influence')))].sort(), ['v2', 'v3']); // copied into this realm (jest)
  const { record, weights } = await loadModel(join(modelRoot, 'influence'));
  assert.deepEqual([record.version, record.metrics], [3, { validation: 0.3 }]);
  assert.deepEqual(Array.from(weights.w.dataSync()), [3, 3, 3, 3]);
  const rows: unknown[] = [];
  for await (const batch of t.store.models.rows('influence', versions[0])) rows.push(...batch);
  assert.equal(rows.length, 0, 'the oldest run was pruned');
});
