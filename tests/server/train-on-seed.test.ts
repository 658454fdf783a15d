/**
 * First-start training: every kind without a published model is trained, one job after another
 * in FIRST_START_ORDER; kinds already published are left alone; a failed kind does not stop the
 * others; and each publication is logged.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from '../support/node-test';
import { createLogger } from '../../src/server/logger';
import { FIRST_START_ORDER, trainMissingModels } from '../../src/server/train-on-seed';
import type { TrainingCommand } from '../../src/server/training-jobs';
import { FIXTURE } from '../store/contract/fixture';
import { startTestApi } from '../graphql/support/api';

const fake: TrainingCommand = (kind) => [process.execPath, ['--import', 'tsx', 'tests/support/fake-training.ts', kind]];
const failingRecommend: TrainingCommand = (kind) => (kind === 'recommend' ? [process.execPath, ['-e', 'process.exit(2)']] : fake(kind));

function capture() {
  const lines: { msg: string; kind?: string }[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger({ logLevel: 'info' }, sink) };
}

test('trains every unpublished kind in order, logging each publication, and skips published kinds', { timeout: 60_000 }, async () => {
  const api = await startTestApi({ seed: async (store) => void (await store.bulk.upsert(FIXTURE)), trainingCommand: fake });
  try {
    await api.store.models.publish({ kind: 'influence', version: 'already', createdAt: 1, metadata: {} }, [[{ entityId: 'alice', data: {} }]]);
    const { lines, logger } = capture();
    await trainMissingModels(api.store, api.server.training, logger);

    const jobs = [...api.server.training.list()].reverse();
    assert.deepEqual(jobs.map((j) => [j.kind, j.status]), FIRST_START_ORDER.filter((k) => k !== 'influence').map((k) => [k, 'SUCCEEDED']));
    assert.equal((await api.store.models.current('influence'))?.version, 'already', 'a published kind is not retrained');
    for (const kind of ['forecast', 'recommend'] as const) {
      assert.equal((await api.store.models.current(kind))?.version, `fake-${kind}`);
      assert.ok(lines.some((l) => l.msg === `first start: ${kind} model fake-${kind} published`), `${kind} publication logged`);
    }
    assert.ok(lines.some((l) => /^first start: model training done in \d+ s$/.test(l.msg)));

    const again = api.server.training.list().length;
    await trainMissingModels(api.store, api.server.training, logger);
    assert.equal(api.server.training.list().length, again, 'nothing left to train');
  } finally {
    await api.close();
  }
});

test('a failed kind is logged and the others still train', { timeout: 60_000 }, async () => {
  const api = await startTestApi({ seed: async (store) => void (await store.bulk.upsert(FIXTURE)), trainingCommand: failingRecommend });
  try {
    const { lines, logger } = capture();
    await trainMissingModels(api.store, api.server.training, logger);
    assert.equal(await api.store.models.current('recommend'), null);
    assert.equal((await api.store.models.current('forecast'))?.version, 'fake-forecast');
    assert.equal((await api.store.models.current('influence'))?.version, 'fake-influence');
    assert.ok(lines.some((l) => l.msg.startsWith('first start: recommend training failed')));
  } finally {
    await api.close();
  }
});
