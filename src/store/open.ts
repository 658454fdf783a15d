/**
 * Opens the configured engine: Neo4j when a URI is configured, else the embedded LadybugDB in
 * the data directory.
 */
import { mkdir } from 'node:fs/promises';
import type { Config, Neo4jConfig } from '../server/config';
import type { Store } from './contract';
import { instrumented, type QueryObserver } from './cypher/instrumented-runner';
import { NODES } from './cypher/model';
import type { CypherRunner } from './cypher/runner';
import { cypherStore } from './cypher/store';
import { raiseBulkFlag, repairInterruptedBulk } from './ladybug/bulk-repair';
import { copyStager } from './ladybug/copy-stage';
import { LadybugRunner, type LadybugOptions } from './ladybug/runner';
import { Staging } from './ladybug/staging';

export interface StoreOptions {
  dataDir: string;
  neo4j: Neo4jConfig | null;
  ladybug?: LadybugOptions;
  /** Per-query (LadybugDB) or per-transaction (Neo4j) timeout in ms; 0 or unset: none. */
  queryTimeoutMs?: number;
  /** Told the duration of every database call (metrics). */
  onQuery?: QueryObserver;
}

/** The store the configuration names. Servers add their query timeout; imports run without one. */
export function configuredStore(config: Config): StoreOptions {
  return { dataDir: config.dataDir, neo4j: config.neo4j, ladybug: { skipDamagedWal: config.skipDamagedWal } };
}

/**
 * Entities and list keys LadybugDB's store keeps in memory (entity-cache.ts): its process is the
 * database's only writer. Up to about 150 MB; all of Ciao's users, follows and review keys fit
 * (284,000 reviews, each in its author's and its product's lists), with the entities pages show.
 */
const LADYBUG_ENTITY_CACHE_SIZE = 1_000_000;

export async function openStore(opts: StoreOptions): Promise<Store> {
  const observe = (runner: CypherRunner) => (opts.onQuery ? instrumented(runner, opts.onQuery) : runner);
  if (opts.neo4j) {
    const { openNeo4jRunner } = await import('./neo4j/connect');
    return cypherStore('neo4j', observe(await openNeo4jRunner(opts.neo4j, { queryTimeoutMs: opts.queryTimeoutMs })));
  }
  await mkdir(opts.dataDir, { recursive: true });
  const ladybug = { ...opts.ladybug, queryTimeoutMs: opts.queryTimeoutMs ?? opts.ladybug?.queryTimeoutMs };
  const file = `${opts.dataDir}/graph.lbug`;
  let runner = await LadybugRunner.open(file, ladybug);
  // Opened, so this process holds the lock: files left in staging are a killed process's.
  const staging = new Staging(opts.dataDir);
  staging.clear();
  // A log set aside unreplayed inserted keys that may haunt every table's index, as a bulk chunk's may its tables'.
  if (runner.setAsideLog) await raiseBulkFlag(runner, NODES.map((n) => n.label));
  // Statements prepared before a repair may be bound to tables it rebuilt: open afresh.
  const rebuilt = await repairInterruptedBulk(runner, staging);
  if (rebuilt) {
    (opts.ladybug?.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(
      `${file}: ${runner.setAsideLog ? 'opened without a log it could not replay' : 'a bulk import chunk was interrupted'}; ` +
        `rebuilt ${rebuilt.join(', ')} (their primary-key index may hold keys of rows that were lost) and recounted the product counters`,
    );
    await runner.close();
    runner = await LadybugRunner.open(file, ladybug);
  }
  const db = observe(runner);
  const store = cypherStore('ladybug', db, { entityCacheSize: LADYBUG_ENTITY_CACHE_SIZE, stager: copyStager(db, staging) });
  return { ...store, backup: (target) => runner.backup(target) };
}
