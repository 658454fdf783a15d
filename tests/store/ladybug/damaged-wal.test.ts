/**
 * A crash while a transaction is being appended leaves a torn record at the end of the
 * write-ahead log. By default the store refuses to open and says what to do; with
 * skipDamagedWal it opens as of the last intact transaction.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../../src/store/open';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const USERS = 5;
let dir: string;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scg-wal-'));
  // A process that commits USERS users, one transaction each, then dies without closing the store.
  const script = `
    import { openStore } from ${JSON.stringify(path.join(ROOT, 'src/store/open.ts'))};
    const store = await openStore({ dataDir: ${JSON.stringify(dir)}, neo4j: null });
    for (let i = 0; i < ${USERS}; i++) await store.users.create({ handle: 'user_' + i, displayName: 'User ' + i }, { id: 'u' + i, at: i });
    process.kill(process.pid, 'SIGKILL');`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(child.signal, 'SIGKILL', child.stderr);
  const wal = path.join(dir, 'graph.lbug.wal');
  await truncate(wal, (await stat(wal)).size - 40); // tear the last transaction's record
});
after(() => rm(dir, { recursive: true, force: true }));

test('a torn write-ahead log stops the open with an explanation, by default', async () => {
  await assert.rejects(openStore({ dataDir: dir, neo4j: null }), /write-ahead log .* is damaged.*LADYBUG_SKIP_DAMAGED_WAL=true/s);
});

test('with skipDamagedWal the database opens as of its last intact transaction', async () => {
  const store = await openStore({ dataDir: dir, neo4j: null, ladybug: { skipDamagedWal: true } });
  try {
    const users = await store.users.get(Array.from({ length: USERS }, (_, i) => `u${i}`));
    assert.deepEqual(
      users.map((u) => u?.handle ?? null),
      ['user_0', 'user_1', 'user_2', 'user_3', null],
    );
  } finally {
    await store.close();
  }
});
