/**
 * The bulk paths stage their CSV files in the data directory (src/store/ladybug/staging.ts): an
 * import through the store leaves none there, opening the store removes what a killed process left
 * (tests/seeds/import/kill-rerun.test.ts kills a real import), and a backup does not copy them.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from '../../support/node-test';
import { copyDataDir } from '../../../src/store/ladybug/backup';
import { STAGING } from '../../../src/store/ladybug/staging';
import { openStore } from '../../../src/store/open';

let work: string;
before(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'scg-staging-'));
});
after(() => rm(work, { recursive: true, force: true }));

test('opening the store clears files an earlier process staged, and a bulk load leaves none', async () => {
  const dataDir = path.join(work, 'open');
  const left = path.join(dataDir, STAGING, 'reviews-abc123');
  await mkdir(left, { recursive: true });
  await writeFile(path.join(left, 'Review-1.csv'), '"r1",5\n');
  const store = await openStore({ dataDir, neo4j: null });
  try {
    assert.equal(existsSync(path.join(dataDir, STAGING)), false);
    const users = ['ada', 'grace'].map((handle) => ({ id: handle, handle, displayName: handle, bio: '', joinedAt: 0 }));
    assert.equal(await store.bulk.load('users', users), 2);
    assert.equal((await readdir(path.join(dataDir, STAGING))).length, 0, 'the stage removed its directory');
  } finally {
    await store.close();
  }
});

test('a backup does not copy staged files', async () => {
  const dataDir = path.join(work, 'backup-src');
  await mkdir(path.join(dataDir, STAGING, 'follows-x'), { recursive: true });
  await writeFile(path.join(dataDir, STAGING, 'follows-x', 'FOLLOWS-1.csv'), '"u1","u2"\n');
  await writeFile(path.join(dataDir, 'graph.lbug'), 'bytes');
  const target = path.join(work, 'backup');
  await copyDataDir(dataDir, target, {});
  assert.equal((await readdir(target)).sort().join(' '), 'backup.json graph.lbug');
});
