/**
 * Recommendations as the API serves them, from the user's signals (signals.ts: own products,
 * followees, followee activity). With a published model: every product is scored as the offline
 * evaluation scored it, with what the user did since training folded in (user-scores.ts), and
 * products the user already reviewed or shared are never returned. Before any model exists, or
 * for a user the model knows nothing about, a fallback ranks what the people they follow engaged with, then what is
 * popular in their categories. Every answer says which source produced it, and each item carries
 * its reasons: the followed users who reviewed or shared it, and (from the model) the user's own
 * products it most resembles.
 */
import { NotFoundError } from '../../src/domain/errors';
import type { Product } from '../../src/domain/product';
import type { Store, UserSignals } from '../../src/store/contract';
import { LiveModel } from '../core/live-model';
import { userScores } from './user-scores';
import { asTrained } from './fold-in';
import { buildPublishedRecommender, type PublishedRecommender } from './published';
import type { ServedSignals } from './served-signals';
import { SignalSource } from './signals';
import { cosine, cosineAll } from './similarity';
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

type FolloweeActivity = UserSignals['activity'];
const FALLBACK_POOL = 200;

export class Recommender {
  readonly live: LiveModel<PublishedRecommender>;
  private readonly signals: SignalSource;

  constructor(
    private readonly store: Store,
    live?: LiveModel<PublishedRecommender>,
  ) {
    this.live = live ?? new LiveModel(store, 'recommend', buildPublishedRecommender);
    this.signals = new SignalSource(store);
  }

  async forUser(userId: string, q: { offset: number; limit: number; categoryId?: string }): Promise<RecommendationPage> {
    const [signals, loaded] = await Promise.all([this.signals.forUser(userId), this.live.get()]);
    if (!signals) throw new NotFoundError('User', userId);
    // `activity` (all the followees engaged with) is grouped only if the fallback needs it.
    const page = (loaded && (await this.byModel(loaded.value, userId, signals, q))) || (await this.byFallback(signals.productIds, signals.activity, q));
    const byProduct = new Map(page.items.map((i) => [i.productId, i]));
    for (const a of signals.activityOf([...byProduct.keys()])) {
      const item = byProduct.get(a.productId);
      if (item) item.followees = a.followeeIds;
    }
    return { ...page, modelVersion: page.source === 'MODEL' ? loaded!.run.version : null };
  }

  async similarProducts(productId: string, limit: number): Promise<{ source: RecommendationSource; items: SimilarProduct[] }> {
    const loaded = await this.live.get();
    const row = loaded?.value.productRow.get(productId);
    if (loaded && row !== undefined) {
      const m = loaded.value;
      const scores = cosineAll(m, row);
      const others = new Uint8Array(scores.length).fill(1);
      others[row] = 0;
      const { indices } = topK(scores, limit, others);
      return { source: 'MODEL', items: indices.map((i) => ({ productId: m.productIds[i], score: scores[i] })) };
    }
    const [product] = await this.store.products.get([productId]);
    if (!product) throw new NotFoundError('Product', productId);
    const [same] = await this.store.products.inCategories([product.categoryId], 'MOST_REVIEWED', { offset: 0, limit: limit + 1 });
    const items = same.items.filter((p) => p.id !== productId).slice(0, limit);
    return { source: 'FALLBACK', items: items.map((p) => ({ productId: p.id, score: p.reviewCount })) };
  }

  /**
   * The model's scores as evaluated offline (user-scores.ts), the user's own products left out;
   * null when the model knows nothing to go on. A user the model was trained on whose products and
   * follows are unchanged gets the scores of their published top list (top-lists.ts), the same
   * numbers, without scoring the catalogue. Social proof is in the model (trust edges in the GNN's
   * graph), not added here: a boost the offline evaluation never saw would serve something else
   * than what was measured.
   */
  private async byModel(m: PublishedRecommender, userId: string, signals: ServedSignals, q: { offset: number; limit: number; categoryId?: string }): Promise<Omit<RecommendationPage, 'modelVersion'> | null> {
    const ownRows = [...new Set(signals.productIds.flatMap((id) => m.productRow.get(id) ?? []))];
    const page = (rows: number[], scoreOf: (k: number) => number, totalCount: number) => ({
      source: 'MODEL' as const,
      // `resembles` is worked out when read: only queries asking for `similarTo` pay for it.
      items: rows.map((p, k): Recommendation => ({
        productId: m.productIds[p],
        score: scoreOf(k),
        followees: [],
        get resembles() {
          return resembling(m, p, ownRows);
        },
      })),
      totalCount,
    });
    const row = m.userRow.get(userId);
    const list = row === undefined ? undefined : m.topLists[row];
    const eligibleCount = m.productIds.length - ownRows.length;
    if (list && q.categoryId === undefined && (q.offset + q.limit <= list.rows.length || list.rows.length === eligibleCount) && asTrained(m, row!, signals.productIds, signals.followeeIds)) {
      const end = Math.min(list.rows.length, q.offset + q.limit);
      return page(Array.from(list.rows.subarray(q.offset, end)), (k) => list.scores[q.offset + k], eligibleCount);
    }
    const scores = await userScores(m, userId, signals.productIds, signals.followeeIds);
    if (!scores) return null;
    const { indices, eligible: count } = topK(scores, q.offset + q.limit, eligibleRows(m, ownRows, q.categoryId));
    const rows = indices.slice(q.offset);
    return page(rows, (k) => scores[rows[k]], count);
  }

  private async byFallback(
    own: string[],
    activity: FolloweeActivity,
    q: { offset: number; limit: number; categoryId?: string },
  ): Promise<Omit<RecommendationPage, 'modelVersion'>> {
    const mine = new Set(own);
    // The products most followees engaged with (ties by id, so the pool is deterministic).
    const favourites = [...activity]
      .sort((a, b) => b.followeeIds.length - a.followeeIds.length || (a.productId < b.productId ? -1 : 1))
      .slice(0, FALLBACK_POOL);
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

/** 1 for the products a user may be recommended: not their own, and in the category asked for. */
function eligibleRows(m: PublishedRecommender, ownRows: number[], categoryId: string | undefined): Uint8Array {
  const eligible = new Uint8Array(m.productIds.length);
  if (categoryId === undefined) eligible.fill(1);
  else {
    const c = m.categories.get(categoryId);
    for (let p = 0; p < eligible.length; p++) eligible[p] = m.productCategory[p] === c ? 1 : 0;
  }
  for (const o of ownRows) eligible[o] = 0;
  return eligible;
}

/** The user's products closest (cosine) to product row `p`, best first (ties: the earlier one). */
function resembling(m: PublishedRecommender, p: number, ownRows: number[]): string[] {
  const best: { row: number; cos: number }[] = [];
  for (const row of ownRows) {
    const cos = cosine(m, p, row);
    let k = best.length;
    while (k > 0 && best[k - 1].cos < cos) k--;
    if (k >= RESEMBLES) continue;
    best.splice(k, 0, { row, cos });
    if (best.length > RESEMBLES) best.pop();
  }
  return best.map((b) => m.productIds[b.row]);
}

function topCategories(products: (Product | null)[], n = 3): string[] {
  const counts = new Map<string, number>();
  for (const p of products) if (p) counts.set(p.categoryId, (counts.get(p.categoryId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, n).map(([c]) => c);
}
