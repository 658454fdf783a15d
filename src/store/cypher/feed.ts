import type { FeedEntry, FeedRepository, ReviewRepository, ShareRepository } from '../contract';
import type { CypherRunner } from './runner';
import { shareVisible, viewerParam } from './visibility';

/**
 * A user's feed: reviews and follower-wide shares by the people they follow, and shares sent to
 * them directly, each share only if the user may see it (visibility.ts). Each of the three sources
 * returns its newest offset+limit keys (a UNION ALL of top-k queries, merged and paged here) and,
 * in a second query run alongside, its count; only the page's entities are loaded. Returning every
 * key instead cost 2x on Ciao, where a well-connected user's followees wrote 36,000 reviews.
 */
const SOURCES = [
  { kind: 'REVIEW', match: 'MATCH (:User {id: $viewerId})-[:FOLLOWS]->(:User)-[:WROTE]->(x:Review)' },
  {
    kind: 'SHARE',
    match: `MATCH (:User {id: $viewerId})-[:FOLLOWS]->(u:User)-[:SHARED]->(x:Share) WHERE x.audience = 'FOLLOWERS' AND ${shareVisible('x')}`,
  },
  { kind: 'SHARE', match: `MATCH (:User {id: $viewerId})<-[:SHARED_WITH]-(x:Share)<-[:SHARED]-(u:User) WHERE ${shareVisible('x')}` },
] as const;

const FEED_KEYS = SOURCES.map((s) => `${s.match} RETURN '${s.kind}' AS kind, x.id AS id, x.createdAt AS at ORDER BY at DESC, id LIMIT $n`).join(
  '\nUNION ALL\n',
);
const FEED_COUNTS = SOURCES.map((s) => `${s.match} RETURN count(*) AS n`).join('\nUNION ALL\n');

export function cypherFeed(db: CypherRunner, reviews: ReviewRepository, shares: ShareRepository): FeedRepository {
  return {
    async of(userId, page) {
      const viewer = viewerParam(userId);
      const count = async () => (await db.read(FEED_COUNTS, viewer)).reduce((n, c) => n + Number(c.n), 0);
      // A page past the end reads no keys: LIMIT offset+limit must stay a sane number (as in skip.ts).
      const known = page.offset > 0 ? await count() : undefined;
      if (known !== undefined && page.offset >= known) return { items: [], totalCount: known };
      const [rows, totalCount] = await Promise.all([db.read(FEED_KEYS, { ...viewer, n: page.offset + page.limit }), known ?? count()]);
      const keys = rows.map((k) => ({
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
      return { items, totalCount };
    },
  };
}
