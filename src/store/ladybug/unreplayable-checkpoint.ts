/**
 * A checkpoint killed before it applied its pages, whose log LadybugDB crashes replaying.
 *
 * A checkpoint rotates the log to `<db>.wal.checkpoint` and writes the new pages to the shadow
 * file; only after its CHECKPOINT record are they applied. Killed before that record, the data file
 * should be as of the checkpoint before and the rotated log replayed on opening. But the checkpoint
 * has already written primary-key index pages into the data file, so the index holds keys of rows
 * the log inserts ("ghost" keys, as in bulk-repair.ts). Replaying the first such insert looks the
 * key up, finds the ghost and dereferences a row that is not there: SIGSEGV in
 * `LocalNodeTable::isVisible` under `WALReplayer::replayNodeTableInsertRecord`, every time. A server
 * that died in a checkpoint (a SIGKILL while it ran, a crash) then exits with 139 on every start,
 * without a word. The last test of tests/store/ladybug/ghost-key-bug.test.ts kills a store's
 * closing checkpoint before it applies its pages to get there.
 *
 * LadybugDB cannot be asked to skip the ghosts, and a crash cannot be caught, so the replay is tried
 * in a child process first. If the child succeeds it has replayed and checkpointed, and the store
 * opens as usual. If it crashes, the store refuses to open, naming what the log holds, unless told
 * to open without it (LADYBUG_SKIP_DAMAGED_WAL): then the log is kept aside, the data file opens as
 * of the last completed checkpoint, and every node table is rebuilt (bulk-repair.ts), since a CREATE
 * of a ghost key crashes as the replay did.
 */
import { spawn } from 'node:child_process';
import { readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { checkpointFiles } from './interrupted-checkpoint';
import { CHECKPOINT, RECORD_TYPES, scanWal } from './wal';

/** The rotated log of a checkpoint that had not applied its pages, or null when there is none. */
export async function unappliedCheckpointLog(dbPath: string): Promise<Buffer | null> {
  const log = await readFile(checkpointFiles(dbPath).rotated).catch(() => null);
  if (!log) return null;
  return scanWal(log).records.at(-1)?.type === CHECKPOINT ? null : log;
}

/** Opens the database in a child process (the replay) and checkpoints; the signal that killed the child, or null. */
export function probeReplay(dbPath: string): Promise<NodeJS.Signals | null> {
  const lbug = pathToFileURL(createRequire(import.meta.url).resolve('@ladybugdb/core')).href;
  // runner.ts's options where the replay depends on them: no WAL checksums, throw on a failed replay.
  const script = `
    const { default: lbug } = await import(${JSON.stringify(lbug)});
    const db = new lbug.Database(${JSON.stringify(dbPath)}, 0, true, false, 0, true, -1, true, false);
    await db.init();
    const conn = new lbug.Connection(db);
    await conn.init();
    await conn.query('CHECKPOINT');
    await conn.close();
    await db.close();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

/** What the log holds, for the error and the log line: its committed transactions and their records. */
export function describeLog(log: Buffer): string {
  const { records } = scanWal(log);
  const kinds = new Map<string, number>();
  let transactions = 0;
  for (const r of records) {
    const kind = RECORD_TYPES[r.type] ?? `type ${r.type}`;
    if (kind === 'commit') transactions++;
    else if (kind !== 'begin') kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return `${transactions} committed transaction(s) (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')} records)`;
}

export class UnreplayableLogError extends Error {
  constructor(dbPath: string, log: Buffer, signal: string) {
    super(
      `Could not open the LadybugDB database in ${dbPath}: the process that had it died during a checkpoint, and LadybugDB ` +
        `crashes (${signal}) replaying that checkpoint's log, ${checkpointFiles(dbPath).rotated}, which holds ${describeLog(log)}: the interrupted ` +
        'checkpoint left their primary keys in the index (docs/durability-wal.md). The log is left as it was, and the data as of ' +
        'the checkpoint before is intact: keep a copy of the directory, then restore a backup, or set LADYBUG_SKIP_DAMAGED_WAL=true ' +
        'to open without those transactions (the log is kept beside the database and the tables are rebuilt).',
    );
  }
}

/** Moves the rotated log aside and removes the checkpoint's other files; returns where the log went. */
export async function setAsideLog(dbPath: string, now = Date.now()): Promise<string> {
  const { rotated, shadow, locks } = checkpointFiles(dbPath);
  const kept = `${dbPath}.wal.unreplayed-${now}`;
  await rename(rotated, kept);
  for (const file of [shadow, ...locks]) await rm(file, { force: true });
  return kept;
}
