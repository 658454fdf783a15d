/**
 * LadybugDB does not keep a transaction's COPY and its other writes together across a crash: with
 * a process killed while a chunk commits, the chunk's counter updates can survive without its
 * copied rows (reproduced by tests/seeds/import/kill-rerun.test.ts; 1 of 6 kills of a COPY-and-SET
 * loop). So a bulk chunk raises a flag in its own, earlier transaction and lowers it after its
 * commit, and opening a store whose flag is up recounts every product's review counters from the
 * reviews that are there. The rows themselves need no repair: a rerun of the import adds what is
 * missing.
 */
import { RECOUNT_PRODUCTS } from '../cypher/bulk';
import type { CypherRunner } from '../cypher/runner';

const FLAG = 'bulkChunkInFlight';

export const raiseBulkFlag = (db: CypherRunner) => db.write((tx) => tx.run(`MERGE (m:Meta {key: '${FLAG}'}) SET m.value = 'true'`));

export const lowerBulkFlag = (db: CypherRunner) => db.write((tx) => tx.run(`MATCH (m:Meta {key: '${FLAG}'}) DELETE m`));

/** Recounts after an interrupted bulk chunk; returns whether it had to. */
export async function repairInterruptedBulk(db: CypherRunner): Promise<boolean> {
  if ((await db.read(`MATCH (m:Meta {key: '${FLAG}'}) RETURN m.value AS v`)).length === 0) return false;
  await db.write(async (tx) => {
    await tx.run(RECOUNT_PRODUCTS);
    await tx.run(`MATCH (m:Meta {key: '${FLAG}'}) DELETE m`);
  });
  return true;
}
