/**
 * Whole-response cache for queries (after Envelop's useResponseCache): a hit skips execution, so
 * hot pages answer at close to the cost of a trivial query.
 *
 * Exact, and invalidated by entity: each answer keeps the tags of everything it was built from
 * (`Product:p1`, `User:u7`, a product's review list, a viewer's feed sources..., recorded by the
 * loaders in the request's `reads`, src/store/changes.ts), and each committed store write
 * announces the tags it changed (`store.changes`, before the write returns to its caller), which
 * drops exactly the answers depending on them. An answer whose tags were announced while it was
 * being computed is not kept (it may have read the state before the write). Answers also hold
 * under a stamp of the model versions served (any change empties the cache).
 *
 * That is only sound when this process sees every write: so it is on by default for the embedded
 * LadybugDB (one process owns the directory) and off for Neo4j, where other instances write too.
 *
 * Answers are kept as the response body Apollo sent, so a hit on a JSON POST is answered by the
 * HTTP layer (`answer`, app.ts) without Apollo: under load Apollo's request pipeline and the
 * stringifying of a page cost more than the rest of a hit. Other requests (GET, other media
 * types) take the plugin's path and get the same answer.
 *
 * Identical misses arriving while one is being computed wait for it (a write drops a hot page that
 * dozens of clients ask for at once), and take its answer unless a write to what it read was
 * announced between its start and their arrival: writes announced after they arrived overlapped
 * them, as they would have overlapped their own computation. (The answer is kept for later requests
 * only if no such write came at all.) Otherwise one of them runs it and the others wait again.
 *
 * Bounded by bytes (the answer's JSON, its key and its tags), least recently used first. Keyed by
 * viewer (id and roles: answers are viewer-aware), the query text, operation name and variables as
 * sent (./variable-limits.ts refuses undeclared ones). Not cached: mutations, responses with
 * errors, requests without query text (persisted queries), and LIVE_FIELDS.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { visit, BREAK, type DocumentNode, type FormattedExecutionResult } from 'graphql';
import type { Context, Viewer } from '../graphql/context';
import { tags as changeTags, type ChangeFeed } from '../store/changes';
import { countResponseCache } from './metrics';

/** Root fields answered from process memory that store writes do not track. */
const LIVE_FIELDS = new Set(['trainingJobs']);
/** Tags remembered with the time they were last announced; past this many, older answers in flight are dropped instead. */
const RECENT_TAGS = 100_000;
/** Recent announcements kept whole, to tell which of them a request waiting for an answer may miss. */
const RECENT_CHANGES = 4_096;
/** How many computations of the same answer a request waits for before it runs the operation itself. */
const MAX_WAITS = 3;

export interface ResponseCacheOptions {
  /** Most bytes of answers kept; 0 disables the cache. */
  maxBytes: number;
  /** Changes whenever every cached answer may have become stale (model versions). */
  stamp: () => string;
  /** The store's announcements of what its writes changed. */
  changes: ChangeFeed;
}

/** A cached answer: the response body as Apollo sends it, and the operation it answered (for logs and metrics). */
export interface CachedAnswer {
  json: string;
  operationName: string | null;
}

interface Computed {
  answer: CachedAnswer;
  /** The same answer as Apollo built it: requests waiting for it take this, not a parse of `answer`. */
  result: FormattedExecutionResult;
  tags: ReadonlySet<string>;
  since: number;
}

interface Entry {
  answer: CachedAnswer;
  tags: string[];
  bytes: number;
}

/** What identifies an answer besides the viewer: the request's fields as sent. */
export interface CacheableRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

/** Apollo's body for a result without errors (runHttpQuery: `errors`, `data`, `extensions` in that order, then a newline). */
const bodyOf = (result: FormattedExecutionResult) => `${JSON.stringify({ data: result.data, extensions: result.extensions })}\n`;

/** The entries, their byte total and an index from tag to the keys that depend on it. */
export class TaggedEntries {
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private total = 0;
  /** Invalidations so far, and when each tag was last invalidated; answers begun before `floor` are never kept. */
  private clock = 0;
  private floor = 0;
  private readonly invalidatedAt = new Map<string, number>();
  /** The latest announcements, oldest first: what each changed (null: everything) at which clock. */
  private readonly recent: { clock: number; changed: ReadonlySet<string> | null }[] = [];

  constructor(private readonly maxBytes: number) {}

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  /** A point in time to pass to `set` for an answer computed from now on. */
  now(): number {
    return this.clock;
  }

  get(key: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key); // re-insert: Map order is the recency order
    this.entries.set(key, entry);
    return entry.answer;
  }

  /** Keeps an answer computed since `since` from what `tags` name, unless one of them changed meanwhile. */
  set(key: string, answer: CachedAnswer, tags: Iterable<string>, since: number): boolean {
    if (since < this.floor) return false;
    const list = [...tags];
    if (list.some((tag) => (this.invalidatedAt.get(tag) ?? -1) > since)) return false;
    // UTF-16 string sizes: the answer's JSON, the key and the tags.
    const bytes = 2 * (answer.json.length + key.length + list.reduce((n, t) => n + t.length + 16, 0)) + 200;
    if (bytes > this.maxBytes) return false;
    this.delete(key);
    this.entries.set(key, { answer, tags: list, bytes });
    this.total += bytes;
    for (const tag of list) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.total > this.maxBytes) this.delete(this.entries.keys().next().value!);
    return true;
  }

  /**
   * Whether an answer computed from `since` on, reading what `tags` name, may miss a write
   * announced after `since` and up to `until`: a request that arrived at `until` must not be
   * given it. (Writes announced later overlapped that request, which may or may not see them.)
   */
  changedBetween(tags: Iterable<string>, since: number, until: number): boolean {
    if (until <= since) return false;
    // Older than the announcements remembered, or than a clear: assume the worst.
    const oldest = this.recent[0]?.clock;
    if (since < this.floor || (oldest !== undefined && oldest > since + 1)) return true;
    const read = new Set(tags);
    return this.recent.some(({ clock, changed }) => clock > since && clock <= until && (!changed || [...changed].some((tag) => read.has(tag))));
  }

  /** Drops every answer built from something `changed` names; `*` drops all. */
  invalidate(changed: readonly string[]): void {
    this.clock++;
    const everything = changed.includes(changeTags.everything);
    this.recent.push({ clock: this.clock, changed: everything ? null : new Set([...changed, changeTags.anyWrite]) });
    if (this.recent.length > RECENT_CHANGES) this.recent.shift();
    if (everything) return this.clear();
    for (const tag of [...changed, changeTags.anyWrite]) {
      this.invalidatedAt.set(tag, this.clock);
      for (const key of this.byTag.get(tag) ?? []) this.delete(key);
    }
    if (this.invalidatedAt.size > RECENT_TAGS) {
      this.invalidatedAt.clear();
      this.floor = this.clock;
    }
  }

  clear(): void {
    this.clock++;
    this.entries.clear();
    this.byTag.clear();
    this.invalidatedAt.clear();
    this.total = 0;
    this.floor = this.clock;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}

/** The cache key: the viewer (id and roles) and the request's query text, operation name and variables as sent. */
function keyOf(viewer: Viewer | null, { query, operationName, variables }: CacheableRequest): string {
  const who = viewer ? `${viewer.userId}:${[...viewer.roles].sort().join(',')}` : '';
  return JSON.stringify([who, query, operationName ?? null, variables ?? null]);
}

export class ResponseCache {
  private readonly entries: TaggedEntries;
  /** Misses being computed: each resolves with the answer, what it read and when it began (null: failed, or models changed). */
  private readonly computing = new Map<string, Promise<Computed | null>>();
  private entriesStamp = '';
  private readonly touchesLive = new WeakMap<DocumentNode, boolean>();

  constructor(private readonly opts: ResponseCacheOptions) {
    this.entries = new TaggedEntries(opts.maxBytes);
  }

  /** The entries, after emptying them if the models served changed since they were kept. */
  private current(): TaggedEntries {
    const stamp = this.opts.stamp();
    if (stamp !== this.entriesStamp) {
      this.entries.clear();
      this.entriesStamp = stamp;
    }
    return this.entries;
  }

  /** A kept answer to a POST body with query text, for the HTTP layer; counted as a hit when found (a miss is counted by the plugin). */
  answer(viewer: Viewer | null, request: CacheableRequest): CachedAnswer | undefined {
    if (this.opts.maxBytes <= 0 || typeof request.query !== 'string') return undefined;
    const hit = this.current().get(keyOf(viewer, request));
    if (hit) countResponseCache(hit.operationName, 'hit');
    return hit;
  }

  private liveIn(document: DocumentNode): boolean {
    let live = this.touchesLive.get(document);
    if (live === undefined) {
      live = false;
      visit(document, {
        Field(node) {
          if (!LIVE_FIELDS.has(node.name.value)) return undefined;
          live = true;
          return BREAK;
        },
      });
      this.touchesLive.set(document, live);
    }
    return live;
  }

  /** The Apollo side: answers the requests the HTTP layer did not, and keeps what misses computed. */
  plugin(): ApolloServerPlugin<Context> {
    const { maxBytes, changes } = this.opts;
    const computing = this.computing;
    return {
      serverWillStart: async () => {
        if (maxBytes <= 0) return;
        const unsubscribe = changes.subscribe((changed) => this.entries.invalidate(changed));
        return { serverWillStop: async () => void unsubscribe() };
      },

      requestDidStart: async () => {
        let key: string | null = null;
        let since = 0;
        let settle: ((done: Computed | null) => void) | null = null;
        return {
          responseForOperation: async (requestContext) => {
            // `operation` is missing when the request names no operation it defines (Apollo answers that).
            const { request, operation, document, contextValue } = requestContext;
            if (maxBytes <= 0 || operation?.operation !== 'query' || typeof request.query !== 'string' || this.liveIn(document)) return null;
            const entries = this.current();
            const k = keyOf(contextValue.viewer, request);
            const kept = entries.get(k);
            // Mostly requests the HTTP layer does not answer (GET, other media types): parsed back for Apollo.
            let hit = kept && (JSON.parse(kept.json) as FormattedExecutionResult);
            // A request that waits takes the answer unless a write to what it read was announced
            // between the computation's start and this request's arrival (later ones overlapped this
            // request). When it may not, one waiter runs next and the others wait for it: never all at once.
            const arrived = entries.now();
            for (let round = 0; !hit && computing.has(k) && round < MAX_WAITS; round++) {
              const done = await computing.get(k);
              if (done && !entries.changedBetween(done.tags, done.since, arrived)) hit = done.result;
            }
            countResponseCache(requestContext.operationName ?? null, hit ? 'hit' : 'miss');
            if (hit) return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: hit } };
            key = k;
            since = entries.now();
            if (!computing.has(k)) {
              computing.set(k, new Promise((resolve) => (settle = resolve)));
            }
            return null;
          },
          willSendResponse: async ({ response, contextValue, operationName }) => {
            if (key === null) return;
            let done: Computed | null = null;
            // New models may have been loaded while this answer was computed.
            if (response.body.kind === 'single' && !response.body.singleResult.errors && this.opts.stamp() === this.entriesStamp) {
              const result = response.body.singleResult;
              done = { answer: { json: bodyOf(result), operationName: operationName ?? null }, result, tags: contextValue.reads, since };
              this.entries.set(key, done.answer, done.tags, since);
            }
            if (settle) {
              computing.delete(key);
              settle(done);
            }
          },
        };
      },
    };
  }
}
