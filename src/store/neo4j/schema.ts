/**
 * Neo4j's schema, derived from the graph model (cypher/model.ts): a uniqueness constraint on every
 * node key and `unique` property, a range index on every `indexed` one, and the schema version in
 * `(:Meta {key: 'schemaVersion'})`. Applying it is idempotent, so it runs at every start.
 */
import { type NodeTable, NODES, PRODUCT_CATEGORY_BACKFILL, REVIEW_EDGE_BACKFILL, SCHEMA_VERSION } from '../cypher/model';
import type { CypherRunner } from '../cypher/runner';

/** Moves the data from the previous version to the one it is keyed by. */
export type Migration = (runner: CypherRunner) => Promise<void>;

export const SHARE_VISIBILITY_BACKFILL = "MATCH (u:User) WHERE u.shareVisibility IS NULL SET u.shareVisibility = 'PUBLIC'";

/**
 * Migrations keyed by the version they produce: bumping SCHEMA_VERSION to n needs `n: step` here.
 * A step may be interrupted before its version is recorded, so it must be safe to run again.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // Neo4j needs no DDL for a new property; spell out the default so both engines store the same.
  2: async (runner) => {
    await runner.write((tx) => tx.run(SHARE_VISIBILITY_BACKFILL));
  },
  3: async (runner) => {
    await runner.write((tx) => tx.run(PRODUCT_CATEGORY_BACKFILL));
  },
  4: async (runner) => {
    for (const statement of REVIEW_EDGE_BACKFILL) await runner.write((tx) => tx.run(statement));
  },
};

const VERSION_KEY = 'schemaVersion';

/** The DDL for `nodes`, with names derived from label and property so reruns find what exists. */
export function schemaStatements(nodes: readonly NodeTable[] = NODES): string[] {
  return nodes.flatMap((node) => {
    const unique = [node.key, ...(node.unique ?? [])];
    // A uniqueness constraint is backed by its own range index; a second one would be refused.
    const indexed = (node.indexed ?? []).filter((property) => !unique.includes(property));
    return [
      ...unique.map(
        (property) =>
          `CREATE CONSTRAINT ${node.label}_${property}_unique IF NOT EXISTS FOR (n:${node.label}) REQUIRE n.${property} IS UNIQUE`,
      ),
      ...indexed.map(
        (property) => `CREATE RANGE INDEX ${node.label}_${property}_range IF NOT EXISTS FOR (n:${node.label}) ON (n.${property})`,
      ),
    ];
  });
}

/**
 * Brings the database to this code's schema: refuses a database written by newer code (an older
 * build could corrupt it), migrates an older one step by step, then creates constraints and
 * indexes and records the version. A database without a version is new and needs no migration.
 */
export async function applySchema(
  runner: CypherRunner,
  { version = SCHEMA_VERSION, migrations = MIGRATIONS }: { version?: number; migrations?: Readonly<Record<number, Migration>> } = {},
): Promise<void> {
  const stored = await storedVersion(runner);
  if (stored !== null && stored > version) {
    throw new Error(
      `The Neo4j database has schema version ${stored}, but this build only knows up to ${version}: run a newer build against it`,
    );
  }
  for (let next = (stored ?? version) + 1; next <= version; next++) {
    const migrate = migrations[next];
    if (!migrate) throw new Error(`No Neo4j migration from schema version ${next - 1} to ${next}`);
    await migrate(runner);
    await recordVersion(runner, next);
  }
  // Schema commands cannot share a transaction with data writes, so each runs on its own.
  for (const statement of schemaStatements()) await runner.write((tx) => tx.run(statement));
  // After the constraints, so that racing first starts still MERGE a single Meta node.
  if (stored === null) await recordVersion(runner, version);
}

async function storedVersion(runner: CypherRunner): Promise<number | null> {
  const rows = await runner.read('MATCH (m:Meta {key: $key}) RETURN m.value AS value', { key: VERSION_KEY });
  if (rows.length === 0) return null;
  const version = Number(rows[0].value);
  if (!Number.isInteger(version)) throw new Error(`The Neo4j schema version ${JSON.stringify(rows[0].value)} is not an integer`);
  return version;
}

async function recordVersion(runner: CypherRunner, version: number): Promise<void> {
  // Meta.value is a STRING in the model.
  await runner.write((tx) =>
    tx.run('MERGE (m:Meta {key: $key}) SET m.value = $value', { key: VERSION_KEY, value: String(version) }),
  );
}
