/**
 * `npm start`: open the store, seed the demo community into an empty one, serve GraphQL, and
 * shut down cleanly on SIGINT/SIGTERM (finish running requests, then close the store).
 */
import path from 'node:path';
import { seedDemoIfEmpty } from '../../seeds/demo';
import { openServerStore, startServer } from './app';
import { loadConfig } from './config';
import { writeInternalToken } from './internal-api';
import { createLogger } from './logger';

const config = loadConfig();
const logger = createLogger(config);
const store = await openServerStore(config);

if (config.seedOnEmpty) {
  const truthFile = path.join(config.dataDir, 'demo-ground-truth.json');
  const result = await seedDemoIfEmpty(store, { truthFile, log: (msg) => logger.info(msg) });
  if (result.seeded) logger.info({ counts: result.counts, seconds: result.seconds }, 'seeded the demo community');
}
const server = await startServer(config, store, logger).catch(async (err: unknown) => {
  // A configuration problem (e.g. production without a token key): say what, not where.
  logger.fatal({ err }, `cannot start: ${err instanceof Error ? err.message : String(err)}`);
  await store.close();
  process.exit(1);
});
// `npm run gnn -- train` on this machine falls back to the internal API when the data is held.
if (!config.neo4j) await writeInternalToken(config.dataDir, server.internalToken);
logger.info({ engine: store.engine, url: server.url }, `GraphQL API at ${server.url} (open it in a browser for the playground)`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  try {
    await server.close();
    await store.close();
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
