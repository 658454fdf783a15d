/**
 * LadybugDB engine: one read-write Database per data directory (the file lock allows no other
 * process), a pool of read connections, and one write connection whose transactions are
 * serialised. A connection runs one query at a time, so each query borrows a connection.
 *
 * Serialising writes is also what makes check-then-write rules (unique handles, one review per
 * author and product) safe here: LadybugDB enforces uniqueness only for primary keys.
 */
import lbug, { type Connection, type Database, type PreparedStatement, type QueryResult } from '@ladybugdb/core';
import type { BackupManifest, QueryStats } from '../contract';
import type { CypherRunner, CypherTx, Params, Row } from '../cypher/runner';
import { rowFromLadybug } from './values';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { copyDataDir, countAll } from './backup';
import { applyLadybugSchema } from './schema';
import { CheckpointGate } from './checkpoint-gate';
import { checkpointFiles, clearAppliedCheckpoint } from './interrupted-checkpoint';
import { describeLog, probeReplay, setAsideLog, unappliedCheckpointLog, UnreplayableLogError } from './unreplayable-checkpoint';
import { describeRecovery, recoverWal, uncommittedTail } from './wal';

/** A connection with its prepared-statement cache. */
class Conn {
  private readonly prepared = new Map<string, PreparedStatement>();
  constructor(readonly raw: Connection) {}

  async run(query: string, params: Params = {}): Promise<Row[]> {
    const result = await this.execute(query, params);
    try {
      // The query has run; fetching its rows synchronously avoids one thread-pool hop per row
      // (3-5x faster on a few hundred rows).
      return result.getAllSync().map(rowFromLadybug);
    } finally {
      result.close();
    }
  }

  /** `run` on the calling thread: no wait for the event loop, which is blocked meanwhile. For short statements only. */
  runSync(query: string, params: Params = {}): Row[] {
    const result = last(this.raw.executeSync(this.prepared.get(query) ?? this.keep(query, this.raw.prepareSync(query)), params as Record<string, never>));
    try {
      return result.getAllSync().map(rowFromLadybug);
    } finally {
      result.close();
    }
  }

  /** The statement's result; the caller must close it (open results keep the database file locked). */
  async execute(query: string, params: Params = {}): Promise<QueryResult> {
    const stmt = this.prepared.get(query) ?? this.keep(query, await this.raw.prepare(query));
    return last(await this.raw.execute(stmt, params as Record<string, never>));
  }

  private keep(query: string, stmt: PreparedStatement): PreparedStatement {
    if (!stmt.isSuccess()) throw new Error(`${stmt.getErrorMessage()}\nin: ${query}`);
    // A COPY names a one-off file: caching it would only grow the cache. A prepared DDL statement
    // keeps the table ids it was bound to, so after a table is dropped and created again
    // (rebuild-tables.ts) a cached `CREATE REL TABLE` would point at the dropped table.
    if (!UNCACHED.test(query)) this.prepared.set(query, stmt);
    return stmt;
  }
}

const UNCACHED = /^(COPY|CREATE (NODE|REL) TABLE|DROP TABLE|ALTER TABLE) /;

/** A multi-statement query's last result (the others closed). */
function last(result: QueryResult | QueryResult[]): QueryResult {
  if (!Array.isArray(result)) return result;
  for (const earlier of result.slice(0, -1)) earlier.close();
  return result[result.length - 1];
}

/** Hands out idle connections; callers queue when all are busy. */
class Pool {
  private readonly idle: Conn[];
  private readonly waiting: ((c: Conn) => void)[] = [];
  constructor(conns: Conn[]) {
    this.idle = [...conns];
  }
  async acquire(): Promise<Conn> {
    return this.idle.pop() ?? new Promise<Conn>((resolve) => this.waiting.push(resolve));
  }
  release(conn: Conn): void {
    const next = this.waiting.shift();
    if (next) next(conn);
    else this.idle.push(conn);
  }
  async use<T>(fn: (c: Conn) => Promise<T>): Promise<T> {
    const conn = await this.acquire();
    try {
      return await fn(conn);
    } finally {
      this.release(conn);
    }
  }
}

/**
 * How a write runs its statements. Each statement run on LadybugDB's threads costs the writer one
 * wait for the event loop. Cheap while the loop turns fast (cache hits: running statements on the
 * calling thread instead blocked every reader and cost the demo's mixed reads a third of their
 * rate), dear when it turns slowly (uncached pages: 20-50 ms a turn, and with the demo's feeds
 * only 7 of 20 writes/s got through). So while the loop's mean delay over the last half second is
 * above SLOW_LOOP_MS, statements whose fastest run so far took at most SYNC_BUDGET_MS run on the
 * calling thread.
 */
const SLOW_LOOP_MS = 5;
const SYNC_BUDGET_MS = 5;
/** How long a stream reads rows before it lets the event loop turn. */
const STREAM_SLICE_MS = 10;

class LoopDelay {
  private readonly histogram = monitorEventLoopDelay({ resolution: 5 });
  /** The mean delay over the last half second, in ms. */
  meanMs = 0;
  private readonly timer: NodeJS.Timeout;
  constructor() {
    this.histogram.enable();
    this.timer = setInterval(() => {
      this.meanMs = this.histogram.count ? this.histogram.mean / 1e6 : 0;
      this.histogram.reset();
    }, 500).unref();
  }
  get isSlow(): boolean {
    return this.meanMs > SLOW_LOOP_MS;
  }
  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}

export interface LadybugOptions {
  /** Read connections in the pool. */
  readers?: number;
  /** Per-query timeout; 0 disables it. */
  queryTimeoutMs?: number;
  /**
   * Open a write-ahead log damaged before its end as of the damage, and a checkpoint's log that
   * LadybugDB crashes replaying without it (unreplayable-checkpoint.ts), instead of refusing.
   */
  skipDamagedWal?: boolean;
  /** Told what recovery did to the write-ahead log (a torn end cut off, a rewrite); stderr by default. */
  log?: (message: string) => void;
  /** Log size past which a write is followed by a checkpoint (default 16 MiB, LadybugDB's own). */
  checkpointBytes?: number;
}

const CHECKPOINT_BYTES = 16 * 1024 * 1024;
/** LadybugDB's own size threshold, out of reach (1 TiB): the runner checkpoints by size instead. */
const NEVER_BY_SIZE = 2 ** 40;

export class LadybugRunner implements CypherRunner {
  readonly stats: QueryStats = { roundTrips: 0, writes: 0 };
  private closing: Promise<void> | undefined;
  private readonly loop = new LoopDelay();
  /** Each reusable write statement's fastest run, to tell the short ones. */
  private readonly fastest = new Map<string, number>();
  private readonly readers: Pool;
  private readonly writer: Pool;
  private readonly gate = new CheckpointGate();

  private constructor(
    private readonly dbPath: string,
    private readonly db: Database,
    private readonly conns: Conn[],
    readers: number,
    /** Where the open put a log it could not replay: the caller rebuilds the tables (its keys may haunt their indexes). */
    readonly setAsideLog: string | null,
    private readonly checkpointBytes: number,
  ) {
    this.writer = new Pool(conns.slice(0, 1));
    this.readers = new Pool(conns.slice(1, 1 + readers));
  }

  static async open(dir: string, opts: LadybugOptions = {}): Promise<LadybugRunner> {
    const { db, setAside } = await openDatabase(dir, opts);
    const readers = opts.readers ?? 4;
    const conns: Conn[] = [];
    for (let i = 0; i < readers + 1; i++) {
      // One execution thread per query: concurrent requests already use every core, and per-query
      // thread pools only fight each other (15-20% more throughput under load on 2 cores).
      const raw = new lbug.Connection(db, 1);
      await raw.init();
      if (opts.queryTimeoutMs) raw.setQueryTimeout(opts.queryTimeoutMs);
      conns.push(new Conn(raw));
    }
    const runner = new LadybugRunner(dir, db, conns, readers, setAside, opts.checkpointBytes ?? CHECKPOINT_BYTES);
    await runner.writer.use((c) => applyLadybugSchema({ exec: (q, p) => c.run(q, p) }));
    return runner;
  }

  read(query: string, params?: Params): Promise<Row[]> {
    this.stats.roundTrips++;
    return this.readers.use((c) => this.gate.query(() => c.run(query, params)));
  }

  /** A transaction on the write connection; short statements run on the calling thread while the event loop is slow (SLOW_LOOP_MS). */
  write<T>(work: (tx: CypherTx) => Promise<T>): Promise<T> {
    return this.writer.use(async (c) => {
      let copied = false;
      const run = async (q: string, p?: Params) => {
        copied ||= q.startsWith('COPY ');
        const started = performance.now();
        const sync = this.loop.isSlow && (this.fastest.get(q) ?? Infinity) <= SYNC_BUDGET_MS;
        const rows = sync ? c.runSync(q, p) : await c.run(q, p);
        // On LadybugDB's threads the time includes the wait for the loop: take its mean delay off.
        const took = performance.now() - started - (sync ? 0 : this.loop.meanMs);
        // One-off statements (a COPY names its own file) would only grow the map, as they would the statement cache.
        if (!UNCACHED.test(q)) this.fastest.set(q, Math.min(this.fastest.get(q) ?? Infinity, Math.max(0, took)));
        return rows;
      };
      await run('BEGIN TRANSACTION');
      const tx: CypherTx = {
        run: (query, params) => {
          this.stats.roundTrips++;
          return run(query, params);
        },
      };
      let result: T;
      try {
        result = await work(tx);
      } catch (err) {
        // A failed COPY has already ended the transaction: report its error, not the ROLLBACK's.
        await run('ROLLBACK').catch(() => {});
        throw err;
      }
      try {
        // COMMIT waits for the log on disk: never on the calling thread. A COPY's commit always
        // checkpoints (LadybugDB), so it runs alone (checkpoint-gate.ts).
        await (copied ? this.gate.alone(() => c.run('COMMIT')) : c.run('COMMIT'));
      } finally {
        this.stats.writes++; // after COMMIT: a read that started before it saw the old data
      }
      // The checkpoint LadybugDB would have started inside that COMMIT, run alone instead.
      if (((await stat(`${this.dbPath}.wal`).catch(() => null))?.size ?? 0) > this.checkpointBytes) {
        await this.gate.alone(() => c.run('CHECKPOINT'));
      }
      return result;
    });
  }

  async *stream(query: string, params: Params, batchSize: number): AsyncIterable<Row[]> {
    this.stats.roundTrips++;
    // The result is read row by row on one reader, held until the consumer is done.
    const conn = await this.readers.acquire();
    let result: QueryResult | undefined;
    try {
      result = await this.gate.query(() => conn.execute(query, params));
      let batch: Row[] = [];
      let slice = performance.now();
      while (result.hasNext()) {
        const row = result.getNextSync();
        if (row) batch.push(rowFromLadybug(row));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
        // Rows are read synchronously, and an async generator's yield lets only microtasks run:
        // without this a snapshot of Ciao held the event loop (every other request) for 1.8 s.
        if (batch.length % 256 === 0 && performance.now() - slice > STREAM_SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          slice = performance.now();
        }
      }
      if (batch.length) yield batch;
    } finally {
      result?.close();
      this.readers.release(conn);
    }
  }

  /**
   * A consistent copy of the data directory into `target` while reads go on: writes wait while
   * the log is checkpointed and the files copied.
   */
  backup(target: string): Promise<BackupManifest> {
    return this.writer.use(async (c) => {
      await this.gate.alone(() => c.run('CHECKPOINT'));
      const counts = await countAll((q) => c.run(q));
      return copyDataDir(path.dirname(this.dbPath), target, counts);
    });
  }

  /**
   * Waits for running queries, checkpoints (so the directory is left with an empty log), closes.
   * The checkpoint must be explicit: @ladybugdb/core's Database.close() leaves the log as it is
   * and folds it in only when the native object is finalised, at exit, where a SIGKILL (a
   * supervisor's stop timeout, a wrapper's signal relay) can cut it short.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const writer = await this.writer.acquire();
      await Promise.all(this.conns.slice(1).map(() => this.readers.acquire()));
      this.loop.stop();
      try {
        await writer.run('CHECKPOINT');
      } finally {
        for (const c of this.conns) await c.raw.close();
        await this.db.close();
      }
    })();
    return this.closing;
  }
}

/**
 * Opens the database without WAL checksums (LadybugDB's are broken for records over 4 KiB, see
 * wal.ts). When the open fails for another reason than the lock, no process holds the directory,
 * so its logs are recovered (a checksummed log rewritten, a torn end cut) and the open retried.
 * The log of a checkpoint that had not applied its pages is replayed in a child process first:
 * LadybugDB may crash on it (unreplayable-checkpoint.ts).
 */
async function openDatabase(dir: string, opts: LadybugOptions): Promise<{ db: Database; setAside: string | null }> {
  const log = opts.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  let setAside: string | null = null;
  const init = async () => {
    const unapplied = await unappliedCheckpointLog(dir);
    // A child that exits by itself has replayed and checkpointed, or failed as this process would and may recover from.
    const signal = unapplied && (await probeReplay(dir));
    if (unapplied && signal) {
      if (!opts.skipDamagedWal) throw new UnreplayableLogError(dir, unapplied, signal);
      setAside = await setAsideLog(dir);
      log(`${dir}: LadybugDB crashes (${signal}) replaying the log of an interrupted checkpoint; opened without its ${describeLog(unapplied)} (LADYBUG_SKIP_DAMAGED_WAL), kept as ${setAside}`);
    }
    // Defaults but checkpointThreshold (the runner checkpoints by size itself, with no query
    // running: checkpoint-gate.ts; automatic checkpoints stay on because a COPY's commit needs
    // its own, without which a COPY's rows are lost), throwOnWalReplayFailure (LadybugDB would
    // silently drop the log from the first record it cannot read) and enableChecksums (wal.ts).
    const db = new lbug.Database(dir, 0, true, false, 0, true, NEVER_BY_SIZE, true, false);
    await db.init();
    return db;
  };
  // LadybugDB drops a torn end that stops between records by itself, silently: say so.
  const tail = await uncommittedTail(`${dir}.wal`);
  const opened = (db: Database) => ({ db, setAside });
  try {
    const db = await init();
    if (tail) log(`write-ahead log ${dir}.wal: discarded ${tail} bytes after its last commit: a transaction cut off before it was acknowledged`);
    return opened(db);
  } catch (err) {
    if (err instanceof UnreplayableLogError) throw err;
    if (isLockError(err)) throw explainOpenError(dir, err);
    const cleared = await clearAppliedCheckpoint(dir);
    if (cleared) {
      log(cleared);
      return opened(
        await init().catch((again) => {
          throw explainOpenError(dir, again);
        }),
      );
    }
    const recovered = [];
    for (const file of [checkpointFiles(dir).rotated, `${dir}.wal`]) {
      const r = await recoverWal(file, opts.skipDamagedWal ?? false);
      if (r) recovered.push(r);
    }
    if (!recovered.length) throw explainOpenError(dir, err);
    for (const r of recovered) log(describeRecovery(r));
    try {
      return opened(await init());
    } catch (again) {
      throw again instanceof UnreplayableLogError ? again : explainOpenError(dir, again);
    }
  }
}

const isLockError = (err: unknown) => /lock/i.test(err instanceof Error ? err.message : String(err));

/** Another process (usually the running server) holds the data directory. */
export class DatabaseInUseError extends Error {}

function explainOpenError(dir: string, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (isLockError(err)) {
    return new DatabaseInUseError(
      `The database in ${dir} is in use by another process (is the server running?). ` +
        'LadybugDB allows one writing process per data directory: stop that process, or point DATA_DIR elsewhere.',
    );
  }
  return new Error(`Could not open the LadybugDB database in ${dir}: ${message}`);
}
