import type { NetworkRepository } from '../contract';
import { groupActivity, type ActivityEvent } from '../signals';
import { splitAuthorProduct } from './rows';
import type { CypherRunner } from './runner';
import { shareVisible, viewerParam } from './visibility';

/**
 * Everything `signals` needs in one round trip, one part per kind of row. Reviews are read by
 * `authorProduct` rather than through (:Product): on LadybugDB every hop to a node's properties is
 * a scan of that table, and Product is the largest one the user's reviews do not already touch.
 */
const SIGNALS = `
MATCH (u:User {id: $userId}) RETURN 'user' AS part, '' AS who, '' AS what, 0 AS at
UNION ALL
MATCH (:User {id: $userId})-[:WROTE]->(r:Review) RETURN 'ownReview' AS part, '' AS who, r.authorProduct AS what, 0 AS at
UNION ALL
MATCH (:User {id: $userId})-[:SHARED]->(:Share)-[:OF_PRODUCT]->(p:Product) RETURN 'ownShare' AS part, '' AS who, p.id AS what, 0 AS at
UNION ALL
MATCH (:User {id: $userId})-[:FOLLOWS]->(f:User) RETURN 'followee' AS part, f.id AS who, '' AS what, 0 AS at
UNION ALL
MATCH (:User {id: $userId})-[:FOLLOWS]->(f:User)-[:WROTE]->(r:Review)
RETURN 'review' AS part, f.id AS who, r.authorProduct AS what, r.createdAt AS at
UNION ALL
MATCH (:User {id: $userId})-[:FOLLOWS]->(f:User)-[:SHARED]->(s:Share)-[:OF_PRODUCT]->(p:Product)
WHERE ${shareVisible('s', 'f')}
RETURN 'share' AS part, f.id AS who, p.id AS what, s.createdAt AS at`;

const FOLLOWEE_SHARES = `
MATCH (v:User)-[:FOLLOWS]->(f:User)-[:SHARED]->(s:Share)-[:OF_PRODUCT]->(p:Product)
WHERE ${shareVisible('s', 'f', 'v')}
RETURN v.id AS viewerId, f.id AS followeeId, p.id AS productId, s.createdAt AS at`;

export function cypherNetwork(db: CypherRunner): NetworkRepository {
  return {
    async signals(userId) {
      const rows = await db.read(SIGNALS, { userId, ...viewerParam(userId) });
      if (!rows.some((r) => r.part === 'user')) return null;
      const own = new Set<string>();
      const followeeIds: string[] = [];
      const events: ActivityEvent[] = [];
      for (const r of rows) {
        const who = String(r.who);
        if (r.part === 'ownReview') own.add(splitAuthorProduct(r.what).productId);
        else if (r.part === 'ownShare') own.add(String(r.what));
        else if (r.part === 'followee') followeeIds.push(who);
        else if (r.part === 'review') events.push({ followeeId: who, productId: splitAuthorProduct(r.what).productId, at: Number(r.at) });
        else if (r.part === 'share') events.push({ followeeId: who, productId: String(r.what), at: Number(r.at) });
      }
      return { productIds: [...own], followeeIds, activity: groupActivity(events) };
    },

    async *followeeShares(batchSize = 50_000) {
      for await (const rows of db.stream(FOLLOWEE_SHARES, {}, batchSize)) {
        yield rows.map((r) => ({ viewerId: String(r.viewerId), followeeId: String(r.followeeId), productId: String(r.productId), at: Number(r.at) }));
      }
    },
  };
}
