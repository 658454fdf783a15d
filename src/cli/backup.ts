/**
 * npm run backup -- DIR
 * A consistent copy of DATA_DIR (database and model files) into DIR, new or empty. When a server
 * holds the database, the copy is made by that server (its internal API on PORT) while it serves.
 */
import path from 'node:path';
import type { BackupManifest } from '../store/contract';
import { DatabaseInUseError } from '../store/ladybug/runner';
import { configuredStore, openStore } from '../store/open';
import { loadConfig } from '../server/config';
import { localServerToken } from '../store/open-training';

const HELP = `Usage: npm run backup -- DIR

Copies DATA_DIR (LadybugDB) into DIR, which must be new or empty, consistently: writes wait while the
log is checkpointed and the files copied; reads go on. With the server running the copy is made by
the server (internal API on 127.0.0.1:PORT, with the token the server left in DATA_DIR, or TRAINING_TOKEN
set to an admin's token). Restore with: npm run restore -- DIR (server stopped).
`;

async function viaServer(port: number, target: string, token: string | null): Promise<BackupManifest> {
  const res = await fetch(`http://127.0.0.1:${port}/internal/backup?dir=${encodeURIComponent(target)}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) throw new Error(`the server on port ${port} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as BackupManifest;
}

async function main(): Promise<number> {
  const arg = process.argv[2];
  if (!arg || arg === '--help') {
    process.stdout.write(HELP);
    return arg ? 0 : 2;
  }
  const target = path.resolve(arg);
  const config = loadConfig();
  if (config.neo4j) throw new Error('with Neo4j, back up with neo4j-admin database dump');
  let manifest: BackupManifest;
  try {
    const store = await openStore(configuredStore(config));
    try {
      manifest = await store.backup!(target);
    } finally {
      await store.close();
    }
  } catch (err) {
    if (!(err instanceof DatabaseInUseError)) throw err;
    process.stderr.write(`${config.dataDir} is held by a running server: backing up through it\n`);
    manifest = await viaServer(config.port, target, config.training.token ?? (await localServerToken(config.dataDir)) ?? null);
  }
  const rows = Object.entries(manifest.counts).map(([k, n]) => `${k} ${n}`).join(', ');
  process.stdout.write(`backed up ${config.dataDir} to ${target} at ${manifest.createdAt}: ${rows}\n`);
  return 0;
}

process.exitCode = await main().catch((err: unknown) => {
  process.stderr.write(`backup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
});
