/**
 * A CI-sized soak (4 cycles, one of each stop) in `npm test`; `npm run soak` runs 50 at random.
 */
import assert from 'node:assert/strict';
import { test } from '../support/node-test';
import { runSoak, STOPS } from './soak';

test('start/stop cycles under writes and publications, each stop kind once: nothing lost, nothing half-written, no flag needed', { timeout: 600_000 }, async () => {
  const summary = await runSoak({ cycles: STOPS.length, clients: 4, seed: 11, writeMs: { min: 300, max: 1500 }, roundRobin: true });
  assert.deepEqual(summary.problems, []);
  assert.deepEqual(Object.values(summary.stops), [1, 1, 1, 1]);
  assert.ok(summary.writesAcknowledged > 0 && summary.publicationsAcknowledged > 0, 'writes and publications were acknowledged');
  assert.equal(summary.lost, 0);
  assert.equal(summary.inconsistencies, 0, 'a graceful stop leaves an empty log, counters agree with rows');
  assert.equal(summary.restartsNeedingFlag, 0);
});
