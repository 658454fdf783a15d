import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from '../../support/node-test';
import { SCHEMA_VERSION } from '../../../src/store/cypher/model';
import { LadybugRunner } from '../../../src/store/ladybug/runner';

/**
 * Builds an old database (`setup` turns today's schema into that version's, which is then
 * recorded), opens it again, so that it migrates, and hands it to `check`.
 */
async function migratedFrom(version: number, setup: (runner: LadybugRunner) => Promise<void>, check: (runner: LadybugRunner) => Promise<void>) {
  const dir = await mkdtemp(path.join(tmpdir(), 'scg-lbug-'));
  const file = path.join(dir, 'graph.lbug');
  try {
    let runner = await LadybugRunner.open(file);
    await setup(runner);
    await runner.write((tx) => tx.run("MATCH (m:Meta {key: 'schemaVersion'}) SET m.value = $v", { v: String(version) }));
    await runner.close();

    runner = await LadybugRunner.open(file);
    try {
      await check(runner);
      assert.deepEqual(await runner.read("MATCH (m:Meta {key: 'schemaVersion'}) RETURN m.value AS v"), [{ v: String(SCHEMA_VERSION) }]);
    } finally {
      await runner.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a version 1 database gains User.shareVisibility, PUBLIC for existing users', async () => {
  await migratedFrom(
    1,
    async (runner) => {
      await runner.write((tx) => tx.run("CREATE (:User {id: 'a', handle: 'a', displayName: 'A', bio: '', joinedAt: 1})"));
      await runner.read('ALTER TABLE User DROP shareVisibility');
    },
    async (runner) => {
      assert.deepEqual(await runner.read('MATCH (u:User) RETURN u.id AS id, u.shareVisibility AS v'), [{ id: 'a', v: 'PUBLIC' }]);
    },
  );
});

test('a version 2 database gains Product.categoryId, copied from the category of each product', async () => {
  await migratedFrom(
    2,
    async (runner) => {
      await runner.write(async (tx) => {
        await tx.run("CREATE (:Category {id: 'books', name: 'Books'})");
        await tx.run("MATCH (c:Category {id: 'books'}) CREATE (:Product {id: 'p1', name: 'Dune', reviewCount: 0, ratingSum: 0})-[:IN_CATEGORY]->(c)");
      });
      await runner.read('ALTER TABLE Product DROP categoryId');
    },
    async (runner) => {
      assert.deepEqual(await runner.read('MATCH (p:Product) RETURN p.id AS id, p.categoryId AS c'), [{ id: 'p1', c: 'books' }]);
    },
  );
});
