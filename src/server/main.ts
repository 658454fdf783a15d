/**
 * `npm start`: open the store, seed the demo community into an empty one, serve GraphQL, and stop
 * cleanly on SIGINT/SIGTERM, whether sent to this process alone or to its whole process group
 * (npm forwards it as well, so it may come twice): stop accepting requests, stop training jobs,
 * let running requests finish within SHUTDOWN_GRACE_MS, checkpoint and close the store. A signal
 * during start-up is acted on once start-up is done. `npm start` runs node itself with the tsx
 * loader: tsx's own CLI relays signals to its child and SIGKILLs it when it does not acknowledge
 * them within 30 ms, which a store closing on a busy machine cannot promise.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEMO_TRUTH_FILE, demoHistoryEnd, seedDemoIfEmpty } from '../../seeds/demo';
import { openServerStore, startServer, type RunningServer } from './app';
import { loadConfig } from './config';
import { writeInternalToken } from './internal-api';
import { createLogger } from './logger';
import { trainMissingModels } from './train-on-seed';

const config = loadConfig();
const logger = createLogger(config);

let stopSignal: NodeJS.Signals | null = null;
let stopNow: (() => void) | null = null;
const onSignal = (signal: NodeJS.Signals) => {
  if (stopSignal) return;
  stopSignal = signal;
  logger.info({ signal }, 'shutting down');
  stopNow?.();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const store = await openServerStore(config);
let server: RunningServer | undefined;
// Written by the demo seed: this data directory holds the demo community.
const truthFile = path.join(config.dataDir, DEMO_TRUTH_FILE);
try {
  if (config.seedOnEmpty && !stopSignal) {
    const result = await seedDemoIfEmpty(store, { truthFile, log: (msg) => logger.info(msg), options: { end: demoHistoryEnd(Date.now()) } });
    if (result.seeded) logger.info({ counts: result.counts, seconds: result.seconds }, 'seeded the demo community');
  }
  if (!stopSignal) {
    server = await startServer(config, store, logger);
    // `npm run gnn -- train` on this machine falls back to the internal API when the data is held.
    if (!config.neo4j) await writeInternalToken(config.dataDir, server.internalToken);
    logger.info({ engine: store.engine, url: server.url }, `GraphQL API at ${server.url} (open it in a browser for the playground)`);
    if (config.trainOnSeed && config.seedOnEmpty && existsSync(truthFile)) {
      void trainMissingModels(store, server.training, logger).catch((err: unknown) => logger.error({ err }, 'first-start training failed'));
    }
  }
} catch (err) {
  // A configuration problem (e.g. production without a token key): say what, not where.
  logger.fatal({ err }, `cannot start: ${err instanceof Error ? err.message : String(err)}`);
  await store.close();
  process.exit(1);
}

if (!stopSignal) await new Promise<void>((resolve) => (stopNow = resolve));
// Past this the stop is taking far longer than it may: leave the rest to crash recovery.
setTimeout(() => {
  logger.error('shutdown did not finish in time; exiting without it');
  process.exit(1);
}, config.shutdownGraceMs + config.dbQueryTimeoutMs + 30_000).unref();
try {
  await server?.close();
  await store.close();
  logger.info({ signal: stopSignal }, 'stopped: store checkpointed and closed');
  process.exit(0);
} catch (err) {
  logger.error({ err }, 'shutdown failed');
  process.exit(1);
}
