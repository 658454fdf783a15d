/**
 * Bulk writing for seeds and tests (importers use `load`, bulk-load.ts). Each batch is one transaction; rows whose id (or, for
 * follows, whose pair) already exists are skipped, so loading the same data twice adds nothing.
 * Rows that reference missing entities or break a rule fail the whole batch with a clear error:
 * importers validate and report bad rows before they get here.
 */
import { ConflictError, InvalidInputError, NotFoundError } from '../../domain/errors';
import { toCents } from '../../domain/product';
import { announce, tags, type ChangeListener } from '../changes';
import type { BulkBatch, BulkCounts, BulkWriter } from '../contract';
import { bulkLoad, type BulkStager } from './bulk-load';
import { existingIds, missingIds, type Label } from './guards';
import { REVIEW_EDGE_BACKFILL } from './model';
import type { CypherRunner, CypherTx, Row } from './runner';

const RECOUNT = `OPTIONAL MATCH (p)<-[:REVIEWS]-(r:Review)
WITH p, count(r) AS n, sum(r.rating) AS s
SET p.reviewCount = n, p.ratingSum = coalesce(s, 0)`;

/** Every product's review counters from its reviews. */
export const RECOUNT_PRODUCTS = `MATCH (p:Product) ${RECOUNT}`;

/** The rows of `rows` whose id is not stored yet (and not repeated within the batch). */
async function fresh<T extends { id: string }>(tx: CypherTx, label: Label, rows: T[]): Promise<T[]> {
  const existing = await existingIds(tx, label, rows.map((r) => r.id));
  const seen = new Set<string>();
  return rows.filter((r) => !existing.has(r.id) && !seen.has(r.id) && seen.add(r.id));
}

async function requireAll(tx: CypherTx, label: Label, ids: string[], what: string): Promise<void> {
  const missing = await missingIds(tx, label, ids);
  if (missing.length) throw new NotFoundError(label, `${missing[0]}" (referenced by ${what}; ${missing.length} missing in all`);
}

/** `stager`: the engine's bulk path for `load`. */
export function cypherBulk(db: CypherRunner, changed: ChangeListener, stager: BulkStager): BulkWriter {
  // A bulk load may touch anything: every kept answer is stale after it.
  const everything = () => [tags.everything];
  return {
    load: bulkLoad(db, stager, changed),

    upsert(batch: BulkBatch) {
      const write = db.write(async (tx) => {
        const counts: BulkCounts = { users: 0, categories: 0, products: 0, reviews: 0, follows: 0, shares: 0 };

        const categories = await fresh(tx, 'Category', batch.categories ?? []);
        if (categories.length) await tx.run('UNWIND $rows AS row CREATE (:Category {id: row.id, name: row.name})', { rows: categories });
        counts.categories = categories.length;

        const users = await fresh(tx, 'User', batch.users ?? []);
        const barred = users.find((u) => u.id.includes('|'));
        if (barred) throw new InvalidInputError('users', `user id ${JSON.stringify(barred.id)} contains "|", which review keys reserve`);
        if (users.length) {
          const taken = await tx.run('MATCH (u:User) WHERE u.handle IN $handles RETURN u.handle AS handle', {
            handles: users.map((u) => u.handle),
          });
          const duplicate = users.find((u, i) => users.findIndex((v) => v.handle === u.handle) !== i);
          if (taken.length || duplicate) throw new ConflictError(`handle "${taken[0]?.handle ?? duplicate?.handle}" is taken`);
          await tx.run(
            'UNWIND $rows AS row CREATE (:User {id: row.id, handle: row.handle, displayName: row.displayName, bio: row.bio, ' +
              'joinedAt: row.joinedAt, shareVisibility: row.shareVisibility})',
            {
              rows: users.map(({ id, handle, displayName, bio, joinedAt, shareVisibility = 'PUBLIC' }) => ({
                id, handle, displayName, bio, joinedAt, shareVisibility,
              })),
            },
          );
        }
        counts.users = users.length;

        const products = await fresh(tx, 'Product', batch.products ?? []);
        if (products.length) {
          await requireAll(tx, 'Category', products.map((p) => p.categoryId), 'products');
          await tx.run(
            'UNWIND $rows AS row MATCH (c:Category {id: row.categoryId}) ' +
              'CREATE (:Product {id: row.id, name: row.name, description: row.description, priceCents: row.priceCents, ' +
              'currency: row.currency, createdAt: row.createdAt, reviewCount: 0, ratingSum: 0, categoryId: c.id})-[:IN_CATEGORY]->(c)',
            {
              rows: products.map(({ id, name, description, price, currency, categoryId, createdAt }) => ({
                id, name, description, priceCents: toCents(price), currency, categoryId, createdAt,
              })),
            },
          );
        }
        counts.products = products.length;

        counts.follows = await upsertFollows(tx, batch.follows ?? []);

        const reviews = await fresh(tx, 'Review', batch.reviews ?? []);
        if (reviews.length) {
          await requireAll(tx, 'User', reviews.map((r) => r.authorId), 'reviews');
          await requireAll(tx, 'Product', reviews.map((r) => r.productId), 'reviews');
          const rows = reviews.map((r) => ({
            id: r.id,
            authorId: r.authorId,
            productId: r.productId,
            authorProduct: `${r.authorId}|${r.productId}`,
            rating: r.rating,
            title: r.title,
            body: r.body,
            helpfulVotes: 'helpfulVotes' in r ? r.helpfulVotes : 0,
            createdAt: r.createdAt,
            updatedAt: r.updatedAt,
          }));
          const pairs = new Set<string>();
          for (const r of rows) {
            if (pairs.has(r.authorProduct)) throw new ConflictError(`two reviews by ${r.authorId} of ${r.productId} in one batch`);
            pairs.add(r.authorProduct);
          }
          const clash = await tx.run(
            'UNWIND $rows AS row MATCH (:User {id: row.authorId})-[:WROTE]->(r:Review)-[:REVIEWS]->(:Product {id: row.productId}) RETURN r.id AS id',
            { rows: rows.map(({ authorId, productId }) => ({ authorId, productId })) },
          );
          if (clash.length) throw new ConflictError(`review ${clash[0].id} already covers the same author and product`);
          await tx.run(
            'UNWIND $rows AS row MATCH (a:User {id: row.authorId}) MATCH (p:Product {id: row.productId}) ' +
              'CREATE (r:Review {id: row.id, authorProduct: row.authorProduct, rating: row.rating, title: row.title, ' +
              'body: row.body, helpfulVotes: row.helpfulVotes, createdAt: row.createdAt, updatedAt: row.updatedAt}), ' +
              '(a)-[:WROTE {reviewId: row.id, createdAt: row.createdAt, helpfulVotes: row.helpfulVotes, rating: row.rating}]->(r), ' +
              '(r)-[:REVIEWS {reviewId: row.id, createdAt: row.createdAt, helpfulVotes: row.helpfulVotes, rating: row.rating}]->(p)',
            { rows },
          );
          await tx.run(`UNWIND $ids AS id MATCH (p:Product {id: id}) ${RECOUNT}`, {
            ids: [...new Set(rows.map((r) => r.productId))],
          });
        }
        counts.reviews = reviews.length;

        const shares = await fresh(tx, 'Share', batch.shares ?? []);
        if (shares.length) {
          await requireAll(tx, 'User', shares.flatMap((s) => (s.recipientId ? [s.sharerId, s.recipientId] : [s.sharerId])), 'shares');
          await requireAll(tx, 'Product', shares.map((s) => s.productId), 'shares');
          const rows = shares.map(({ id, sharerId, productId, audience, message, createdAt }) => ({
            id, sharerId, productId, audience, message, createdAt,
          }));
          await tx.run(
            'UNWIND $rows AS row MATCH (u:User {id: row.sharerId}) MATCH (p:Product {id: row.productId}) ' +
              'CREATE (s:Share {id: row.id, audience: row.audience, message: row.message, createdAt: row.createdAt}), ' +
              '(u)-[:SHARED]->(s), (s)-[:OF_PRODUCT]->(p)',
            { rows },
          );
          const direct = shares.filter((s) => s.recipientId).map((s) => ({ id: s.id, recipientId: s.recipientId }));
          if (direct.length) {
            await tx.run(
              'UNWIND $rows AS row MATCH (s:Share {id: row.id}) MATCH (t:User {id: row.recipientId}) CREATE (s)-[:SHARED_WITH]->(t)',
              { rows: direct },
            );
          }
        }
        counts.shares = shares.length;
        return counts;
      });
      return announce(changed, write, everything);
    },

    async recount() {
      const work = db.write(async (tx) => {
        await tx.run(RECOUNT_PRODUCTS);
        for (const statement of REVIEW_EDGE_BACKFILL) await tx.run(statement);
      });
      await announce(changed, work, everything);
    },

    async counts() {
      const count = async (pattern: string) => Number((await db.read(`MATCH ${pattern} RETURN count(*) AS n`))[0].n);
      const [users, categories, products, reviews, follows, shares] = await Promise.all([
        count('(:User)'),
        count('(:Category)'),
        count('(:Product)'),
        count('(:Review)'),
        count('(:User)-[:FOLLOWS]->(:User)'),
        count('(:Share)'),
      ]);
      return { users, categories, products, reviews, follows, shares };
    },
  };
}

async function upsertFollows(tx: CypherTx, follows: NonNullable<BulkBatch['follows']>): Promise<number> {
  if (follows.length === 0) return 0;
  const self = follows.find((f) => f.followerId === f.followeeId);
  if (self) throw new InvalidInputError('follows', `user ${self.followerId} cannot follow themselves`);
  await requireAll(tx, 'User', follows.flatMap((f) => [f.followerId, f.followeeId]), 'follows');
  const rows = follows.map((f) => ({ a: f.followerId, b: f.followeeId, since: f.since }));
  const existing: Row[] = await tx.run(
    'UNWIND $rows AS row MATCH (:User {id: row.a})-[:FOLLOWS]->(b:User {id: row.b}) RETURN row.a AS a, b.id AS b',
    { rows: rows.map(({ a, b }) => ({ a, b })) },
  );
  const seen = new Set(existing.map((r) => `${r.a}|${r.b}`));
  const missing = rows.filter((r) => !seen.has(`${r.a}|${r.b}`) && seen.add(`${r.a}|${r.b}`));
  if (missing.length) {
    await tx.run(
      'UNWIND $rows AS row MATCH (a:User {id: row.a}) MATCH (b:User {id: row.b}) CREATE (a)-[:FOLLOWS {since: row.since}]->(b)',
      { rows: missing },
    );
  }
  return missing.length;
}
