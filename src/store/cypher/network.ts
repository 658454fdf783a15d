import type { NetworkRepository } from '../contract';
import type { CypherRunner } from './runner';
import { shareVisible, viewerParam } from './visibility';

/** Products $userId reviewed or shared. */
const OWN = `
MATCH (u:User {id: $userId})-[:WROTE]->(r:Review)-[:REVIEWS]->(p:Product) RETURN p.id AS id
UNION
MATCH (u:User {id: $userId})-[:SHARED]->(:Share)-[:OF_PRODUCT]->(p:Product) RETURN p.id AS id`;

/** Engagement of the people $userId follows, as $viewerId (the same user) may see it: (followee id, product id, time). */
const FOLLOWEE_ACTIVITY = `
MATCH (:User {id: $userId})-[:FOLLOWS]->(f:User)-[:WROTE]->(r:Review)-[:REVIEWS]->(p:Product)
RETURN f.id AS followee, p.id AS product, r.createdAt AS at
UNION ALL
MATCH (:User {id: $userId})-[:FOLLOWS]->(f:User)-[:SHARED]->(s:Share)-[:OF_PRODUCT]->(p:Product)
WHERE ${shareVisible('s', 'f')}
RETURN f.id AS followee, p.id AS product, s.createdAt AS at`;

export function cypherNetwork(db: CypherRunner): NetworkRepository {
  return {
    async neighbourhood(userId) {
      const [user, own, followees] = await Promise.all([
        db.read('MATCH (u:User {id: $userId}) RETURN u.id AS id', { userId }),
        db.read(OWN, { userId }),
        db.read('MATCH (:User {id: $userId})-[:FOLLOWS]->(f:User) RETURN f.id AS id', { userId }),
      ]);
      if (user.length === 0) return null;
      return { productIds: own.map((r) => String(r.id)), followeeIds: followees.map((r) => String(r.id)) };
    },

    async followeeActivity(userId) {
      const rows = await db.read(FOLLOWEE_ACTIVITY, { userId, ...viewerParam(userId) });
      rows.sort((a, b) => Number(b.at) - Number(a.at));
      const byProduct = new Map<string, string[]>();
      for (const r of rows) {
        const followees = byProduct.get(String(r.product)) ?? [];
        if (!followees.includes(String(r.followee))) followees.push(String(r.followee));
        byProduct.set(String(r.product), followees);
      }
      return [...byProduct]
        .map(([productId, followeeIds]) => ({ productId, followeeIds }))
        .sort((a, b) => b.followeeIds.length - a.followeeIds.length || (a.productId < b.productId ? -1 : 1));
    },
  };
}
