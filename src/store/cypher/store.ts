/**
 * The contract implemented once in Cypher, over any engine's runner. Engines differ only in
 * their runner (connection, transactions, value normalisation) and schema setup.
 *
 * One rule for the query text: bind several nodes by key with one MATCH each
 * (`MATCH (a:User {id: $a}) MATCH (b:User {id: $b})`), never a comma pattern: LadybugDB plans
 * `MATCH (a ...), (b ...)` as a scan of b's table per row (35x slower when importing Ciao).
 */
import { ChangeFeed } from '../changes';
import type { EngineName, Store } from '../contract';
import { cypherActivity } from './activity';
import { cypherBulk } from './bulk';
import type { BulkStager } from './bulk-load';
import { cypherCategories } from './categories';
import { direct, EntityCache } from './entity-cache';
import { cypherFeed } from './feed';
import { cypherFollows } from './follows';
import { keyLists } from './key-lists';
import { cypherModels } from './models';
import { cypherNetwork } from './network';
import { cypherProducts } from './products';
import { cypherReviews } from './reviews';
import type { CypherRunner } from './runner';
import { cypherShares, shareEntities } from './shares';
import { cypherSnapshot } from './snapshot';
import { unwindStager } from './unwind-stage';
import { cypherUsers } from './users';

export interface CypherStoreOptions {
  /**
   * Keep up to this many entities in memory across requests (entity-cache.ts). Only for an engine
   * whose process is the database's only writer; 0 or unset: none.
   */
  entityCacheSize?: number;
  /** The engine's bulk path for `bulk.load` (default: batched UNWIND). */
  stager?: BulkStager;
}

export function cypherStore(engine: EngineName, db: CypherRunner, opts: CypherStoreOptions = {}): Store {
  const changes = new ChangeFeed();
  const changed = (tags: readonly string[]) => changes.emit(tags);
  const through = opts.entityCacheSize ? new EntityCache(changes, opts.entityCacheSize).through : direct;
  const lists = keyLists(db, through);
  const users = cypherUsers(db, changed, through);
  const reviews = cypherReviews(db, changed, through, lists);
  const shares = cypherShares(db, changed);
  return {
    engine,
    users,
    follows: cypherFollows(db, users, changed, lists),
    categories: cypherCategories(db, through),
    products: cypherProducts(db, changed, through),
    reviews,
    shares,
    feed: cypherFeed(lists, reviews, shareEntities(db, through)),
    activity: cypherActivity(db),
    network: cypherNetwork(db),
    bulk: cypherBulk(db, changed, opts.stager ?? unwindStager(db)),
    snapshot: cypherSnapshot(db),
    models: cypherModels(db, changed),
    stats: db.stats,
    changes,
    ping: async () => {
      await db.read('RETURN 1 AS ok');
    },
    close: () => db.close(),
  };
}
