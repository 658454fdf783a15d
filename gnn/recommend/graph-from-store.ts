/**
 * The recommender's training data from a store snapshot: dense indices for users and products,
 * one (user, product) pair per reviewed or shared product, and the follow edges as trust pairs.
 */
import { createHash } from 'node:crypto';
import type { TrainingStore } from '../../src/store/contract';
import type { PairList } from '../dataset/split';
import { Interner } from '../graph/interner';

export interface RecommendGraph {
  userIds: string[];
  products: { id: string; categoryId: string }[];
  interactions: PairList;
  trust: PairList;
  /** Identifies the data a model was trained on: counts plus a hash of the pairs. */
  snapshot: { source: string; sha256: string; counts: Record<string, number> };
}

export async function readRecommendGraph(store: TrainingStore, source: string): Promise<RecommendGraph> {
  const users = new Interner();
  for await (const batch of store.snapshot.users()) for (const u of batch) users.of(u.id);
  const productIndex = new Interner();
  const products: { id: string; categoryId: string }[] = [];
  for await (const batch of store.snapshot.products()) for (const p of batch) products[productIndex.of(p.id)] = p;

  const hash = createHash('sha256');
  const seen = new Set<number>();
  const iu: number[] = [];
  const ip: number[] = [];
  for await (const batch of store.snapshot.interactions()) {
    for (const row of batch) {
      const u = users.get(row.userId);
      const p = productIndex.get(row.productId);
      if (u === undefined || p === undefined) continue;
      const key = u * products.length + p;
      if (seen.has(key)) continue;
      seen.add(key);
      iu.push(u);
      ip.push(p);
      hash.update(`${row.userId}\t${row.productId}\n`);
    }
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for await (const batch of store.snapshot.follows()) {
    for (const f of batch) {
      const a = users.get(f.followerId);
      const b = users.get(f.followeeId);
      if (a === undefined || b === undefined) continue;
      ta.push(a);
      tb.push(b);
      hash.update(`${f.followerId}>${f.followeeId}\n`);
    }
  }
  return {
    userIds: users.ids,
    products,
    interactions: { a: Int32Array.from(iu), b: Int32Array.from(ip) },
    trust: { a: Int32Array.from(ta), b: Int32Array.from(tb) },
    snapshot: {
      source,
      sha256: hash.digest('hex'),
      counts: { users: users.ids.length, products: products.length, interactions: iu.length, follows: ta.length },
    },
  };
}
