/**
 * npm run restore -- DIR
 * Puts a backup made by `npm run backup` in place of DATA_DIR (the server must be stopped); the
 * current directory is kept beside it, and the restored one is opened once to check its counts.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { countAll, readManifest, restoreDataDir } from '../store/ladybug/backup';
import { DatabaseInUseError, LadybugRunner } from '../store/ladybug/runner';
import { loadConfig } from '../server/config';

const HELP = `Usage: npm run restore -- DIR

Replaces DATA_DIR with the backup in DIR (made by npm run backup). Stop the server first. The
current DATA_DIR is moved to DATA_DIR.before-restore-<time>; delete it once the restore is checked.
`;

async function main(): Promise<number> {
  const arg = process.argv[2];
  if (!arg || arg === '--help') {
    process.stdout.write(HELP);
    return arg ? 0 : 2;
  }
  const backup = path.resolve(arg);
  const config = loadConfig();
  if (config.neo4j) throw new Error('with Neo4j, restore with neo4j-admin database load');
  const manifest = await readManifest(backup);
  // Opening the current directory proves no server holds it; one that fails to open otherwise
  // (damaged, say) is what a restore is for, and is set aside as it is.
  if (await stat(config.dataDir).catch(() => null)) {
    try {
      await (await LadybugRunner.open(path.join(config.dataDir, 'graph.lbug'), { readers: 1 })).close();
    } catch (err) {
      if (err instanceof DatabaseInUseError) throw err;
    }
  }
  const aside = await restoreDataDir(backup, config.dataDir);
  const restored = await LadybugRunner.open(path.join(config.dataDir, 'graph.lbug'), { readers: 1 });
  let counts: Record<string, number>;
  try {
    counts = await countAll((q) => restored.read(q));
  } finally {
    await restored.close();
  }
  const differ = Object.keys(manifest.counts).filter((k) => counts[k] !== manifest.counts[k]);
  if (differ.length) throw new Error(`the restored store's counts differ from the backup's: ${differ.map((k) => `${k} ${counts[k]} vs ${manifest.counts[k]}`).join(', ')}`);
  process.stdout.write(
    `restored ${backup} (taken ${manifest.createdAt}) into ${config.dataDir}; counts match the backup` +
      `${aside ? `; the previous directory is at ${aside}` : ''}\n`,
  );
  return 0;
}

process.exitCode = await main().catch((err: unknown) => {
  process.stderr.write(`restore failed: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
});
