/**
 * Opens the configured engine: Neo4j when a URI is configured, else the embedded LadybugDB in
 * the data directory.
 */
import { mkdir } from 'node:fs/promises';
import type { Neo4jConfig } from '../server/config';
import type { Store } from './contract';
import { cypherStore } from './cypher/store';
import { LadybugRunner, type LadybugOptions } from './ladybug/runner';

export interface StoreOptions {
  dataDir: string;
  neo4j: Neo4jConfig | null;
  ladybug?: LadybugOptions;
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  if (opts.neo4j) {
    const { openNeo4jRunner } = await import('./neo4j/connect');
    return cypherStore('neo4j', await openNeo4jRunner(opts.neo4j));
  }
  await mkdir(opts.dataDir, { recursive: true });
  return cypherStore('ladybug', await LadybugRunner.open(`${opts.dataDir}/graph.lbug`, opts.ladybug));
}
