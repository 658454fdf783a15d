/**
 * The recommender's view of the graph: dense indices for users and products, one (user, product)
 * pair per reviewed or publicly shared product (the first, in snapshot order), and the follow
 * edges as trust pairs. Followers-only and direct shares are left out: a model trained on them
 * would let them show through in what others are recommended.
 */
import type { GraphSnapshot } from '../core/snapshot';

/** Parallel id arrays: pair k is (a[k], b[k]). */
export interface PairList {
  a: Int32Array;
  b: Int32Array;
}

export interface RecommendGraph {
  userIds: string[];
  products: { id: string; categoryId: string }[];
  interactions: PairList;
  trust: PairList;
}

export function recommendGraph(s: GraphSnapshot): RecommendGraph {
  const numProducts = s.products.ids.length;
  const seen = new Set<number>();
  const iu: number[] = [];
  const ip: number[] = [];
  for (const { user, product, public: visible } of s.actions) {
    if (!visible) continue;
    const key = user * numProducts + product;
    if (seen.has(key)) continue;
    seen.add(key);
    iu.push(user);
    ip.push(product);
  }
  return {
    userIds: s.users.ids,
    products: s.products.ids.map((id, p) => ({ id, categoryId: s.categories.ids[s.productCategory[p]] })),
    interactions: { a: Int32Array.from(iu), b: Int32Array.from(ip) },
    trust: followPairs(s),
  };
}

/** Follow edges as (follower, followee) index pairs. */
export function followPairs(s: GraphSnapshot): PairList {
  return { a: Int32Array.from(s.follows, (f) => f.from), b: Int32Array.from(s.follows, (f) => f.to) };
}
