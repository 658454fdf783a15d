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

test('a long stream lets the event loop turn while it reads rows (other requests are served meanwhile)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'scg-lbug-'));
  const runner = await LadybugRunner.open(path.join(dir, 'graph.lbug'), { readers: 1 });
  try {
    let batches = 0;
    let turnedAt: number | null = null;
    // 200,000 rows read one by one take far longer than one slice on any machine.
    for await (const batch of runner.stream('UNWIND range(1, 200000) AS x RETURN x', {}, 1000)) {
      if (batches++ === 0) setImmediate(() => (turnedAt = batches));
      assert.ok(batch.length > 0);
    }
    assert.equal(batches, 200);
    assert.ok(turnedAt !== null && turnedAt < batches, `the loop turned during the stream (after batch ${turnedAt} of ${batches})`);
  } finally {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  }
});
