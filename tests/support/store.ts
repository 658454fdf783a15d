/**
 * Stores for tests: a LadybugDB store in a fresh temporary directory, and the list of engines
 * the contract suite runs on (Neo4j only when NEO4J_URI is set; it wipes that database).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Store } from '../../src/store/contract';
import { openStore } from '../../src/store/open';
import { loadConfig } from '../../src/server/config';

export interface TempStore {
  store: Store;
  dir: string;
  cleanup(): Promise<void>;
}

export async function tempStore(): Promise<TempStore> {
  const dir = await mkdtemp(path.join(tmpdir(), 'scg-test-'));
  const store = await openStore({ dataDir: dir, neo4j: null, ladybug: { readers: 2 } });
  return {
    store,
    dir,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface EngineUnderTest {
  name: string;
  /** Why the engine is skipped, or false when it runs. */
  skip: string | false;
  open(): Promise<TempStore>;
}

export function contractEngines(): EngineUnderTest[] {
  const neo4j = loadConfig().neo4j;
  return [
    { name: 'ladybug', skip: false, open: tempStore },
    {
      name: 'neo4j',
      skip: neo4j ? false : 'NEO4J_URI not set: the contract suite is skipped for Neo4j',
      async open() {
        const store = await openStore({ dataDir: '', neo4j });
        await wipeNeo4j(store);
        return { store, dir: '', cleanup: () => store.close() };
      },
    },
  ];
}

/** The Neo4j contract run starts from an empty graph (point NEO4J_URI at a disposable database). */
async function wipeNeo4j(store: Store): Promise<void> {
  const { openNeo4jRunner } = await import('../../src/store/neo4j/connect');
  const runner = await openNeo4jRunner(loadConfig().neo4j!);
  try {
    await runner.write((tx) => tx.run("MATCH (n) WHERE NOT n:Meta DETACH DELETE n"));
  } finally {
    await runner.close();
  }
  await store.ping();
}
