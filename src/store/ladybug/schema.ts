/**
 * LadybugDB schema: DDL derived from the shared graph model, applied idempotently at start, with
 * the schema version recorded in a Meta node so later versions can migrate.
 */
import { NODES, PRODUCT_CATEGORY_BACKFILL, RELS, REVIEW_EDGE_BACKFILL, SCHEMA_VERSION, type NodeTable, type RelTable } from '../cypher/model';

export function nodeTableDdl(n: NodeTable): string {
  const cols = Object.entries(n.properties).map(([name, type]) => `${name} ${type}`);
  return `CREATE NODE TABLE IF NOT EXISTS ${n.label}(${cols.join(', ')}, PRIMARY KEY(${n.key}))`;
}

export function relTableDdl(r: RelTable): string {
  const cols = Object.entries(r.properties).map(([name, type]) => `, ${name} ${type}`);
  return `CREATE REL TABLE IF NOT EXISTS ${r.type}(FROM ${r.from} TO ${r.to}${cols.join('')})`;
}

export function ladybugDdl(): string[] {
  return [...NODES.map(nodeTableDdl), ...RELS.map(relTableDdl)];
}

/** Steps that bring a database from version `from` to `from + 1`; each model change adds its step here. */
const MIGRATIONS: Record<number, string[]> = {
  // Existing users keep showing their shares to everyone.
  1: ["ALTER TABLE User ADD shareVisibility STRING DEFAULT 'PUBLIC'"],
  // IF NOT EXISTS: a step interrupted before its version was recorded runs again.
  2: ['ALTER TABLE Product ADD IF NOT EXISTS categoryId STRING', PRODUCT_CATEGORY_BACKFILL],
  3: [
    ...['WROTE', 'REVIEWS'].flatMap((rel) =>
      Object.entries(RELS.find((r) => r.type === rel)!.properties).map(([name, type]) => `ALTER TABLE ${rel} ADD IF NOT EXISTS ${name} ${type}`),
    ),
    ...REVIEW_EDGE_BACKFILL,
  ],
};

export interface SchemaRunner {
  exec(statement: string, params?: Record<string, unknown>): Promise<Record<string, unknown>[]>;
}

export async function applyLadybugSchema(db: SchemaRunner): Promise<void> {
  for (const statement of ladybugDdl()) await db.exec(statement);
  const rows = await db.exec("MATCH (m:Meta {key: 'schemaVersion'}) RETURN m.value AS v");
  let version = rows.length ? Number(rows[0].v) : 0;
  if (version > SCHEMA_VERSION) {
    throw new Error(`the database has schema version ${version}, newer than this code (${SCHEMA_VERSION}); upgrade the code`);
  }
  if (version === 0) version = SCHEMA_VERSION; // fresh database: the DDL above is the current model
  for (; version < SCHEMA_VERSION; version++) {
    for (const statement of MIGRATIONS[version] ?? []) await db.exec(statement);
  }
  await db.exec("MERGE (m:Meta {key: 'schemaVersion'}) SET m.value = $v", { v: String(SCHEMA_VERSION) });
}
