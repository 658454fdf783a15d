/**
 * The Neo4j engine against a real server, when NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD,
 * NEO4J_DATABASE as needed) points at one. It writes only nodes tagged with this run's id, plus
 * two probe users, and deletes them at the end.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import test from '../../support/node-test';
import { ConflictError } from '../../../src/domain/errors';
import { loadConfig } from '../../../src/server/config';
import { SCHEMA_VERSION } from '../../../src/store/cypher/model';
import { openNeo4jRunner } from '../../../src/store/neo4j/connect';
import { applySchema, schemaStatements } from '../../../src/store/neo4j/schema';

const skip = process.env.NEO4J_URI ? false : 'NEO4J_URI not set: Neo4j engine tests skipped';

test('Neo4j engine against a live server', { skip }, async (t) => {
  const runner = await openNeo4jRunner(loadConfig().neo4j!);
  const run = randomUUID();
  try {
    await t.test('the schema is in place, recorded, and applying it again changes nothing', async () => {
      await applySchema(runner);
      assert.deepEqual(await runner.read("MATCH (m:Meta {key: 'schemaVersion'}) RETURN m.value AS v"), [{ v: String(SCHEMA_VERSION) }]);
      const names = async (show: string) => new Set((await runner.read(`${show} YIELD name RETURN name`)).map((r) => r.name));
      const constraints = await names('SHOW CONSTRAINTS');
      const indexes = await names('SHOW INDEXES');
      for (const statement of schemaStatements()) {
        const [, kind, name] = /^CREATE (CONSTRAINT|RANGE INDEX) (\S+)/.exec(statement)!;
        assert.ok((kind === 'CONSTRAINT' ? constraints : indexes).has(name), `${name} exists`);
      }
    });

    await t.test('a write transaction that throws writes nothing', async () => {
      await assert.rejects(
        runner.write(async (tx) => {
          await tx.run('CREATE (:RunnerProbe {run: $run, i: -1})', { run });
          throw new Error('abort after the write');
        }),
        /abort after the write/,
      );
      assert.deepEqual(await runner.read('MATCH (p:RunnerProbe {run: $run}) RETURN count(p) AS n', { run }), [{ n: 0 }]);
    });

    await t.test('integer parameters are Integers: SKIP/LIMIT accept them and arithmetic stays integral', async () => {
      await runner.write((tx) => tx.run('UNWIND range(0, $count - 1) AS i CREATE (:RunnerProbe {run: $run, i: i})', { run, count: 25 }));
      const page = await runner.read('MATCH (p:RunnerProbe {run: $run}) RETURN p.i AS i ORDER BY i SKIP $skip LIMIT $limit', {
        run,
        skip: 5,
        limit: 3,
      });
      assert.deepEqual(page, [{ i: 5 }, { i: 6 }, { i: 7 }]);
      const halves = await runner.read('RETURN $n / 2 AS ofInteger, $x / 2 AS ofFloat', { n: 7, x: 7.5 });
      assert.deepEqual(halves, [{ ofInteger: 3, ofFloat: 3.75 }]);
    });

    await t.test('a stream yields batches of at most batchSize with nodes as their properties', async () => {
      const before = runner.stats.roundTrips;
      const batches: unknown[][] = [];
      for await (const batch of runner.stream('MATCH (p:RunnerProbe {run: $run}) RETURN p ORDER BY p.i', { run }, 10)) {
        batches.push(batch);
      }
      assert.deepEqual(batches.map((b) => b.length), [10, 10, 5]);
      assert.deepEqual(batches.flat()[24], { p: { run, i: 24 } });
      assert.equal(runner.stats.roundTrips, before + 1);
    });

    await t.test('a uniqueness violation is a ConflictError', async () => {
      const create = (id: string) =>
        runner.write((tx) => tx.run('CREATE (:User {id: $id, handle: $handle})', { id: `${run}-${id}`, handle: `probe-${run}` }));
      await create('a');
      await assert.rejects(create('b'), ConflictError);
    });
  } finally {
    await runner.write(async (tx) => {
      await tx.run('MATCH (p:RunnerProbe {run: $run}) DETACH DELETE p', { run });
      await tx.run('MATCH (u:User) WHERE u.id STARTS WITH $run DETACH DELETE u', { run });
    });
    await runner.close();
  }
});
