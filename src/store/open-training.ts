/**
 * The store model training reads from and publishes to. Normally the configured database itself;
 * when a running server holds the embedded database (or a server URL is given), the server's
 * internal API instead, so the new model reaches the API without stopping it.
 */
import { readFile } from 'node:fs/promises';
import type { Config } from '../server/config';
import type { TrainingStore } from './contract';
import { DatabaseInUseError } from './ladybug/runner';
import { configuredStore, openStore, type StoreOptions } from './open';
import { remoteTrainingStore } from './remote/remote-training-store';
import { internalTokenFile } from './remote/wire';

export interface TrainingStoreOptions extends StoreOptions {
  /** Base URL of a running server to train through (e.g. http://127.0.0.1:4000). */
  server?: string | null;
  /** Bearer token for that server: an admin's (a local server's own token is found in its data directory). */
  token?: string | null;
  /** Port of the local server to fall back to when the database is held. */
  port: number;
  log?: (line: string) => void;
}

/** The token a server holding `dataDir` left for local training (internal-api.ts), if readable. */
export async function localServerToken(dataDir: string): Promise<string | undefined> {
  try {
    return (await readFile(internalTokenFile(dataDir), 'utf8')).trim();
  } catch {
    return undefined;
  }
}

export async function openTrainingStore(opts: TrainingStoreOptions): Promise<TrainingStore> {
  if (opts.server) return remoteTrainingStore(opts.server, opts.token ?? undefined);
  try {
    return await openStore(opts);
  } catch (err) {
    if (!(err instanceof DatabaseInUseError)) throw err;
    const url = `http://127.0.0.1:${opts.port}`;
    opts.log?.(`${opts.dataDir} is held by a running server: training through its internal API at ${url}`);
    return remoteTrainingStore(url, opts.token ?? (await localServerToken(opts.dataDir)));
  }
}

/** The training store the configuration names, logging to stderr (what every `train` command uses). */
export function openConfiguredTrainingStore(config: Config): Promise<TrainingStore> {
  return openTrainingStore({
    ...configuredStore(config),
    server: config.training.server,
    token: config.training.token,
    port: config.port,
    log: (line) => process.stderr.write(`${line}\n`),
  });
}
