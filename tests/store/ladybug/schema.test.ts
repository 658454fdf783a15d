import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { SCHEMA_VERSION } from '../../../src/store/cypher/model';
import { LadybugRunner } from '../../../src/store/ladybug/runner';

test('a version 1 database gains User.shareVisibility, PUBLIC for existing users', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'scg-lbug-'));
  const file = path.join(dir, 'graph.lbug');
  try {
    // Build a version 1 database: today's schema without the column, and version 1 recorded.
    let runner = await LadybugRunner.open(file);
    await runner.write((tx) => tx.run("CREATE (:User {id: 'a', handle: 'a', displayName: 'A', bio: '', joinedAt: 1})"));
    await runner.read('ALTER TABLE User DROP shareVisibility');
    await runner.write((tx) => tx.run("MATCH (m:Meta {key: 'schemaVersion'}) SET m.value = '1'"));
    await runner.close();

    runner = await LadybugRunner.open(file);
    try {
      assert.deepEqual(await runner.read('MATCH (u:User) RETURN u.id AS id, u.shareVisibility AS v'), [{ id: 'a', v: 'PUBLIC' }]);
      assert.deepEqual(await runner.read("MATCH (m:Meta {key: 'schemaVersion'}) RETURN m.value AS v"), [{ v: String(SCHEMA_VERSION) }]);
    } finally {
      await runner.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
