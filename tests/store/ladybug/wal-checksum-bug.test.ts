/**
 * The upstream bug behind issue #13's damaged WAL (see src/store/ladybug/wal.ts): with its default
 * WAL checksums, @ladybugdb/core 0.19 writes a committed record over ~4 KiB with a garbage length,
 * so a process that dies before the next checkpoint leaves a log LadybugDB cannot replay. Each
 * writer runs in a child process that commits and is then SIGKILLed (no checkpoint on close).
 * If the first test starts failing, LadybugDB fixed the bug and the workaround can go.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from '../../support/node-test';
import { fileURLToPath } from 'node:url';
import lbug from '@ladybugdb/core';
import { LadybugRunner } from '../../../src/store/ladybug/runner';
import { scanWal } from '../../../src/store/ladybug/wal';
import { openStore } from '../../../src/store/open';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIG = 5_000;
const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A child that opens a database with LadybugDB's defaults, commits a small and a BIG-character row, and is killed. */
async function commitThenDie(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'scg-walbug-'));
  dirs.push(dir);
  const db = path.join(dir, 'graph.lbug');
  const script = `
    import lbug from '@ladybugdb/core';
    const database = new lbug.Database($DB); await database.init();
    const conn = new lbug.Connection(database); await conn.init();
    const run = (q, p) => conn.prepare(q).then((s) => conn.execute(s, p ?? {}));
    await run('CREATE NODE TABLE T(id STRING, body STRING, PRIMARY KEY(id))');
    await run('CHECKPOINT');
    await run('CREATE (:T {id: $id, body: $body})', { id: 'small', body: 'x' });
    await run('CREATE (:T {id: $id, body: $body})', { id: 'big', body: 'y'.repeat(${BIG}) });
    process.kill(process.pid, 'SIGKILL');`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script.replaceAll('$DB', JSON.stringify(db))], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(child.signal, 'SIGKILL', child.stderr);
  return db;
}

test('upstream: LadybugDB with default settings cannot replay its own WAL holding a committed record over 4 KiB', async () => {
  const db = await commitThenDie();
  const scan = scanWal(await readFile(`${db}.wal`));
  const big = scan.records.find((r) => r.size > BIG);
  assert.ok(big, 'the big row is in the log');
  assert.equal(big.lostLength, true, 'its stored length is not its length; only the checksum finds its end');
  assert.equal(scan.committedEnd, scan.size, 'the log itself is complete: every transaction committed');
  const database = new lbug.Database(db);
  await assert.rejects(database.init(), /Checksum verification failed|invalid WAL record type/);
});

test('the engine recovers such a log: every committed row is there', async () => {
  const db = await commitThenDie();
  const lines: string[] = [];
  const runner = await LadybugRunner.open(db, { readers: 1, log: (m) => lines.push(m) });
  try {
    const rows = await runner.read('MATCH (t:T) RETURN t.id AS id, size(t.body) AS n ORDER BY id');
    assert.deepEqual(rows, [{ id: 'big', n: BIG }, { id: 'small', n: 1 }]);
    assert.match(lines.join('\n'), /rewrote it without checksums \(recovering 1 record length/);
  } finally {
    await runner.close();
  }
});

test('the engine logs without checksums: a model run with big metadata, published before a kill -9, is there after', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'scg-walbug-'));
  dirs.push(dir);
  const script = `
    import { openStore } from ${JSON.stringify(path.join(ROOT, 'src/store/open.ts'))};
    const store = await openStore({ dataDir: ${JSON.stringify(dir)}, neo4j: null });
    await store.models.publish({ kind: 'influence', version: 'v1', createdAt: 1, metadata: { notes: 'y'.repeat(${BIG}) } }, (async function* () {})());
    process.kill(process.pid, 'SIGKILL');`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(child.signal, 'SIGKILL', child.stderr);
  assert.equal(scanWal(await readFile(path.join(dir, 'graph.lbug.wal'))).checksums, false);
  const store = await openStore({ dataDir: dir, neo4j: null });
  try {
    const run = await store.models.current('influence');
    assert.equal(run?.version, 'v1');
    assert.equal((run?.metadata as { notes: string }).notes.length, BIG);
  } finally {
    await store.close();
  }
});
