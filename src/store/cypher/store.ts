/**
 * The contract implemented once in Cypher, over any engine's runner. Engines differ only in
 * their runner (connection, transactions, value normalisation) and schema setup.
 *
 * One rule for the query text: bind several nodes by key with one MATCH each
 * (`MATCH (a:User {id: $a}) MATCH (b:User {id: $b})`), never a comma pattern: LadybugDB plans
 * `MATCH (a ...), (b ...)` as a scan of b's table per row (35x slower when importing Ciao).
 */
import type { EngineName, Store } from '../contract';
import { cypherActivity } from './activity';
import { cypherBulk } from './bulk';
import { cypherCategories } from './categories';
import { cypherFeed } from './feed';
import { cypherFollows } from './follows';
import { cypherModels } from './models';
import { cypherNetwork } from './network';
import { cypherProducts } from './products';
import { cypherReviews } from './reviews';
import type { CypherRunner } from './runner';
import { cypherShares } from './shares';
import { cypherSnapshot } from './snapshot';
import { cypherUsers } from './users';

export function cypherStore(engine: EngineName, db: CypherRunner): Store {
  const users = cypherUsers(db);
  const reviews = cypherReviews(db);
  const shares = cypherShares(db);
  return {
    engine,
    users,
    follows: cypherFollows(db, users),
    categories: cypherCategories(db),
    products: cypherProducts(db),
    reviews,
    shares,
    feed: cypherFeed(db, reviews, shares),
    activity: cypherActivity(db),
    network: cypherNetwork(db),
    bulk: cypherBulk(db),
    snapshot: cypherSnapshot(db),
    models: cypherModels(db),
    stats: db.stats,
    ping: async () => {
      await db.read('RETURN 1 AS ok');
    },
    close: () => db.close(),
  };
}
