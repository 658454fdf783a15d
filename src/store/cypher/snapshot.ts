import type { InteractionRow, SnapshotReader } from '../contract';
import type { CypherRunner } from './runner';

const DEFAULT_BATCH = 50_000;

/** Streams the graph for gnn/ in id order, batch by batch. */
export function cypherSnapshot(db: CypherRunner): SnapshotReader {
  return {
    async *users(batchSize = DEFAULT_BATCH) {
      for await (const rows of db.stream('MATCH (u:User) RETURN u.id AS id, u.handle AS handle, u.joinedAt AS joinedAt', {}, batchSize)) {
        yield rows.map((r) => ({ id: String(r.id), handle: String(r.handle), joinedAt: Number(r.joinedAt) }));
      }
    },
    async *categories(batchSize = DEFAULT_BATCH) {
      for await (const rows of db.stream('MATCH (c:Category) RETURN c.id AS id, c.name AS name', {}, batchSize)) {
        yield rows.map((r) => ({ id: String(r.id), name: String(r.name) }));
      }
    },
    async *products(batchSize = DEFAULT_BATCH) {
      const query = 'MATCH (p:Product)-[:IN_CATEGORY]->(c:Category) RETURN p.id AS id, c.id AS categoryId';
      for await (const rows of db.stream(query, {}, batchSize)) {
        yield rows.map((r) => ({ id: String(r.id), categoryId: String(r.categoryId) }));
      }
    },
    async *interactions(batchSize = DEFAULT_BATCH) {
      const reviews =
        'MATCH (u:User)-[:WROTE]->(r:Review)-[:REVIEWS]->(p:Product) ' +
        "RETURN u.id AS userId, p.id AS productId, 'REVIEW' AS kind, r.rating AS rating, r.createdAt AS at, true AS everyone";
      const shares =
        'MATCH (u:User)-[:SHARED]->(s:Share)-[:OF_PRODUCT]->(p:Product) ' +
        "RETURN u.id AS userId, p.id AS productId, 'SHARE' AS kind, s.createdAt AS at, " +
        "(s.audience = 'FOLLOWERS' AND coalesce(u.shareVisibility, 'PUBLIC') = 'PUBLIC') AS everyone";
      for (const query of [reviews, shares]) {
        for await (const rows of db.stream(query, {}, batchSize)) {
          yield rows.map(
            (r): InteractionRow => ({
              userId: String(r.userId),
              productId: String(r.productId),
              kind: r.kind as InteractionRow['kind'],
              rating: r.rating == null ? null : Number(r.rating),
              at: Number(r.at),
              public: r.everyone === true,
            }),
          );
        }
      }
    },
    async *follows(batchSize = DEFAULT_BATCH) {
      const query = 'MATCH (a:User)-[f:FOLLOWS]->(b:User) RETURN a.id AS followerId, b.id AS followeeId, f.since AS since';
      for await (const rows of db.stream(query, {}, batchSize)) {
        yield rows.map((r) => ({ followerId: String(r.followerId), followeeId: String(r.followeeId), since: Number(r.since) }));
      }
    },
  };
}
