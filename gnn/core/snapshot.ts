/**
 * The graph as every model kind reads it: users, products with their categories, actions
 * (reviews and shares: who, what, when) and follows, interned to dense indices in the order the
 * source gave them. Read once from the store's streaming snapshot (or from dataset files, see
 * ciao.ts); each kind derives its own view from it (recommend/graph.ts, activity-log.ts,
 * forecast/communities/social-graph.ts).
 */
import { createHash } from 'node:crypto';
import type { TrainingStore } from '../../src/store/contract';
import { Interner } from './graph/interner';

export interface Action {
  user: number;
  product: number;
  kind: 'review' | 'share';
  /** Epoch ms. */
  at: number;
  /** Everyone may see it (contract.ts: InteractionRow.public). */
  public: boolean;
}

export interface FollowEdge {
  from: number;
  to: number;
  /** Epoch ms; −Infinity when the source has no follow times. */
  since: number;
}

export interface GraphSnapshot {
  users: Interner;
  products: Interner;
  categories: Interner;
  /** Category index of each product. */
  productCategory: number[];
  /** In source order. */
  actions: Action[];
  /** In source order, self-follows included (views that propagate drop them). */
  follows: FollowEdge[];
}

export function emptySnapshot(): GraphSnapshot {
  return { users: new Interner(), products: new Interner(), categories: new Interner(), productCategory: [], actions: [], follows: [] };
}

/** Rows naming a user or product that appeared after its page was read are skipped. */
export async function readSnapshot(store: TrainingStore): Promise<GraphSnapshot> {
  const s = emptySnapshot();
  for await (const batch of store.snapshot.users()) for (const u of batch) s.users.of(u.id);
  for await (const batch of store.snapshot.products()) {
    for (const p of batch) s.productCategory[s.products.of(p.id)] = s.categories.of(p.categoryId);
  }
  for await (const batch of store.snapshot.interactions()) {
    for (const r of batch) {
      const user = s.users.get(r.userId);
      const product = s.products.get(r.productId);
      if (user === undefined || product === undefined) continue;
      s.actions.push({ user, product, kind: r.kind === 'REVIEW' ? 'review' : 'share', at: r.at, public: r.public });
    }
  }
  for await (const batch of store.snapshot.follows()) {
    for (const f of batch) {
      const from = s.users.get(f.followerId);
      const to = s.users.get(f.followeeId);
      if (from !== undefined && to !== undefined) s.follows.push({ from, to, since: f.since });
    }
  }
  return s;
}

export function snapshotCounts(s: GraphSnapshot): Record<string, number> {
  return { users: s.users.ids.length, products: s.products.ids.length, actions: s.actions.length, follows: s.follows.length };
}

/** sha256 over everything read: identifies the data a model was trained on. */
export function fingerprint(s: GraphSnapshot): string {
  const h = createHash('sha256');
  for (const ids of [s.users.ids, s.products.ids, s.categories.ids]) h.update(`${ids.join('\n')}\n\n`);
  h.update(`${s.productCategory.join(',')}\n`);
  for (const a of s.actions) h.update(`${a.user},${a.product},${a.kind},${a.at},${a.public}\n`);
  for (const f of s.follows) h.update(`${f.from}>${f.to},${f.since}\n`);
  return h.digest('hex');
}
