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
MATCH (:User {id: $userId})-[:FOLLOWS]->(f:User)-[:WROTE]->(r:Review)-[:REVIEWS]->(p:Product) WHERE p.id IN $productIds
RETURN f.id AS followee, p.id AS product, r.createdAt AS at
UNION ALL
MATCH (:User {id: $userId})-[:FOLLOWS]->(f:User)-[:SHARED]->(s:Share)-[:OF_PRODUCT]->(p:Product)
WHERE p.id IN $productIds AND ${shareVisible('s', 'f')}
RETURN f.id AS followee, p.id AS product, s.createdAt AS at`;

const FAVOURITES = `
MATCH (:User {id: $userId})-[:FOLLOWS]->(f:User)-[:WROTE]->(:Review)-[:REVIEWS]->(p:Product)
RETURN f.id AS followee, p.id AS product
UNION
MATCH (:User {id: $userId})-[:FOLLOWS]->(f:User)-[:SHARED]->(s:Share)-[:OF_PRODUCT]->(p:Product)
WHERE ${shareVisible('s', 'f')}
RETURN f.id AS followee, p.id AS product`;

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

    async engagedFollowees(userId, productIds) {
      if (productIds.length === 0) return [];
      const rows = await db.read(FOLLOWEE_ACTIVITY, { userId, productIds: [...new Set(productIds)], ...viewerParam(userId) });
      rows.sort((a, b) => Number(b.at) - Number(a.at));
      const byProduct = new Map<string, string[]>();
      for (const r of rows) {
        const list = byProduct.get(String(r.product)) ?? [];
        if (!list.includes(String(r.followee))) list.push(String(r.followee));
        byProduct.set(String(r.product), list);
      }
      return productIds.map((id) => byProduct.get(id) ?? []);
    },

    async favourites(userId, limit) {
      const [rows, own] = await Promise.all([db.read(FAVOURITES, { userId, ...viewerParam(userId) }), db.read(OWN, { userId })]);
      const mine = new Set(own.map((r) => String(r.id)));
      const counts = new Map<string, number>();
      for (const r of rows) {
        const p = String(r.product);
        if (!mine.has(p)) counts.set(p, (counts.get(p) ?? 0) + 1);
      }
      return [...counts]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit)
        .map(([productId, followees]) => ({ productId, followees }));
    },
  };
}
