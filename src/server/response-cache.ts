/**
 * Whole-response cache for queries (the idea of Envelop's useResponseCache): a hit skips
 * execution, so hot pages answer at close to the cost of a trivial query.
 *
 * Exact, not merely fresh-ish: entries hold under a stamp of everything an answer depends on
 * besides its inputs (the store's write count and the served model versions, see app.ts), and
 * the cache empties when the stamp moves. That is only sound when this process sees every write,
 * so it is on by default for the embedded LadybugDB (one process owns the directory) and off for
 * Neo4j, where other instances write too (RESPONSE_CACHE_ENTRIES).
 *
 * Keyed by viewer (id and roles: answers are viewer-aware), query hash, operation name and
 * variables. Not cached: mutations, responses with errors, and LIVE_FIELDS.
 */
import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { visit, BREAK, type DocumentNode, type FormattedExecutionResult } from 'graphql';
import type { Context } from '../graphql/context';
import { countResponseCache } from './metrics';

/** Root fields answered from process memory that store writes do not track. */
const LIVE_FIELDS = new Set(['trainingJobs']);

export interface ResponseCacheOptions {
  /** Most entries kept (least recently used go first); 0 disables the cache. */
  maxEntries: number;
  /** Changes whenever a cached answer may have become stale. */
  stamp: () => string;
}

export function responseCache({ maxEntries, stamp }: ResponseCacheOptions): ApolloServerPlugin<Context> {
  const entries = new Map<string, FormattedExecutionResult>();
  let entriesStamp = '';
  const touchesLive = new WeakMap<DocumentNode, boolean>();

  function liveIn(document: DocumentNode): boolean {
    let live = touchesLive.get(document);
    if (live === undefined) {
      live = false;
      visit(document, {
        Field(node) {
          if (!LIVE_FIELDS.has(node.name.value)) return undefined;
          live = true;
          return BREAK;
        },
      });
      touchesLive.set(document, live);
    }
    return live;
  }

  function keyOf({ request, queryHash, contextValue: { viewer } }: GraphQLRequestContextResponseForOperation<Context>): string {
    const who = viewer ? `${viewer.userId}:${[...viewer.roles].sort().join(',')}` : '';
    return JSON.stringify([who, queryHash, request.operationName ?? null, request.variables ?? {}]);
  }

  return {
    async requestDidStart() {
      let key: string | null = null;
      let keyStamp = '';
      return {
        async responseForOperation(requestContext) {
          // `operation` is missing when the request names no operation it defines (Apollo answers that).
          if (maxEntries <= 0 || requestContext.operation?.operation !== 'query' || liveIn(requestContext.document)) return null;
          keyStamp = stamp();
          if (keyStamp !== entriesStamp) {
            entries.clear();
            entriesStamp = keyStamp;
          }
          const k = keyOf(requestContext);
          const hit = entries.get(k);
          countResponseCache(hit ? 'hit' : 'miss');
          if (!hit) {
            key = k;
            return null;
          }
          entries.delete(k); // re-insert: Map order is the recency order
          entries.set(k, hit);
          return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: hit } };
        },
        async willSendResponse({ response }) {
          if (key === null || response.body.kind !== 'single' || response.body.singleResult.errors) return;
          // A write during execution may have made this answer stale before it was finished.
          if (stamp() !== keyStamp || keyStamp !== entriesStamp) return;
          entries.set(key, response.body.singleResult);
          if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
        },
      };
    },
  };
}
