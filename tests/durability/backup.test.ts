/**
 * `npm run backup` while the server runs under concurrent writes (the copy is made by the server),
 * then `npm run restore` into the stopped server's DATA_DIR: the restored store has exactly the
 * backup's counts, its counters agree with its rows, and the replaced directory is kept aside.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from '../support/node-test';
import type { BackupManifest } from '../../src/store/contract';
import { countAll, readManifest } from '../../src/store/ladybug/backup';
import { LadybugRunner } from '../../src/store/ladybug/runner';
import { openStore } from '../../src/store/open';
import { PRODUCTS, productId, seedCommunity, USERS, userId } from '../graphql/support/community';
import { authHeaders } from '../support/auth-headers';
import { runCommand } from '../support/run-command';
import { startServerProcess } from '../support/server-process';
import { writeUntilCut } from './crash/clients';
import { counterProblems, readGraphState } from './crash/graph-state';
import { Ledger } from './crash/ledger';


const npmRun = (script: string, dir: string, env: Record<string, string>) => runCommand('npm', ['run', '--silent', script, '--', dir], env);

async function counts(dataDir: string): Promise<Record<string, number>> {
  const db = await LadybugRunner.open(path.join(dataDir, 'graph.lbug'), { readers: 1 });
  try {
    return await countAll((q) => db.read(q));
  } finally {
    await db.close();
  }
}

test('backup through the running server under writes, restore after it stops: counts equal the backup', { timeout: 240_000 }, async () => {
  const work = await mkdtemp(path.join(tmpdir(), 'scg-backup-'));
  const dataDir = path.join(work, 'data');
  const backupDir = path.join(work, 'backup');
  try {
    const store = await openStore({ dataDir, neo4j: null });
    await seedCommunity(store);
    await store.close();
    const ledger = new Ledger(await readGraphState(dataDir));

    const server = await startServerProcess({ dataDir, env: { SEED_ON_EMPTY: 'false' } });
    const port = new URL(server.url).port;
    let manifest: BackupManifest;
    try {
      const cast = { userIds: Array.from({ length: USERS }, (_, i) => userId(i)), productIds: Array.from({ length: PRODUCTS }, (_, i) => productId(i)) };
      const writing = writeUntilCut({ url: server.url, auth: authHeaders(), ledger, cast, clients: 4, seed: 5 });
      await new Promise((r) => setTimeout(r, 500));
      const out = await npmRun('backup', backupDir, { DATA_DIR: dataDir, PORT: port, NEO4J_URI: '' });
      assert.match(out, /held by a running server: backing up through it/);
      await new Promise((r) => setTimeout(r, 300));
      await server.stop();
      await writing;
      manifest = await readManifest(backupDir);
    } finally {
      await server.kill();
    }
    assert.ok(ledger.acknowledgedTotal > 0, 'writes went on around the backup');
    const after = await counts(dataDir);
    assert.ok(after.FOLLOWS !== manifest.counts.FOLLOWS || after.Review !== manifest.counts.Review || after.VOTED_HELPFUL !== manifest.counts.VOTED_HELPFUL, 'the store moved on after the backup');

    await npmRun('restore', backupDir, { DATA_DIR: dataDir, NEO4J_URI: '' });
    assert.deepEqual(await counts(dataDir), manifest.counts);
    assert.deepEqual(counterProblems(await readGraphState(dataDir)), []);
    const aside = (await readdir(work)).filter((f) => f.startsWith('data.before-restore-'));
    assert.equal(aside.length, 1, 'the replaced directory is kept');
    assert.deepEqual(await counts(path.join(work, aside[0])), after);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
