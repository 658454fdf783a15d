/**
 * A checkpoint killed after its pages were applied. LadybugDB checkpoints by rotating the log to
 * `<db>.wal.checkpoint`, writing the new pages to `<db>.shadow`, logging a CHECKPOINT record,
 * copying the shadow pages into the data file and truncating the shadow file, then removing both
 * files. Killed between the truncation and the removal, the directory holds a log ending with its
 * CHECKPOINT record beside an empty shadow file, and LadybugDB refuses to open it ("Database ID
 * for temporary file ... shadow does not match"); replaying that log fails too ("write-write
 * conflict"): the data file already holds it.
 *
 * So the two files are removed and the store opens from its data file. Measured on such states
 * (tests/store/ladybug/interrupted-checkpoint.test.ts, and kills during imports): every committed
 * transaction of the log is there; the one whose commit forced the checkpoint and had not returned
 * (a bulk chunk's COPY) is absent whole, rows and counters, and a rerun of the import adds it.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { CHECKPOINT, scanWal } from './wal';

/** The files a checkpoint of `dbPath` works with: the rotated log, the shadow pages and two lock files. */
export function checkpointFiles(dbPath: string): { rotated: string; shadow: string; locks: string[] } {
  return { rotated: `${dbPath}.wal.checkpoint`, shadow: `${dbPath}.shadow`, locks: [`${dbPath}.checkpoint.apply.lock`, `${dbPath}.checkpoint.intent.lock`] };
}

/** Removes the leftovers of such a checkpoint; returns what it did, for the log, or null. */
export async function clearAppliedCheckpoint(dbPath: string): Promise<string | null> {
  const { rotated, shadow, locks } = checkpointFiles(dbPath);
  if ((await stat(shadow).then((s) => s.size, () => null)) !== 0) return null;
  const log = await readFile(rotated).catch(() => null);
  const scan = log && scanWal(log);
  if (!scan || scan.damageAt !== null || scan.records.at(-1)?.type !== CHECKPOINT) return null;
  for (const file of [shadow, rotated, ...locks]) await rm(file, { force: true });
  return `${dbPath}: a checkpoint was interrupted after applying its pages; removed its empty shadow file and its applied log`;
}
