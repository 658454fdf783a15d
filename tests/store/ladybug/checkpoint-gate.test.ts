/**
 * Queries run together and a checkpoint alone (src/store/ladybug/checkpoint-gate.ts): LadybugDB
 * 0.19 crashes a scan that runs while a checkpoint rewrites its column. And with LadybugDB's own
 * size trigger out of reach, the runner checkpoints once the log passes its size, alone.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from '../../support/node-test';
import { CheckpointGate } from '../../../src/store/ladybug/checkpoint-gate';
import { LadybugRunner } from '../../../src/store/ladybug/runner';

/** A promise and its resolver. */
function later(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  return { promise: new Promise((r) => (resolve = r)), resolve };
}
const tick = () => new Promise((r) => setImmediate(r));

test('a checkpoint waits for the queries executing, and queries asked meanwhile wait for it', async () => {
  const gate = new CheckpointGate();
  const events: string[] = [];
  const [a, b, checkpoint] = [later(), later(), later()];
  const queries = [gate.query(() => a.promise.then(() => events.push('a done'))), gate.query(() => b.promise.then(() => events.push('b done')))];
  const alone = gate.alone(async () => {
    events.push('checkpoint starts');
    await checkpoint.promise;
    events.push('checkpoint done');
  });
  const c = gate.query(async () => events.push('c runs'));
  a.resolve();
  await tick();
  assert.deepEqual(events, ['a done'], 'b still executes: no checkpoint, and c waits behind it');
  b.resolve();
  await tick();
  assert.deepEqual(events, ['a done', 'b done', 'checkpoint starts']);
  checkpoint.resolve();
  await Promise.all([...queries, alone, c]);
  assert.deepEqual(events, ['a done', 'b done', 'checkpoint starts', 'checkpoint done', 'c runs']);
  // Idle: a checkpoint runs at once, and a failed one lets queries through.
  await assert.rejects(gate.alone(() => Promise.reject(new Error('full disk'))), /full disk/);
  assert.equal(await gate.query(async () => 'runs'), 'runs');
});

test('the runner checkpoints once the log passes checkpointBytes, and not before', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'scg-lbug-'));
  const db = path.join(dir, 'graph.lbug');
  const runner = await LadybugRunner.open(db, { readers: 1, checkpointBytes: 256 * 1024 });
  const wal = async () => (await stat(`${db}.wal`).catch(() => null))?.size ?? 0;
  try {
    await runner.write((tx) => tx.run('CREATE NODE TABLE T(id INT64, s STRING, PRIMARY KEY(id))'));
    const sizes: number[] = [];
    for (let i = 0; i < 40; i++) {
      await runner.write((tx) => tx.run('UNWIND range($from, $from + 99) AS k CREATE (:T {id: k, s: $s})', { from: i * 100, s: 'x'.repeat(100) }));
      sizes.push(await wal());
    }
    const dropped = sizes.findIndex((s, i) => i > 0 && s < sizes[i - 1]);
    assert.ok(dropped > 0, `the log was checkpointed (sizes ${sizes.join(' ')})`);
    assert.ok(sizes[dropped - 1] <= 256 * 1024 && sizes.slice(0, dropped).every((s, i) => i === 0 || s > sizes[i - 1]), 'it grew until it passed the size');
    assert.deepEqual(await runner.read('MATCH (t:T) RETURN count(*) AS n'), [{ n: 4000 }]);
  } finally {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  }
});
