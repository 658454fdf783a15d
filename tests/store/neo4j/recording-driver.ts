/**
 * A stand-in for neo4j-driver's Driver that records every statement a Neo4jRunner sends (text,
 * parameters, session mode, and the transaction it ran in) and answers each from `answer`, so
 * the engine's Cypher can be collected and checked with no server.
 */
import neo4j, { type Driver, Record as Neo4jRecord, type SessionConfig, type SessionMode } from 'neo4j-driver';
import type { Params } from '../../../src/store/cypher/runner';

export interface SentStatement {
  query: string;
  /** As the driver received them (integers as neo4j Integers). */
  params: Params;
  mode: SessionMode;
  /** Statements with the same unit ran in one transaction; each auto-commit run is its own unit. */
  unit: number;
}

/** Answers a statement with rows of driver values (neo4j Integers, Nodes, strings...). */
export type Answer = (query: string, params: Params) => Record<string, unknown>[];

export function recordingDriver(answer: Answer): { driver: Driver; sent: SentStatement[] } {
  const sent: SentStatement[] = [];
  let units = 0;
  const respond = (query: string, params: Params, mode: SessionMode, unit: number) => {
    sent.push({ query, params, mode, unit });
    return answer(query, params).map((row) => new Neo4jRecord(Object.keys(row), Object.values(row)));
  };
  const driver = {
    session({ defaultAccessMode = neo4j.session.WRITE }: SessionConfig) {
      const inTransaction = (mode: SessionMode) => async (work: (tx: unknown) => Promise<unknown>) => {
        const unit = ++units;
        return work({ run: async (query: string, params: Params = {}) => ({ records: respond(query, params, mode, unit) }) });
      };
      return {
        executeRead: inTransaction(neo4j.session.READ),
        executeWrite: inTransaction(neo4j.session.WRITE),
        run(query: string, params: Params = {}) {
          const records = respond(query, params, defaultAccessMode, ++units);
          return (async function* () {
            yield* records;
          })();
        },
        async close() {},
      };
    },
    async close() {},
  };
  return { driver: driver as unknown as Driver, sent };
}
