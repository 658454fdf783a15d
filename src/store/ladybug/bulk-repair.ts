/**
 * Repairs what LadybugDB leaves after a process is killed while a bulk chunk commits. COPY always
 * forces a checkpoint at its commit, and its rows reach only the data file, never the write-ahead
 * log. Killed during that checkpoint, the database opens as of the checkpoint before:
 * - the chunk's other writes (the product counters) are replayed from the log without its rows;
 * - some of the chunk's keys stay in the primary-key index of the node table it copied into
 *   ("ghost" keys: no scan returns them, a COPY of them fails with "duplicated primary key", a
 *   CREATE of one crashes the process), so a rerun of the import could never store those rows.
 *   Reproduced by tests/store/ladybug/ghost-key-bug.test.ts (17 of 200 keys) and by killing
 *   imports (tests/seeds/import/kill-rerun.test.ts).
 * So a bulk chunk raises a flag naming the node tables it copies into, in its own, earlier
 * transaction, and lowers it after its commit. Opening a store whose flag is up rebuilds those
 * tables from their rows (rebuild-tables.ts: a fresh index) and recounts every product's review
 * counters from the reviews that are there. A rerun of the import then adds what is missing.
 */
import { RECOUNT_PRODUCTS } from '../cypher/bulk';
import { NODES } from '../cypher/model';
import type { CypherRunner } from '../cypher/runner';
import { rebuildNodeTables } from './rebuild-tables';
import type { Staging } from './staging';

const FLAG = 'bulkChunkInFlight';

/** `labels`: the node tables the chunk copies into (none for follows). */
export const raiseBulkFlag = (db: CypherRunner, labels: string[]) =>
  db.write((tx) => tx.run(`MERGE (m:Meta {key: '${FLAG}'}) SET m.value = $labels`, { labels: labels.join(',') }));

export const lowerBulkFlag = (db: CypherRunner) => db.write((tx) => tx.run(`MATCH (m:Meta {key: '${FLAG}'}) DELETE m`));

/** Repairs after an interrupted bulk chunk (or a log set aside, unreplayable-checkpoint.ts); returns the tables rebuilt, or null when there was nothing to do. */
export async function repairInterruptedBulk(db: CypherRunner, staging: Staging): Promise<string[] | null> {
  const flag = await db.read(`MATCH (m:Meta {key: '${FLAG}'}) RETURN m.value AS v`);
  if (flag.length === 0) return null;
  const labels = String(flag[0].v).split(',').filter((l) => NODES.some((n) => n.label === l));
  if (labels.length) await rebuildNodeTables(db, staging, labels);
  await db.write(async (tx) => {
    await tx.run(RECOUNT_PRODUCTS);
    await tx.run(`MATCH (m:Meta {key: '${FLAG}'}) DELETE m`);
  });
  return labels;
}
