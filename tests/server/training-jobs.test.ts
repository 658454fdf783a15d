/**
 * Training started from the API: managers only, one job per kind at a time, and the job's
 * process reaches the server's internal API with the server's token (the internal API takes no
 * development header).
 */
import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, test } from '../support/node-test';
import { createLogger } from '../../src/server/logger';
import { TrainingJobs, type TrainingCommand } from '../../src/server/training-jobs';
import { FIXTURE } from '../store/contract/fixture';
import { startTestApi, type TestApi } from '../graphql/support/api';

const fake: TrainingCommand = (kind) =>
  kind === 'recommend'
    ? [process.execPath, ['-e', 'console.error("boom"); process.exit(3)']]
    : [process.execPath, ['--import', 'tsx', 'tests/support/fake-training.ts', kind]];

let api: TestApi;
before(async () => {
  api = await startTestApi({ seed: async (store) => void (await store.bulk.upsert(FIXTURE)), trainingCommand: fake, config: { modelRefreshMs: 0 } });
});
after(() => api.close());

const asManager = async (query: string) => api.gql(query, { token: await api.token('dave', ['manager']) });

async function settled(kind: string) {
  for (;;) {
    const jobs = (await asManager('{ trainingJobs { kind status output requestedBy { handle } } }')).data.trainingJobs;
    const job = jobs.find((j: { kind: string }) => j.kind === kind);
    if (job.status !== 'RUNNING') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('only managers may train', async () => {
  const res = await api.gql('mutation { trainModel(kind: INFLUENCE) { status } }', { as: 'alice' });
  assert.equal(res.errors?.[0].extensions?.code, 'FORBIDDEN');
  const jobs = await api.gql('{ trainingJobs { status } }', { as: 'alice' });
  assert.equal(jobs.errors?.[0].extensions?.code, 'FORBIDDEN');
});

test('a job trains through the internal API and publishes a new version', async () => {
  const started = await asManager('mutation { trainModel(kind: INFLUENCE) { kind status } }');
  assert.deepEqual(started.data.trainModel, { kind: 'INFLUENCE', status: 'RUNNING' });
  const again = await asManager('mutation { trainModel(kind: INFLUENCE) { status } }');
  assert.equal(again.errors?.[0].extensions?.code, 'CONFLICT', 'one job per kind at a time');
  const job = await settled('INFLUENCE');
  assert.equal(job.status, 'SUCCEEDED', job.output);
  assert.match(job.output, /published fake-influence after reading 4 users/);
  const threads = process.env.GNN_THREADS ?? String(Math.max(1, os.availableParallelism() - 1));
  assert.match(job.output, new RegExp(`GNN_THREADS=${threads}$`, 'm'), 'the job leaves a core to the server');
  assert.equal(job.requestedBy.handle, 'dave');
  assert.equal((await api.store.models.current('influence'))?.version, 'fake-influence');
});

test('a failing job is reported with its output', async () => {
  await asManager('mutation { trainModel(kind: RECOMMEND) { status } }');
  const job = await settled('RECOMMEND');
  assert.equal(job.status, 'FAILED');
  assert.match(job.output, /boom/);
});

test('stopping the jobs (server shutdown) ends a running one, even one that ignores SIGTERM, and refuses new ones', async () => {
  const stubborn: TrainingCommand = () => [process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)']];
  const jobs = new TrainingJobs(() => 'http://127.0.0.1:9', createLogger({ logLevel: 'silent' }), stubborn);
  const job = jobs.start('influence', 'dave');
  await new Promise((r) => setTimeout(r, 300));
  await jobs.stop(200);
  assert.equal(job.status, 'FAILED');
  assert.throws(() => jobs.start('forecast', 'dave'), /shutting down/);
});
