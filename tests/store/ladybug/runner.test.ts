import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from '../../support/node-test';
import { LadybugRunner } from '../../../src/store/ladybug/runner';

test('a query running past queryTimeoutMs is interrupted', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'scg-lbug-'));
  // The timeout covers every query on the connection, so it must leave room for the check after
  // it on a loaded machine (at 50 ms a busy CI host timed out `RETURN 1` as well).
  const runner = await LadybugRunner.open(path.join(dir, 'graph.lbug'), { readers: 1, queryTimeoutMs: 1000 });
  try {
    // 10 billion rows of arithmetic: minutes of work, far beyond a second on any machine.
    const heavy = 'UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a * b AS c WHERE c % 7 = 3 RETURN count(*) AS n';
    await assert.rejects(runner.read(heavy), /interrupt/i);
    assert.deepEqual(await runner.read('RETURN 1 AS ok'), [{ ok: 1 }], 'the connection is usable afterwards');
  } finally {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  }
});
