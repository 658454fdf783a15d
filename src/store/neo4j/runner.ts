/**
 * The CypherRunner for Neo4j, over one neo4j-driver Driver. Reads and writes are managed
 * transactions, so the driver retries transient failures (cluster leader changes, deadlocks) by
 * running the whole unit of work again; `work` must therefore touch nothing but its `tx`.
 */
import neo4j, { type Driver, type ManagedTransaction, type Session, type SessionMode } from 'neo4j-driver';
import type { QueryStats } from '../contract';
import type { CypherRunner, CypherTx, Params, Row } from '../cypher/runner';
import { toStoreError } from './errors';
import { fromRecord, toDriverParams } from './values';

export class Neo4jRunner implements CypherRunner {
  readonly stats: QueryStats = { roundTrips: 0, writes: 0 };
  // Shared by every session, so a read sees the writes committed before it even on a cluster
  // member that is still catching up (causal consistency; a no-op on a single server).
  private readonly bookmarks = neo4j.bookmarkManager();

  /** The server aborts a transaction running longer than this; undefined leaves the server's setting. */
  private readonly txConfig: { timeout?: number };

  /**
   * Takes ownership of `driver`: `close` closes it. `database` undefined means the server's default;
   * `timeoutMs` 0 or undefined means no timeout of our own.
   */
  constructor(
    private readonly driver: Driver,
    private readonly database?: string,
    timeoutMs?: number,
  ) {
    this.txConfig = timeoutMs ? { timeout: timeoutMs } : {};
  }

  read(query: string, params: Params = {}): Promise<Row[]> {
    return this.inSession(neo4j.session.READ, (session) => session.executeRead((tx) => this.run(tx, query, params), this.txConfig));
  }

  async write<T>(work: (tx: CypherTx) => Promise<T>): Promise<T> {
    try {
      return await this.inSession(neo4j.session.WRITE, (session) =>
        session.executeWrite((tx) => work({ run: (query, params) => this.run(tx, query, params) }), this.txConfig),
      );
    } catch (error) {
      throw toStoreError(error);
    } finally {
      this.stats.writes++; // after the commit (or a failure that may have committed)
    }
  }

  /**
   * An auto-commit read whose records are pulled as the consumer asks for them: the driver's async
   * iteration pauses the server stream when its buffer fills, and fetching `batchSize` records at a
   * time keeps that buffer about one batch. Breaking out of the loop cancels the rest of the result.
   */
  async *stream(query: string, params: Params, batchSize: number): AsyncIterable<Row[]> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    const session = this.session(neo4j.session.READ, batchSize);
    try {
      this.stats.roundTrips++;
      let batch: Row[] = [];
      for await (const record of session.run(query, toDriverParams(params), this.txConfig)) {
        batch.push(fromRecord(record));
        if (batch.length === batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      await session.close();
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async run(tx: ManagedTransaction, query: string, params: Params = {}): Promise<Row[]> {
    this.stats.roundTrips++;
    const result = await tx.run(query, toDriverParams(params));
    return result.records.map(fromRecord);
  }

  private session(mode: SessionMode, fetchSize?: number): Session {
    return this.driver.session({ database: this.database, defaultAccessMode: mode, fetchSize, bookmarkManager: this.bookmarks });
  }

  private async inSession<T>(mode: SessionMode, use: (session: Session) => Promise<T>): Promise<T> {
    const session = this.session(mode);
    try {
      return await use(session);
    } finally {
      await session.close();
    }
  }
}
