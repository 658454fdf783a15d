/**
 * Users' activity as one viewer may see it, for model outputs shown to that viewer (influence
 * explanations, community engagement): reviews and follows are public, shares count only where
 * the viewer may see them (visibility.ts), the rule every share read applies.
 */
import type { ActivityEvent, ActivityRepository } from '../contract';
import type { CypherRunner } from './runner';
import { shareVisible, viewerParam } from './visibility';

const REACTIONS = `
UNWIND $users AS uid MATCH (u:User {id: uid})-[:WROTE]->(:Review)-[:REVIEWS]->(p:Product) WHERE p.id IN $products
RETURN u.id AS userId, p.id AS productId
UNION ALL
UNWIND $users AS uid MATCH (u:User {id: uid})-[:SHARED]->(s:Share)-[:OF_PRODUCT]->(p:Product) WHERE p.id IN $products AND ${shareVisible()}
RETURN u.id AS userId, p.id AS productId`;

const EVENTS = `
UNWIND $users AS uid MATCH (u:User {id: uid})-[:WROTE]->(r:Review) WHERE r.createdAt >= $from AND r.createdAt < $to
RETURN u.id AS userId, 'REVIEW' AS kind, r.createdAt AS at
UNION ALL
UNWIND $users AS uid MATCH (u:User {id: uid})-[:SHARED]->(s:Share) WHERE s.createdAt >= $from AND s.createdAt < $to AND ${shareVisible()}
RETURN u.id AS userId, 'SHARE' AS kind, s.createdAt AS at
UNION ALL
UNWIND $users AS uid MATCH (u:User {id: uid})-[f:FOLLOWS]->(:User) WHERE f.since >= $from AND f.since < $to
RETURN u.id AS userId, 'FOLLOW' AS kind, f.since AS at`;

const pairKey = (userId: string, productId: string) => `${userId}\u0000${productId}`;

export function cypherActivity(db: CypherRunner): ActivityRepository {
  return {
    async reactedTo(pairs, viewerId) {
      if (pairs.length === 0) return [];
      const rows = await db.read(REACTIONS, {
        users: [...new Set(pairs.map((p) => p.userId))],
        products: [...new Set(pairs.map((p) => p.productId))],
        ...viewerParam(viewerId),
      });
      const seen = new Set(rows.map((r) => pairKey(String(r.userId), String(r.productId))));
      return pairs.map((p) => seen.has(pairKey(p.userId, p.productId)));
    },

    async of(userIds, from, to, viewerId) {
      if (userIds.length === 0 || from >= to) return [];
      const rows = await db.read(EVENTS, { users: [...new Set(userIds)], from, to, ...viewerParam(viewerId) });
      return rows.map((r): ActivityEvent => ({ userId: String(r.userId), kind: r.kind as ActivityEvent['kind'], at: Number(r.at) }));
    },
  };
}
