/**
 * Training through a running server: while the server holds the embedded database, the training
 * store falls back to the server's internal API, reads the snapshot and publishes a model that
 * the API then serves, without a restart.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from '../support/node-test';
import type { TrainingStore } from '../../src/store/contract';
import { openTrainingStore } from '../../src/store/open-training';
import { remoteTrainingStore } from '../../src/store/remote/remote-training-store';
import { FIXTURE } from '../store/contract/fixture';
import { startTestApi, type TestApi } from '../graphql/support/api';

let api: TestApi;
let training: TrainingStore;
const logs: string[] = [];

before(async () => {
  api = await startTestApi({ seed: async (store) => void (await store.bulk.upsert(FIXTURE)), config: { modelRefreshMs: 0 } });
});
after(async () => {
  await training?.close();
  await api.close();
});

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}

test('a training store opened on a database held by another process goes through the server', async () => {
  const held = await mkdtemp(path.join(tmpdir(), 'scg-held-'));
  const holder = spawn(process.execPath, ['--import', 'tsx', 'tests/support/hold-store.ts', held], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    await once(createInterface({ input: holder.stdout! }), 'line');
    training = await openTrainingStore({ dataDir: held, neo4j: null, port: api.server.port, token: await api.token('dave', ['admin']), log: (l) => logs.push(l) });
  } finally {
    holder.stdin!.end();
    await once(holder, 'exit');
    await rm(held, { recursive: true, force: true });
  }
  assert.match(logs.join('\n'), /held by a running server/);
  const users = await collect(training.snapshot.users(2));
  assert.deepEqual(users.map((u) => u.id).sort(), ['alice', 'bob', 'carol', 'dave']);
  const interactions = await collect(training.snapshot.interactions());
  assert.equal(interactions.length, 5);
  assert.equal((await collect(training.snapshot.follows())).length, 4);
});

test('a model published through the server is current and served by the API', async () => {
  const vector = new Float32Array([0.25, -1]);
  await training.models.publish({ kind: 'influence', version: 'remote-1', createdAt: 5, metadata: { note: 'via http' } }, [
    [{ entityId: 'alice', data: { score: 1 }, vector }],
    [{ entityId: 'bob', data: { score: 0.5 } }],
  ]);
  const current = await training.models.current('influence');
  assert.deepEqual([current?.version, current?.metadata], ['remote-1', { note: 'via http' }]);
  const rows = await collect(training.models.rows('influence', 'remote-1'));
  assert.deepEqual(rows.find((r) => r.entityId === 'alice')?.vector, vector);
  assert.equal((await api.store.models.current('influence'))?.version, 'remote-1', 'the server’s own store has it');
});

test('a publication the server refuses fails with its answer, without hanging', async () => {
  const intruder = remoteTrainingStore(`http://127.0.0.1:${api.server.port}`, 'not-the-token');
  await assert.rejects(intruder.models.publish({ kind: 'influence', version: 'refused', createdAt: 6, metadata: {} }, [[{ entityId: 'alice', data: {} }]]), /answered 401/);
  assert.equal((await training.models.current('influence'))?.version, 'remote-1');
});

test('unknown internal routes are 404s; malformed paths and numbers are 400s', async () => {
  const internal = (path: string) => fetch(`http://127.0.0.1:${api.server.port}/internal/${path}`, { headers: { authorization: `Bearer ${api.server.internalToken}` } });
  assert.equal((await internal('models/nonsense/current')).status, 404);
  for (const path of ['models/recommend/%E0%A4%A/rows', 'snapshot/users?batch=-5', 'snapshot/users?batch=1.5', 'models/recommend/current%']) {
    const res = await internal(path);
    assert.equal(res.status, 400, path);
    assert.equal(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code, 'BAD_USER_INPUT');
  }
  const prune = await fetch(`http://127.0.0.1:${api.server.port}/internal/models/recommend/prune?keep=0`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.server.internalToken}` },
  });
  assert.equal(prune.status, 400, 'keeping no version would delete the served one');
});

test('in every mode the internal API needs the server’s token or an admin’s, never the development header', async () => {
  const snapshot = `http://127.0.0.1:${api.server.port}/internal/snapshot/users`;
  const status = async (headers: Record<string, string> = {}) => (await fetch(snapshot, { headers })).status;
  assert.equal(await status(), 401);
  assert.equal(await status({ 'x-user-id': 'dave', 'x-user-roles': 'admin' }), 401);
  assert.equal(await status({ authorization: `Bearer ${await api.token('dave', ['manager'])}` }), 403);
  assert.equal(await status({ authorization: 'Bearer not-a-token' }), 401);
  assert.equal(await status({ authorization: `Bearer ${await api.token('dave', ['admin'])}` }), 200);
  assert.equal(await status({ authorization: `Bearer ${api.server.internalToken}` }), 200);
});
