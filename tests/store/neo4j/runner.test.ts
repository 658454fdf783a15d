/**
 * Neo4jRunner against a stand-in for the driver, which holds only what the runner touches: the
 * bookkeeping (round trips, sessions, parameters, batching, laziness) needs no server.
 */
import assert from 'node:assert/strict';
import test from '../../support/node-test';
import neo4j, { type Driver, isInt, Neo4jError, Record as Neo4jRecord, type SessionConfig } from 'neo4j-driver';
import { ConflictError } from '../../../src/domain/errors';
import { Neo4jRunner } from '../../../src/store/neo4j/runner';

interface Call {
  query: string;
  params: Record<string, unknown>;
}

/** Every statement answers `rows` records `{ n: Integer }`; `pulled` counts records handed out. */
function fakeDriver(rows: number, fail?: Error) {
  const state = { calls: [] as Call[], sessions: [] as SessionConfig[], txConfigs: [] as unknown[], open: 0, pulled: 0, closed: false };
  const record = (i: number) => new Neo4jRecord(['n'], [neo4j.int(i)]);
  const run = async (query: string, params: Record<string, unknown>) => {
    state.calls.push({ query, params });
    if (fail) throw fail;
    return { records: Array.from({ length: rows }, (_, i) => record(i)) };
  };
  const tx = { run };
  const driver = {
    session(config: SessionConfig) {
      state.sessions.push(config);
      state.open++;
      return {
        executeRead: (work: (t: typeof tx) => Promise<unknown>, config: unknown) => (state.txConfigs.push(config), work(tx)),
        executeWrite: (work: (t: typeof tx) => Promise<unknown>, config: unknown) => (state.txConfigs.push(config), work(tx)),
        run(query: string, params: Record<string, unknown>, config: unknown) {
          state.txConfigs.push(config);
          state.calls.push({ query, params });
          return (async function* () {
            for (let i = 0; i < rows; i++) {
              state.pulled++;
              yield record(i);
            }
          })();
        },
        async close() {
          state.open--;
        },
      };
    },
    async close() {
      state.closed = true;
    },
  };
  return { driver: driver as unknown as Driver, state };
}

test('read: one round trip in a read session of the configured database, rows normalised', async () => {
  const { driver, state } = fakeDriver(2);
  const runner = new Neo4jRunner(driver, 'shop');
  const rows = await runner.read('MATCH (n) RETURN n LIMIT $limit', { limit: 2 });
  assert.deepEqual(rows, [{ n: 0 }, { n: 1 }]);
  assert.equal(runner.stats.roundTrips, 1);
  assert.ok(isInt(state.calls[0].params.limit), 'LIMIT gets an Integer, not a Float');
  assert.equal(state.sessions[0].database, 'shop');
  assert.equal(state.sessions[0].defaultAccessMode, neo4j.session.READ);
  assert.equal(state.open, 0, 'session closed');
});

test('all sessions share one bookmark manager, so reads follow earlier writes', async () => {
  const { driver, state } = fakeDriver(0);
  const runner = new Neo4jRunner(driver);
  await runner.write((tx) => tx.run('CREATE (:A)'));
  await runner.read('MATCH (a:A) RETURN a');
  for await (const _ of runner.stream('MATCH (a:A) RETURN a', {}, 1)) void _;
  const [first, ...rest] = state.sessions.map((s) => s.bookmarkManager);
  assert.ok(first);
  for (const manager of rest) assert.equal(manager, first);
});

test('write: every tx.run is a round trip, and the work result comes back', async () => {
  const { driver, state } = fakeDriver(1);
  const runner = new Neo4jRunner(driver);
  const result = await runner.write(async (tx) => {
    await tx.run('CREATE (:A)');
    return (await tx.run('MATCH (a:A) RETURN count(a) AS n'))[0].n;
  });
  assert.equal(result, 0);
  assert.equal(runner.stats.roundTrips, 2);
  assert.equal(state.sessions[0].defaultAccessMode, neo4j.session.WRITE);
  assert.equal(state.open, 0);
});

test('write: errors from the work propagate, constraint violations as ConflictError', async () => {
  const plain = new Neo4jRunner(fakeDriver(0).driver);
  await assert.rejects(plain.write(async () => Promise.reject(new Error('boom'))), /boom/);

  const violation = new Neo4jError(
    "Node(3) already exists with label `User` and property `handle` = 'ann'",
    'Neo.ClientError.Schema.ConstraintValidationFailed',
    '22N41',
    'error: data exception',
  );
  const { driver, state } = fakeDriver(0, violation);
  const runner = new Neo4jRunner(driver);
  await assert.rejects(
    runner.write((tx) => tx.run('CREATE (:User {handle: $h})', { h: 'ann' })),
    (error) => error instanceof ConflictError && error.message === 'A User with this handle already exists',
  );
  assert.equal(state.open, 0);
});

test('stream: batches of at most batchSize, pulled lazily, fetching one batch at a time', async () => {
  const { driver, state } = fakeDriver(25);
  const runner = new Neo4jRunner(driver);
  const sizes: number[] = [];
  for await (const batch of runner.stream('MATCH (n) RETURN n', {}, 10)) {
    sizes.push(batch.length);
    if (sizes.length === 1) assert.equal(state.pulled, 10, 'nothing beyond the first batch was read');
  }
  assert.deepEqual(sizes, [10, 10, 5]);
  assert.equal(runner.stats.roundTrips, 1);
  assert.equal(state.sessions[0].fetchSize, 10);
  assert.equal(state.open, 0);
});

test('stream: leaving early closes the session; a bad batch size is refused', async () => {
  const { driver, state } = fakeDriver(25);
  const runner = new Neo4jRunner(driver);
  for await (const batch of runner.stream('MATCH (n) RETURN n', {}, 10)) {
    assert.equal(batch.length, 10);
    break;
  }
  assert.equal(state.open, 0);
  await assert.rejects(async () => {
    for await (const _ of runner.stream('RETURN 1', {}, 0)) void _;
  }, RangeError);
});

test('close closes the driver', async () => {
  const { driver, state } = fakeDriver(0);
  await new Neo4jRunner(driver).close();
  assert.ok(state.closed);
});

test('a configured timeout goes with every read, write and stream; none by default', async () => {
  const { driver, state } = fakeDriver(1);
  const runner = new Neo4jRunner(driver, undefined, 1500);
  await runner.read('RETURN 1');
  await runner.write((tx) => tx.run('RETURN 1'));
  for await (const batch of runner.stream('RETURN 1', {}, 1)) assert.equal(batch.length, 1);
  assert.deepEqual(state.txConfigs, [{ timeout: 1500 }, { timeout: 1500 }, { timeout: 1500 }]);

  const plain = fakeDriver(1);
  await new Neo4jRunner(plain.driver).read('RETURN 1');
  assert.deepEqual(plain.state.txConfigs, [{}]);
});
