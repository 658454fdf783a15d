import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { instrumented, type QueryKind } from '../../../src/store/cypher/instrumented-runner';
import type { CypherRunner } from '../../../src/store/cypher/runner';

const inner: CypherRunner = {
  stats: { roundTrips: 0, writes: 0 },
  read: async (query) => (query === 'bad' ? Promise.reject(new Error('bad query')) : [{ ok: 1 }]),
  write: (work) => work({ run: async () => [] }),
  async *stream() {
    yield [{ n: 1 }];
    yield [{ n: 2 }];
  },
  close: async () => {},
};

test('every read, write and stream is observed once, failed or not, with results passed through', async () => {
  const seen: [QueryKind, boolean][] = [];
  const runner = instrumented(inner, (kind, seconds, failed) => {
    assert.ok(seconds >= 0);
    seen.push([kind, failed]);
  });
  assert.deepEqual(await runner.read('ok'), [{ ok: 1 }]);
  await assert.rejects(runner.read('bad'), /bad query/);
  assert.equal(await runner.write(async () => 7), 7);
  for await (const batch of runner.stream('q', {}, 1)) if (batch[0].n === 1) break; // stopping early is no failure
  assert.deepEqual(seen, [['read', false], ['read', true], ['write', false], ['stream', false]]);
  assert.equal(runner.stats, inner.stats);
});
