/**
 * What an engine must provide so the shared Cypher repositories can run on it. This is the whole
 * engine surface: connecting, running a statement, transactions, streaming, and turning the
 * driver's values into plain JavaScript (numbers, strings, booleans, null, arrays, objects; a node
 * or relationship becomes the object of its properties).
 */
import type { QueryStats } from '../contract';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

export interface CypherTx {
  run(query: string, params?: Params): Promise<Row[]>;
}

export interface CypherRunner {
  readonly stats: QueryStats;
  /** A read outside any write transaction; sees committed data. */
  read(query: string, params?: Params): Promise<Row[]>;
  /**
   * Runs `work` in one write transaction: committed when it resolves, rolled back when it throws
   * (and the error rethrown). Engines may serialise write transactions.
   */
  write<T>(work: (tx: CypherTx) => Promise<T>): Promise<T>;
  /** Streams a read in batches of at most `batchSize` rows, without holding the whole result. */
  stream(query: string, params: Params, batchSize: number): AsyncIterable<Row[]>;
  close(): Promise<void>;
}
