/**
 * The recommender's training data from a store snapshot: dense indices for users and products,
 * one (user, product) pair per reviewed or shared product, and the follow edges as trust pairs.
 */
import { createHash } from 'node:crypto';
import type { Follow } from '../../src/domain/follow';
import type { TrainingStore } from '../../src/store/contract';
import type { PairList } from './offline/split';
import { Interner } from '../core/graph/interner';

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
  const trust = await readTrust(store, users, (f) => hash.update(`${f.followerId}>${f.followeeId}\n`));
  return {
    userIds: users.ids,
    products,
    interactions: { a: Int32Array.from(iu), b: Int32Array.from(ip) },
    trust,
    snapshot: {
      source,
      sha256: hash.digest('hex'),
      counts: { users: users.ids.length, products: products.length, interactions: iu.length, follows: trust.a.length },
    },
  };
}

/** The follow edges between `users` as (follower, followee) index pairs, each edge also told to `seen`. */
export async function readTrust(store: TrainingStore, users: Interner, seen: (f: Follow) => void = () => {}): Promise<PairList> {
  const a: number[] = [];
  const b: number[] = [];
  for await (const batch of store.snapshot.follows()) {
    for (const f of batch) {
      const follower = users.get(f.followerId);
      const followee = users.get(f.followeeId);
      if (follower === undefined || followee === undefined) continue;
      a.push(follower);
      b.push(followee);
      seen(f);
    }
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b) };
}
