/**
 * Request ids in responses and logs, the health probes, and Prometheus metrics, on a server whose
 * store reports its query durations as `npm start` wires it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from '../support/node-test';
import { startServer, type RunningServer } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { observeDbQuery } from '../../src/server/metrics';
import type { Store } from '../../src/store/contract';
import { openStore } from '../../src/store/open';
import { testConfig } from '../graphql/support/api';

const logLines: Record<string, unknown>[] = [];
let dir: string;
let store: Store;
let server: RunningServer;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scg-obs-'));
  store = await openStore({ dataDir: dir, neo4j: null, ladybug: { readers: 2 }, onQuery: observeDbQuery });
  const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(JSON.parse(String(chunk))), done()) });
  server = await startServer(testConfig(), store, createLogger({ logLevel: 'info' }, sink));
});
after(async () => {
  await server?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const endpoint = (p: string) => new URL(p, server.url).href;
const post = (query: string, headers: Record<string, string> = {}) =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

test('a request id is honoured or made up, echoed, and on every log line of the request', async () => {
  const given = await post('query Cats { categories { name } }', { 'x-request-id': 'req-42.a' });
  assert.equal(given.headers.get('x-request-id'), 'req-42.a');
  const line = logLines.find((l) => l.msg === 'graphql operation' && l.operation === 'Cats');
  assert.equal(line?.requestId, 'req-42.a');

  const made = await post('{ categories { name } }', { 'x-request-id': 'not acceptable!' });
  assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  const refused = await post('{ viewer { handle } }', { authorization: 'Bearer nonsense' });
  assert.equal(refused.status, 401);
  assert.ok(refused.headers.get('x-request-id'));
});

test('/healthz answers while the process runs; /readyz checks the database and names model versions', async () => {
  assert.deepEqual(await (await fetch(endpoint('/healthz'))).json(), { status: 'ok' });
  const ready = await fetch(endpoint('/readyz'));
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), {
    status: 'ready',
    database: 'reachable',
    engine: 'ladybug',
    models: { recommend: null, influence: null, forecast: null },
  });
  await store.models.publish({ kind: 'influence', version: 'v1', createdAt: 1, metadata: {} }, [[{ entityId: 'x', data: {} }]]);
  assert.equal((await (await fetch(endpoint('/readyz'))).json()).models.influence, 'v1');
});

test('/readyz is 503 when the database does not answer', async () => {
  const broken = new Proxy(store, { get: (t, p) => (p === 'ping' ? async () => Promise.reject(new Error('down')) : Reflect.get(t, p)) });
  const other = await startServer(testConfig(), broken, createLogger({ logLevel: 'silent' }));
  try {
    const res = await fetch(new URL('/readyz', other.url));
    assert.deepEqual([res.status, await res.json()], [503, { status: 'unavailable', database: 'unreachable' }]);
  } finally {
    await other.close();
  }
});

test('/metrics exposes operation durations, errors by code, database timings and model versions', async () => {
  await post('query Cats { categories { name } }');
  await post('{ feed { totalCount } }');
  const text = await (await fetch(endpoint('/metrics'))).text();
  assert.match(text, /graphql_operation_duration_seconds_count\{operation="Cats",type="query"\} \d+/);
  assert.match(text, /graphql_errors_total\{code="UNAUTHENTICATED"\} \d+/);
  assert.match(text, /db_query_duration_seconds_count\{kind="read",failed="false"\} \d+/);
  assert.match(text, /model_version_info\{kind="influence",version="v1"\} 1/);
});
