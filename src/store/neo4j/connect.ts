/**
 * Opening the Neo4j engine: connect, prove the server answers (a wrong URI or password fails here,
 * naming the server, rather than at the first request), bring the schema up to date.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jConfig } from '../../server/config';
import { Neo4jRunner } from './runner';
import { applySchema } from './schema';

export async function openNeo4jRunner(config: Neo4jConfig, opts: { queryTimeoutMs?: number } = {}): Promise<Neo4jRunner> {
  const driver = createDriver(config);
  try {
    await driver.verifyConnectivity({ database: config.database });
  } catch (error) {
    await driver.close();
    throw unreachable(config, error);
  }
  const runner = new Neo4jRunner(driver, config.database, opts.queryTimeoutMs);
  try {
    await applySchema(runner);
  } catch (error) {
    await runner.close();
    throw error;
  }
  return runner;
}

function createDriver(config: Neo4jConfig): Driver {
  try {
    // Lossless integers (the default, spelled out): an integer beyond 2^53 then reaches values.ts,
    // which refuses it, instead of being rounded by the driver.
    return neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), { disableLosslessIntegers: false });
  } catch (error) {
    // A malformed URI or unknown scheme.
    throw unreachable(config, error);
  }
}

function unreachable(config: Neo4jConfig, cause: unknown): Error {
  const database = config.database ? `, database ${config.database}` : '';
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(`Cannot connect to Neo4j at ${config.uri} (user ${config.user}${database}): ${reason}`, { cause });
}
