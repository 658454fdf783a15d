import type { FeedEntry, FeedRepository, ReviewRepository, ShareRepository } from '../contract';
import type { CypherRunner } from './runner';
import { shareVisible, viewerParam } from './visibility';

/**
 * A user's feed: reviews and follower-wide shares by the people they follow, and shares sent to
 * them directly, each share only if the user may see it (visibility.ts). Keys of all three are
 * gathered in one UNION query, ordered and paged here, and only the page's entities are loaded.
 */
const FEED_KEYS = `
MATCH (:User {id: $viewerId})-[:FOLLOWS]->(:User)-[:WROTE]->(r:Review)
RETURN 'REVIEW' AS kind, r.id AS id, r.createdAt AS at
UNION ALL
MATCH (:User {id: $viewerId})-[:FOLLOWS]->(u:User)-[:SHARED]->(s:Share)
WHERE s.audience = 'FOLLOWERS' AND ${shareVisible()}
RETURN 'SHARE' AS kind, s.id AS id, s.createdAt AS at
UNION ALL
MATCH (:User {id: $viewerId})<-[:SHARED_WITH]-(s:Share)<-[:SHARED]-(u:User)
WHERE ${shareVisible()}
RETURN 'SHARE' AS kind, s.id AS id, s.createdAt AS at`;

export function cypherFeed(db: CypherRunner, reviews: ReviewRepository, shares: ShareRepository): FeedRepository {
  return {
    async of(userId, page) {
      const keys = (await db.read(FEED_KEYS, viewerParam(userId))).map((k) => ({
        kind: k.kind as FeedEntry['kind'],
        id: String(k.id),
        at: Number(k.at),
      }));
      keys.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const window = keys.slice(page.offset, page.offset + page.limit);
      const reviewIds = window.filter((k) => k.kind === 'REVIEW').map((k) => k.id);
      const shareIds = window.filter((k) => k.kind === 'SHARE').map((k) => k.id);
      const [rs, ss] = await Promise.all([reviews.get(reviewIds), shares.get(shareIds, userId)]);
      const review = new Map(rs.flatMap((r) => (r ? [[r.id, r] as const] : [])));
      const share = new Map(ss.flatMap((s) => (s ? [[s.id, s] as const] : [])));
      const items = window.flatMap((k): FeedEntry[] => {
        if (k.kind === 'REVIEW') {
          const item = review.get(k.id);
          return item ? [{ kind: 'REVIEW', item }] : [];
        }
        const item = share.get(k.id);
        return item ? [{ kind: 'SHARE', item }] : [];
      });
      return { items, totalCount: keys.length };
    },
  };
}
