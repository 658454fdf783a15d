/**
 * What a data directory holds after a crash, read straight from LadybugDB (no server, no caches):
 * reviews with their author and product, product counters, follow edges and helpful votes. Opening
 * the directory is itself the recovery under test: LadybugDB replays its WAL here.
 */
import path from 'node:path';
import type { Review } from '../../../src/domain/review';
import { LadybugRunner } from '../../../src/store/ladybug/runner';

/** A review as the check reads it: the domain's, without its timestamps. */
export type StoredReview = Omit<Review, 'createdAt' | 'updatedAt'>;

export interface GraphState {
  /** Keyed by `authorId|productId`. */
  reviews: Map<string, StoredReview>;
  products: Map<string, { reviewCount: number; ratingSum: number }>;
  /** `followerId|followeeId` */
  follows: Set<string>;
  /** `voterId|reviewId` */
  votes: Set<string>;
  /** Share message -> `sharerId|productId`. */
  shares: Map<string, string>;
  /** userId -> bio */
  bios: Map<string, string | null>;
  /** Share nodes not attached to exactly one sharer and one product: half-written shares. */
  detachedShares: number;
  /** Review nodes not attached to exactly one author and one product: half-written reviews. */
  detachedReviews: number;
  /** (author, product) pairs with more than one review. */
  duplicateReviews: number;
}

export const pairKey = (a: string, b: string) => `${a}|${b}`;

export async function readGraphState(dataDir: string): Promise<GraphState> {
  const db = await LadybugRunner.open(path.join(dataDir, 'graph.lbug'), { readers: 1 });
  try {
    const reviews = new Map<string, StoredReview>();
    let duplicateReviews = 0;
    const rows = await db.read(
      'MATCH (a:User)-[:WROTE]->(r:Review)-[:REVIEWS]->(p:Product) ' +
        'RETURN r.id AS id, a.id AS authorId, p.id AS productId, r.rating AS rating, r.title AS title, r.body AS body, ' +
        'r.helpfulVotes AS helpfulVotes',
    );
    for (const row of rows as unknown as StoredReview[]) {
      const key = pairKey(row.authorId, row.productId);
      if (reviews.has(key)) duplicateReviews++;
      reviews.set(key, row);
    }
    const [{ n: reviewNodes }] = (await db.read('MATCH (r:Review) RETURN count(r) AS n')) as { n: number }[];
    const products = new Map<string, { reviewCount: number; ratingSum: number }>();
    for (const row of await db.read('MATCH (p:Product) RETURN p.id AS id, p.reviewCount AS reviewCount, p.ratingSum AS ratingSum')) {
      products.set(row.id as string, { reviewCount: row.reviewCount as number, ratingSum: row.ratingSum as number });
    }
    const follows = new Set(
      (await db.read('MATCH (a:User)-[:FOLLOWS]->(b:User) RETURN a.id AS a, b.id AS b')).map((r) => pairKey(r.a as string, r.b as string)),
    );
    const votes = new Set(
      (await db.read('MATCH (v:User)-[:VOTED_HELPFUL]->(r:Review) RETURN v.id AS v, r.id AS r')).map((r) =>
        pairKey(r.v as string, r.r as string),
      ),
    );
    const shareRows = await db.read('MATCH (u:User)-[:SHARED]->(s:Share)-[:OF_PRODUCT]->(p:Product) RETURN s.message AS m, u.id AS u, p.id AS p');
    const shares = new Map(shareRows.map((r) => [r.m as string, pairKey(r.u as string, r.p as string)]));
    const [{ n: shareNodes }] = (await db.read('MATCH (s:Share) RETURN count(s) AS n')) as { n: number }[];
    const bios = new Map((await db.read('MATCH (u:User) RETURN u.id AS id, u.bio AS bio')).map((r) => [r.id as string, (r.bio as string | null) ?? null]));
    return {
      reviews,
      products,
      follows,
      votes,
      shares,
      bios,
      detachedReviews: reviewNodes - rows.length,
      duplicateReviews,
      detachedShares: shareNodes - shareRows.length,
    };
  } finally {
    await db.close();
  }
}

/** Invariants that hold whatever was acknowledged: counters agree with the rows they count. */
export function counterProblems(state: GraphState): string[] {
  const problems: string[] = [];
  if (state.detachedReviews) problems.push(`${state.detachedReviews} review(s) without exactly one author and product`);
  if (state.detachedShares) problems.push(`${state.detachedShares} share(s) without exactly one sharer and product`);
  if (state.duplicateReviews) problems.push(`${state.duplicateReviews} duplicate (author, product) review(s)`);
  const perProduct = new Map<string, { count: number; sum: number }>();
  for (const r of state.reviews.values()) {
    const p = perProduct.get(r.productId) ?? { count: 0, sum: 0 };
    p.count++;
    p.sum += r.rating;
    perProduct.set(r.productId, p);
  }
  for (const [id, counters] of state.products) {
    const actual = perProduct.get(id) ?? { count: 0, sum: 0 };
    if (counters.reviewCount !== actual.count || counters.ratingSum !== actual.sum) {
      problems.push(`product ${id}: counters ${counters.reviewCount}/${counters.ratingSum}, reviews ${actual.count}/${actual.sum}`);
    }
  }
  const votesPerReview = new Map<string, number>();
  for (const key of state.votes) {
    const reviewId = key.slice(key.indexOf('|') + 1);
    votesPerReview.set(reviewId, (votesPerReview.get(reviewId) ?? 0) + 1);
  }
  for (const r of state.reviews.values()) {
    const voters = votesPerReview.get(r.id) ?? 0;
    if (r.helpfulVotes !== voters) problems.push(`review ${r.id}: helpfulVotes ${r.helpfulVotes}, voters ${voters}`);
  }
  return problems;
}
