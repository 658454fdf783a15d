/**
 * `npm start`: open the store, seed the demo community into an empty one, serve GraphQL, and
 * shut down cleanly on SIGINT/SIGTERM (finish running requests, then close the store).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { seedDemoIfEmpty } from '../../seeds/demo';
import { openServerStore, startServer } from './app';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { trainMissingModels } from './train-on-seed';

const config = loadConfig();
const logger = createLogger(config);
const store = await openServerStore(config);

// Written by the demo seed: this data directory holds the demo community.
const truthFile = path.join(config.dataDir, 'demo-ground-truth.json');
if (config.seedOnEmpty) {
  const result = await seedDemoIfEmpty(store, { truthFile, log: (msg) => logger.info(msg) });
  if (result.seeded) logger.info({ counts: result.counts, seconds: result.seconds }, 'seeded the demo community');
}
const server = await startServer(config, store, logger).catch(async (err: unknown) => {
  // A configuration problem (e.g. production without a token key): say what, not where.
  logger.fatal({ err }, `cannot start: ${err instanceof Error ? err.message : String(err)}`);
  await store.close();
  process.exit(1);
});
logger.info({ engine: store.engine, url: server.url }, `GraphQL API at ${server.url} (open it in a browser for the playground)`);
if (config.trainOnSeed && config.seedOnEmpty && existsSync(truthFile)) {
  void trainMissingModels(store, server.training, logger).catch((err: unknown) => logger.error({ err }, 'first-start training failed'));
}

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
