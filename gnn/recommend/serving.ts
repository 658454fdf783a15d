/**
 * Recommendations as the API serves them. With a published model: the user's vector is folded in
 * from the live graph (fold-in.ts), every product is scored by dot product plus social proof from
 * the people they follow, and products the user already reviewed or shared are never returned. Before any model exists, or for a user the model
 * knows nothing about, a fallback ranks what the people they follow engaged with, then what is
 * popular in their categories. Every answer says which source produced it, and each item carries
 * its reasons: the followed users who reviewed or shared it, and (from the model) the user's own
 * products it most resembles.
 */
import { NotFoundError } from '../../src/domain/errors';
import type { Product } from '../../src/domain/product';
import type { Store } from '../../src/store/contract';
import { LiveModel } from '../serving/live-model';
import { foldInUser } from './fold-in';
import { buildPublishedRecommender, type PublishedRecommender } from './published';
import { cosine, cosineAll, dotAll } from './similarity';
import { topK } from './top-k';

export type RecommendationSource = 'MODEL' | 'FALLBACK';

export interface Recommendation {
  productId: string;
  score: number;
  /** Followed users who reviewed or shared the product, most recent first. */
  followees: string[];
  /** The user's own products this one most resembles (model answers only). */
  resembles: string[];
}

export interface RecommendationPage {
  source: RecommendationSource;
  modelVersion: string | null;
  items: Recommendation[];
  totalCount: number;
}

export interface SimilarProduct {
  productId: string;
  score: number;
}

const RESEMBLES = 2;

type FolloweeActivity = Awaited<ReturnType<Store['network']['followeeActivity']>>;
const FALLBACK_POOL = 200;

export class Recommender {
  readonly live: LiveModel<PublishedRecommender>;

  constructor(
    private readonly store: Store,
    live?: LiveModel<PublishedRecommender>,
  ) {
    this.live = live ?? new LiveModel(store, 'recommend', buildPublishedRecommender);
  }

  async forUser(userId: string, q: { offset: number; limit: number; categoryId?: string }): Promise<RecommendationPage> {
    const [hood, activity, loaded] = await Promise.all([
      this.store.network.neighbourhood(userId),
      this.store.network.followeeActivity(userId),
      this.live.get(),
    ]);
    if (!hood) throw new NotFoundError('User', userId);
    const vector = loaded ? foldInUser(loaded.value, userId, hood.productIds, hood.followeeIds) : null;
    const page = loaded && vector
      ? this.byModel(loaded.value, vector, hood.productIds, activity, q)
      : await this.byFallback(hood.productIds, activity, q);
    const engaged = new Map(activity.map((a) => [a.productId, a.followeeIds]));
    for (const item of page.items) item.followees = engaged.get(item.productId) ?? [];
    return { ...page, modelVersion: page.source === 'MODEL' ? loaded!.run.version : null };
  }

  async similarProducts(productId: string, limit: number): Promise<{ source: RecommendationSource; items: SimilarProduct[] }> {
    const loaded = await this.live.get();
    const row = loaded?.value.productRow.get(productId);
    if (loaded && row !== undefined) {
      const m = loaded.value;
      const scores = cosineAll(m, row);
      const { indices } = topK(scores, limit, (i) => i !== row);
      return { source: 'MODEL', items: indices.map((i) => ({ productId: m.productIds[i], score: scores[i] })) };
    }
    const [product] = await this.store.products.get([productId]);
    if (!product) throw new NotFoundError('Product', productId);
    const [same] = await this.store.products.inCategories([product.categoryId], 'MOST_REVIEWED', { offset: 0, limit: limit + 1 });
    const items = same.items.filter((p) => p.id !== productId).slice(0, limit);
    return { source: 'FALLBACK', items: items.map((p) => ({ productId: p.id, score: p.reviewCount })) };
  }

  /**
   * Model scores plus social proof: s(p) = ⟨e'_u, e_p⟩ + σ · ln(1 + k_p), where k_p counts the
   * followees who reviewed or shared p and σ is the spread of the user's model scores, so one
   * followee lifts a product by about half a standard deviation whatever the embedding scale.
   */
  private byModel(
    m: PublishedRecommender,
    vector: Float32Array,
    own: string[],
    activity: FolloweeActivity,
    q: { offset: number; limit: number; categoryId?: string },
  ): Omit<RecommendationPage, 'modelVersion'> {
    const scores = dotAll(m, vector);
    const ownRows = new Set(own.flatMap((id) => m.productRow.get(id) ?? []));
    const eligibleRow = (p: number) => !ownRows.has(p) && (!q.categoryId || m.productCategory[p] === q.categoryId);
    const spread = standardDeviation(scores, eligibleRow);
    for (const a of activity) {
      const p = m.productRow.get(a.productId);
      if (p !== undefined) scores[p] += spread * Math.log1p(a.followeeIds.length);
    }
    const { indices, eligible } = topK(scores, q.offset + q.limit, eligibleRow);
    const items = indices.slice(q.offset).map((p) => ({
      productId: m.productIds[p],
      score: scores[p],
      followees: [],
      resembles: resembling(m, p, [...ownRows]),
    }));
    return { source: 'MODEL', items, totalCount: eligible };
  }

  private async byFallback(
    own: string[],
    activity: FolloweeActivity,
    q: { offset: number; limit: number; categoryId?: string },
  ): Promise<Omit<RecommendationPage, 'modelVersion'>> {
    const mine = new Set(own);
    const favourites = activity.slice(0, FALLBACK_POOL);
    const [favProducts, ownProducts] = await Promise.all([
      this.store.products.get(favourites.map((f) => f.productId)),
      this.store.products.get(own),
    ]);
    const categories = q.categoryId ? [q.categoryId] : topCategories(ownProducts);
    const popular = categories.length
      ? (await this.store.products.inCategories(categories, 'MOST_REVIEWED', { offset: 0, limit: FALLBACK_POOL })).flatMap((s) => s.items)
      : (await this.store.products.list({ filter: {}, sort: 'MOST_REVIEWED', page: { offset: 0, limit: FALLBACK_POOL } })).items;
    const candidates = new Map<string, { product: Product; followees: number }>();
    favProducts.forEach((p, k) => p && candidates.set(p.id, { product: p, followees: favourites[k].followeeIds.length }));
    for (const p of popular) if (!candidates.has(p.id)) candidates.set(p.id, { product: p, followees: 0 });
    const maxReviews = Math.max(1, ...[...candidates.values()].map((c) => c.product.reviewCount));
    // Followees dominate; popularity (scaled below 1) orders products with as many followees.
    const ranked = [...candidates.values()]
      .filter((c) => !mine.has(c.product.id) && (!q.categoryId || c.product.categoryId === q.categoryId))
      .map((c) => ({ productId: c.product.id, score: c.followees + c.product.reviewCount / (maxReviews + 1) }))
      .sort((a, b) => b.score - a.score || (a.productId < b.productId ? -1 : 1));
    const items = ranked.slice(q.offset, q.offset + q.limit).map((r) => ({ ...r, followees: [], resembles: [] }));
    return { source: 'FALLBACK', items, totalCount: ranked.length };
  }
}

/** The user's products closest (cosine) to product row `p`. */
function resembling(m: PublishedRecommender, p: number, ownRows: number[]): string[] {
  const cos = new Map(ownRows.map((o) => [o, cosine(m, p, o)]));
  return [...ownRows]
    .sort((a, b) => cos.get(b)! - cos.get(a)!)
    .slice(0, RESEMBLES)
    .map((o) => m.productIds[o]);
}

function standardDeviation(xs: Float32Array, include: (i: number) => boolean): number {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!include(i)) continue;
    n++;
    sum += xs[i];
    sumSq += xs[i] * xs[i];
  }
  return n > 1 ? Math.sqrt(Math.max(0, sumSq / n - (sum / n) ** 2)) : 0;
}

function topCategories(products: (Product | null)[], n = 3): string[] {
  const counts = new Map<string, number>();
  for (const p of products) if (p) counts.set(p.categoryId, (counts.get(p.categoryId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, n).map(([c]) => c);
}
