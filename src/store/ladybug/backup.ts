/**
 * Backups of a LadybugDB data directory. A backup is taken inside the running engine: with the
 * write connection held (no transaction can commit) and the log checkpointed into the data file,
 * the directory's files are a consistent copy, so the server keeps serving reads meanwhile.
 * Model files (MODEL_DIR under DATA_DIR) are copied in the same window, so every published run in
 * the copy has its files. A restore replaces the whole directory, keeping the old one aside.
 */
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BackupManifest } from '../contract';
import { NODES, RELS } from '../cypher/model';
import { STAGING } from './staging';

export const MANIFEST = 'backup.json';
/** Engine files a copy must not take: the (empty) log, recovery leftovers (the staging directory is skipped by path). */
const SKIP = /^graph\.lbug\.(wal|shadow|tmp|lock)|\.rewrite$/;

export type CountRows = (query: string) => Promise<Record<string, unknown>[]>;

export async function countAll(run: CountRows): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { label } of NODES) counts[label] = Number((await run(`MATCH (n:${label}) RETURN count(n) AS n`))[0].n);
  for (const { type } of RELS) counts[type] = Number((await run(`MATCH ()-[r:${type}]->() RETURN count(r) AS n`))[0].n);
  return counts;
}

/** Refuses a target that holds anything: a backup never mixes with older files. */
async function emptyTarget(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
  if (entries.length) throw new Error(`${dir} is not empty: a backup goes into a new or empty directory`);
  await mkdir(dir, { recursive: true });
}

/** Copies `dataDir` to `target`; the caller holds the writer and has checkpointed. */
export async function copyDataDir(dataDir: string, target: string, counts: Record<string, number>): Promise<BackupManifest> {
  await emptyTarget(target);
  const staging = path.join(dataDir, STAGING);
  await cp(dataDir, target, { recursive: true, filter: (src) => src !== staging && !SKIP.test(path.basename(src)) });
  const manifest: BackupManifest = { engine: 'ladybug', createdAt: new Date().toISOString(), counts };
  await writeFile(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function readManifest(backup: string): Promise<BackupManifest> {
  const text = await readFile(path.join(backup, MANIFEST), 'utf8').catch(() => {
    throw new Error(`${backup} is not a backup (no ${MANIFEST}); make one with npm run backup -- DIR`);
  });
  return JSON.parse(text) as BackupManifest;
}

/**
 * Puts `backup` in place of `dataDir` (the server must be stopped). The current directory is
 * kept as `<dataDir>.before-restore-<time>`; returns that path, or null when there was none.
 */
export async function restoreDataDir(backup: string, dataDir: string): Promise<string | null> {
  await readManifest(backup);
  const staging = `${dataDir}.restoring`;
  await rm(staging, { recursive: true, force: true });
  await cp(backup, staging, { recursive: true, filter: (src) => path.basename(src) !== MANIFEST });
  const exists = await stat(dataDir).catch(() => null);
  const aside = exists ? `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}` : null;
  if (aside) await rename(dataDir, aside);
  await rename(staging, dataDir);
  return aside;
}
