import assert from 'node:assert/strict';
import test from '../../support/node-test';
import { PRODUCT_CATEGORY_BACKFILL, SCHEMA_VERSION } from '../../../src/store/cypher/model';
import type { CypherRunner, CypherTx, Params, Row } from '../../../src/store/cypher/runner';
import { applySchema, schemaStatements, SHARE_VISIBILITY_BACKFILL } from '../../../src/store/neo4j/schema';

test('schema statements: a constraint per key and unique property, a range index per indexed one', () => {
  assert.deepEqual(schemaStatements(), [
    'CREATE CONSTRAINT User_id_unique IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT User_handle_unique IF NOT EXISTS FOR (n:User) REQUIRE n.handle IS UNIQUE',
    'CREATE RANGE INDEX User_joinedAt_range IF NOT EXISTS FOR (n:User) ON (n.joinedAt)',
    'CREATE CONSTRAINT Category_id_unique IF NOT EXISTS FOR (n:Category) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT Product_id_unique IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE',
    'CREATE RANGE INDEX Product_createdAt_range IF NOT EXISTS FOR (n:Product) ON (n.createdAt)',
    'CREATE RANGE INDEX Product_reviewCount_range IF NOT EXISTS FOR (n:Product) ON (n.reviewCount)',
    'CREATE CONSTRAINT Review_id_unique IF NOT EXISTS FOR (n:Review) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT Review_authorProduct_unique IF NOT EXISTS FOR (n:Review) REQUIRE n.authorProduct IS UNIQUE',
    'CREATE RANGE INDEX Review_createdAt_range IF NOT EXISTS FOR (n:Review) ON (n.createdAt)',
    'CREATE CONSTRAINT Share_id_unique IF NOT EXISTS FOR (n:Share) REQUIRE n.id IS UNIQUE',
    'CREATE RANGE INDEX Share_createdAt_range IF NOT EXISTS FOR (n:Share) ON (n.createdAt)',
    'CREATE CONSTRAINT Meta_key_unique IF NOT EXISTS FOR (n:Meta) REQUIRE n.key IS UNIQUE',
    'CREATE CONSTRAINT ModelRun_id_unique IF NOT EXISTS FOR (n:ModelRun) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT ModelOutput_id_unique IF NOT EXISTS FOR (n:ModelOutput) REQUIRE n.id IS UNIQUE',
    'CREATE RANGE INDEX ModelOutput_version_range IF NOT EXISTS FOR (n:ModelOutput) ON (n.version)',
  ]);
});

test('schema statements: an indexed property that is also unique gets only its constraint', () => {
  const node = { label: 'Tag', key: 'id', properties: { id: 'STRING' as const, slug: 'STRING' as const }, unique: ['slug'], indexed: ['slug'] };
  assert.deepEqual(schemaStatements([node]), [
    'CREATE CONSTRAINT Tag_id_unique IF NOT EXISTS FOR (n:Tag) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT Tag_slug_unique IF NOT EXISTS FOR (n:Tag) REQUIRE n.slug IS UNIQUE',
  ]);
});

/** Records every statement; answers the version lookup from `version`, which version writes update. */
class FakeRunner implements CypherRunner {
  readonly stats = { roundTrips: 0, writes: 0 };
  readonly writes: { query: string; params: Params }[] = [];
  constructor(public version: string | null) {}

  async read(): Promise<Row[]> {
    return this.version === null ? [] : [{ value: this.version }];
  }

  write<T>(work: (tx: CypherTx) => Promise<T>): Promise<T> {
    return work({
      run: async (query, params = {}) => {
        this.writes.push({ query, params });
        if (query.startsWith('MERGE (m:Meta')) this.version = params.value as string;
        return [];
      },
    });
  }

  async *stream(): AsyncIterable<Row[]> {}
  async close(): Promise<void> {}
}

test('a new database gets the schema, then the current version', async () => {
  const runner = new FakeRunner(null);
  await applySchema(runner);
  assert.deepEqual(
    runner.writes.map((w) => w.query),
    [...schemaStatements(), 'MERGE (m:Meta {key: $key}) SET m.value = $value'],
  );
  assert.equal(runner.version, String(SCHEMA_VERSION));
});

test('a database at the current version only re-applies the idempotent schema', async () => {
  const runner = new FakeRunner(String(SCHEMA_VERSION));
  await applySchema(runner);
  assert.deepEqual(runner.writes.map((w) => w.query), schemaStatements());
});

test('a database from newer code is refused before anything is written', async () => {
  const runner = new FakeRunner(String(SCHEMA_VERSION + 1));
  await assert.rejects(applySchema(runner), new RegExp(`schema version ${SCHEMA_VERSION + 1}, but this build only knows up to ${SCHEMA_VERSION}`));
  assert.equal(runner.writes.length, 0);
});

test('an older database is migrated step by step, each step recording its version', async () => {
  const runner = new FakeRunner('1');
  const steps: string[] = [];
  const migrations = {
    2: async () => void steps.push(`2 after ${runner.version}`),
    3: async () => void steps.push(`3 after ${runner.version}`),
  };
  await applySchema(runner, { version: 3, migrations });
  assert.deepEqual(steps, ['2 after 1', '3 after 2']);
  assert.equal(runner.version, '3');
});

test('version 1 to 2 gives every user the PUBLIC share visibility', async () => {
  const runner = new FakeRunner('1');
  await applySchema(runner, { version: 2 });
  assert.deepEqual(runner.writes.slice(0, 2).map((w) => w.query), [SHARE_VISIBILITY_BACKFILL, 'MERGE (m:Meta {key: $key}) SET m.value = $value']);
  assert.equal(runner.version, '2');
});

test('version 2 to 3 copies the category id of every product onto it', async () => {
  const runner = new FakeRunner('2');
  await applySchema(runner, { version: 3 });
  assert.deepEqual(runner.writes.slice(0, 2).map((w) => w.query), [PRODUCT_CATEGORY_BACKFILL, 'MERGE (m:Meta {key: $key}) SET m.value = $value']);
  assert.equal(runner.version, '3');
});

test('an older database without a migration path is refused', async () => {
  await assert.rejects(applySchema(new FakeRunner('1'), { version: 2, migrations: {} }), /No Neo4j migration from schema version 1 to 2/);
});

test('an unreadable stored version is refused', async () => {
  await assert.rejects(applySchema(new FakeRunner('one')), /not an integer/);
});
