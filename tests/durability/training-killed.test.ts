/**
 * A training job killed half-way through publishing (SIGKILL, as an OOM kill or a crash would)
 * leaves the store serving the same models as before, and the job can simply be started again:
 * the rerun publishes the whole run once (rows are keyed, so those of the killed attempt are
 * overwritten, not doubled).
 */
import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test';
import type { TrainingCommand } from '../../src/server/training-jobs';
import { FIXTURE } from '../store/contract/fixture';
import { startTestApi, type TestApi } from '../graphql/support/api';
import { SLOW_BATCHES, SLOW_ROWS, SLOW_VERSION } from '../support/slow-training';

const slow: TrainingCommand = () => [process.execPath, ['--import', 'tsx', 'tests/support/slow-training.ts', 'influence']];

let api: TestApi;
before(async () => {
  api = await startTestApi({ seed: async (store) => void (await store.bulk.upsert(FIXTURE)), trainingCommand: slow, config: { modelRefreshMs: 0 } });
});
after(() => api.close());

/** As a manager, by Bearer token, through the test API's own request helper. */
const asManager = async (query: string) => api.gql(query, { token: await api.token('dave', ['manager']) });

const job = async () => (await asManager('{ trainingJobs { kind status output } }')).data.trainingJobs[0] as { status: string; output: string };

async function until<T>(check: () => Promise<T | undefined | false>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function publishedRows(): Promise<number> {
  let n = 0;
  for await (const batch of api.store.models.rows('influence', SLOW_VERSION)) n += batch.length;
  return n;
}

test('a training job killed half-way publishes nothing visible, and a rerun publishes the run whole', { timeout: 120_000 }, async () => {
  assert.equal((await api.store.models.current('influence'))?.version ?? null, null);
  assert.deepEqual((await asManager('mutation { trainModel(kind: INFLUENCE) { status } }')).data.trainModel, { status: 'RUNNING' });
  const pid = await until(async () => Number((await job()).output.match(/pid (\d+)/)?.[1]) || undefined);
  const partial = await until(async () => {
    const n = await publishedRows();
    return n > 0 && n;
  });
  process.kill(pid, 'SIGKILL');
  assert.equal((await until(async () => ((await job()).status !== 'RUNNING' ? job() : undefined))).status, 'FAILED');
  assert.ok(partial < SLOW_BATCHES * SLOW_ROWS, 'killed half-way');
  assert.equal(await api.store.models.current('influence'), null, 'no run became visible');
  assert.deepEqual((await asManager('{ users(first: 1) { totalCount } }')).errors, undefined, 'the API serves on');

  await asManager('mutation { trainModel(kind: INFLUENCE) { status } }');
  const rerun = await until(async () => ((await job()).status !== 'RUNNING' ? job() : undefined));
  assert.equal(rerun.status, 'SUCCEEDED', rerun.output);
  assert.equal((await api.store.models.current('influence'))?.version, SLOW_VERSION);
  assert.equal(await publishedRows(), SLOW_BATCHES * SLOW_ROWS);
});
