/**
 * Rebuilds node tables, with every relationship table that touches them, from what their scans
 * return: the rows are written to staged files (copy-stage.ts), then one transaction drops the
 * tables, creates them again from the model and copies the rows back. It gives the tables a fresh
 * primary-key index, which is the only way to drop LadybugDB's "ghost" keys (keys the index holds
 * for rows that are not there, see bulk-repair.ts): a COPY or CREATE of such a key fails, and no
 * statement can delete it. One transaction, so a crash during the rebuild leaves the old tables.
 */
import { rmSync } from 'node:fs';
import { RELS } from '../cypher/model';
import { nodeTable } from '../cypher/bulk-graph';
import type { CypherRunner } from '../cypher/runner';
import { StagedTable } from './staged-table';
import type { Staging } from './staging';
import { nodeTableDdl, relTableDdl } from './schema';

const READ_BATCH = 20_000;

/** Writes what `query` returns (its columns in `columns` order) to a staged file of `table`. */
async function dump(db: CypherRunner, dir: string, table: string, query: string, columns: string[]) {
  const staged = new StagedTable(table, dir, columns);
  for await (const batch of db.stream(query, {}, READ_BATCH)) for (const row of batch) staged.add(row as Record<string, string | number | null>);
  const taken = staged.take();
  staged.close();
  return taken;
}

export async function rebuildNodeTables(db: CypherRunner, staging: Staging, labels: string[]): Promise<void> {
  const nodes = labels.map(nodeTable);
  const rels = RELS.filter((r) => labels.includes(r.from) || labels.includes(r.to));
  const dir = staging.directory('rebuild-');
  try {
    const files: ReturnType<StagedTable['take']>[] = [];
    for (const n of nodes) {
      const cols = Object.keys(n.properties);
      files.push(await dump(db, dir, n.label, `MATCH (n:${n.label}) RETURN ${cols.map((c) => `n.${c} AS ${c}`).join(', ')}`, cols));
    }
    for (const r of rels) {
      const props = Object.keys(r.properties);
      const query =
        `MATCH (a:${r.from})-[e:${r.type}]->(b:${r.to}) ` +
        `RETURN a.${nodeTable(r.from).key} AS src, b.${nodeTable(r.to).key} AS dst${props.map((p) => `, e.${p} AS ${p}`).join('')}`;
      files.push(await dump(db, dir, r.type, query, ['src', 'dst', ...props]));
    }
    await db.write(async (tx) => {
      for (const r of rels) await tx.run(`DROP TABLE ${r.type}`);
      for (const n of nodes) await tx.run(`DROP TABLE ${n.label}`);
      for (const n of nodes) await tx.run(nodeTableDdl(n));
      for (const r of rels) await tx.run(relTableDdl(r));
      // Nodes first: a relationship's COPY looks up its end nodes.
      for (const f of files) if (f) await tx.run(f.copy);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
