import { ConflictError, NotFoundError } from '../../domain/errors';
import type { NewReview, Review, ReviewPatch } from '../../domain/review';
import { announce, tags, type ChangeListener } from '../changes';
import type { Page, ReviewRepository, Slice, Stamp } from '../contract';
import { fillSlices, inOrder, pageOf } from './batch';
import type { Get, Through } from './entity-cache';
import type { KeyList, KeyLists } from './key-lists';
import { mustExist } from './guards';
import { toReview } from './rows';
import type { CypherRunner, CypherTx } from './runner';
import { setClause } from './set-clause';

/** Copies a review's changed sort keys onto its two edges. */
const SYNC_EDGES = 'MATCH (:User)-[w:WROTE]->(r:Review {id: $id})-[v:REVIEWS]->(:Product) SET w.helpfulVotes = r.helpfulVotes, v.helpfulVotes = r.helpfulVotes, w.rating = r.rating, v.rating = r.rating';


/** Moves a product's counters by a change in its reviews. */
const ADJUST_PRODUCT =
  'MATCH (p:Product {id: $productId}) SET p.reviewCount = p.reviewCount + $dCount, p.ratingSum = p.ratingSum + $dSum';

/** A review's change shows in both its lists and in its product's counters, which product lists sort by. */
const reviewChanges = (r: Review) => [tags.review(r.id), tags.productCounts(r.productId), tags.reviewsOf(r.productId), tags.reviewsBy(r.authorId), tags.products];

export function cypherReviews(db: CypherRunner, changed: ChangeListener, through: Through, lists: KeyLists): ReviewRepository {
  const get = through('Review', (id) => [tags.review(id), tags.helpfulVotes(id)], async (ids): Promise<(Review | null)[]> => {
    if (ids.length === 0) return [];
    const rows = await db.read(
      // A key lookup: `authorProduct` names the author and product, so no joins are needed.
      'UNWIND $ids AS id MATCH (r:Review {id: id}) RETURN r',
      { ids: [...new Set(ids)] },
    );
    return inOrder(ids, rows.map((row) => toReview(row.r as Record<string, unknown>)));
  });

  async function readInTx(tx: CypherTx, id: string): Promise<Review> {
    const rows = await tx.run('MATCH (r:Review {id: $id}) RETURN r', { id });
    if (rows.length === 0) throw new NotFoundError('Review', id);
    return toReview(rows[0].r as Record<string, unknown>);
  }

  /** Pages of each parent's cached key list (key-lists.ts), filled with the page's reviews. */
  async function children(lists: Get<KeyList>, parentIds: readonly string[], page: Page): Promise<Slice<Review>[]> {
    const found = await lists(parentIds);
    return fillSlices(found.map((list) => pageOf(list?.keys ?? [], page)), get);
  }

  return {
    get,
    ofProducts: (ids, sort, page) => children(lists.reviewsOf(sort), ids, page),
    byAuthors: (ids, sort, page) => children(lists.reviewsBy(sort), ids, page),

    write(authorId: string, input: NewReview, stamp: Stamp) {
      const write = db.write(async (tx) => {
        await mustExist(tx, 'User', authorId);
        await mustExist(tx, 'Product', input.productId);
        // The author's reviews, compared here: LadybugDB joins the product side 4-5x slower (Ciao).
        const authorProduct = `${authorId}|${input.productId}`;
        const mine = await tx.run('MATCH (:User {id: $authorId})-[:WROTE]->(r:Review) RETURN r.authorProduct AS key', { authorId });
        if (mine.some((r) => r.key === authorProduct)) throw new ConflictError('you have already reviewed this product; update that review instead');
        await tx.run(
          'MATCH (a:User {id: $authorId}) MATCH (p:Product {id: $productId}) ' +
            'CREATE (r:Review {id: $id, authorProduct: $authorProduct, rating: $rating, title: $title, body: $body, ' +
            'helpfulVotes: 0, createdAt: $at, updatedAt: $at}), ' +
            '(a)-[:WROTE {reviewId: $id, createdAt: $at, helpfulVotes: 0, rating: $rating}]->(r), ' +
            '(r)-[:REVIEWS {reviewId: $id, createdAt: $at, helpfulVotes: 0, rating: $rating}]->(p)',
          {
            authorId,
            productId: input.productId,
            id: stamp.id,
            at: stamp.at,
            authorProduct,
            rating: input.rating,
            title: input.title ?? '',
            body: input.body ?? '',
          },
        );
        await tx.run(ADJUST_PRODUCT, { productId: input.productId, dCount: 1, dSum: input.rating });
        return readInTx(tx, stamp.id);
      });
      return announce(changed, write, (r) => [...reviewChanges(r), tags.activity(r.authorId)]);
    },

    update(id: string, patch: ReviewPatch, at: number) {
      const write = db.write(async (tx) => {
        const before = await readInTx(tx, id);
        const set = setClause('r', { ...patch, updatedAt: at }, ['rating', 'title', 'body', 'updatedAt']);
        await tx.run(`MATCH (r:Review {id: $id}) ${set.clause}`, { id, ...set.params });
        if (patch.rating !== undefined && patch.rating !== before.rating) {
          await tx.run(SYNC_EDGES, { id });
          await tx.run(ADJUST_PRODUCT, { productId: before.productId, dCount: 0, dSum: patch.rating - before.rating });
        }
        return readInTx(tx, id);
      });
      return announce(changed, write, reviewChanges);
    },

    delete(id: string) {
      const write = db.write(async (tx) => {
        const before = await readInTx(tx, id);
        await tx.run('MATCH (r:Review {id: $id}) DETACH DELETE r', { id });
        await tx.run(ADJUST_PRODUCT, { productId: before.productId, dCount: -1, dSum: -before.rating });
        return before;
      });
      return announce(changed, write, (r) => [...reviewChanges(r), tags.activity(r.authorId)]);
    },

    voteHelpful(voterId: string, reviewId: string, at: number) {
      const write = db.write(async (tx) => {
        await mustExist(tx, 'User', voterId);
        const before = await readInTx(tx, reviewId);
        // MERGE's ON CREATE makes the vote and the counter one idempotent step.
        await tx.run(
          'MATCH (v:User {id: $voterId}) MATCH (r:Review {id: $reviewId}) MERGE (v)-[h:VOTED_HELPFUL]->(r) ' +
            'ON CREATE SET h.at = $at, r.helpfulVotes = r.helpfulVotes + 1',
          { voterId, reviewId, at },
        );
        const review = await readInTx(tx, reviewId);
        const counted = review.helpfulVotes !== before.helpfulVotes;
        if (counted) await tx.run(SYNC_EDGES, { id: reviewId });
        return { review, counted };
      });
      // A vote moves only its count and the review's place in lists sorted by votes; a repeated vote moves nothing.
      return announce(changed, write, ({ review: r, counted }) =>
        counted ? [tags.helpfulVotes(r.id), tags.byVotes(tags.reviewsOf(r.productId)), tags.byVotes(tags.reviewsBy(r.authorId))] : [],
      ).then(({ review }) => review);
    },
  };
}
