/**
 * Every user's recommendation signals at once, in memory: what `store.network.signals` answers,
 * without its per-request traversal. On LadybugDB that traversal costs a scan per hop (the
 * engine joins by scanning the far table), 10-100 ms per request on Ciao; here it is a few
 * array reads. Built from one pass over the graph; SignalSource (signals.ts) decides when it is
 * current.
 */
import type { Store, UserSignals } from '../../src/store/contract';
import type { ServedSignals } from './served-signals';
import { groupActivity, type ActivityEvent } from '../../src/store/signals';
import { buildCsr, rowOf, type Csr } from '../core/graph/csr';
import type { Interner } from '../core/graph/interner';
import { NO_PATCH, type SignalPatch } from './signal-patch';
import { readSnapshot } from '../core/snapshot';
import { followPairs } from './graph';

/** Where each owner's rows go when rows are grouped by owner (a counting sort): owner o's are `start[o] .. start[o + 1]`. */
function groupBy(numOwners: number, owner: number[]): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(numOwners + 1);
  for (const o of owner) start[o + 1]++;
  for (let o = 0; o < numOwners; o++) start[o + 1] += start[o];
  const fill = start.slice(0, numOwners);
  const order = new Int32Array(owner.length);
  owner.forEach((o, k) => (order[fill[o]++] = k));
  return { start, order };
}

export class SignalIndex {
  private constructor(
    private readonly users: Interner,
    private readonly products: Interner,
    /** user → products they reviewed or shared */
    private readonly own: Csr,
    /** user → users they follow */
    private readonly follows: Csr,
    /** author → their reviews: (product, at) rows grouped by author */
    private readonly reviews: { start: Int32Array; product: Int32Array; at: Float64Array },
    /** viewer → the shares they may see from people they follow: (followee, product, at) rows grouped by viewer */
    private readonly shares: { start: Int32Array; followee: Int32Array; product: Int32Array; at: Float64Array },
  ) {}

  static async build(store: Store): Promise<SignalIndex> {
    const snapshot = await readSnapshot(store);
    const { users, products } = snapshot;
    const reviewed = snapshot.actions.filter((a) => a.kind === 'review');
    const reviews = { author: reviewed.map((a) => a.user), product: reviewed.map((a) => a.product), at: reviewed.map((a) => a.at) };
    const trust = followPairs(snapshot);
    const shares = { viewer: [] as number[], followee: [] as number[], product: [] as number[], at: [] as number[] };
    for await (const batch of store.network.followeeShares()) {
      for (const s of batch) {
        const v = users.get(s.viewerId);
        const f = users.get(s.followeeId);
        if (v === undefined || f === undefined) continue;
        shares.viewer.push(v);
        shares.followee.push(f);
        shares.product.push(products.of(s.productId));
        shares.at.push(s.at);
      }
    }
    const n = users.ids.length;
    const byAuthor = groupBy(n, reviews.author);
    const byViewer = groupBy(n, shares.viewer);
    const ints = (order: Int32Array, column: number[]) => Int32Array.from(order, (k) => column[k]);
    const times = (order: Int32Array, column: number[]) => Float64Array.from(order, (k) => column[k]);
    return new SignalIndex(
      users,
      products,
      buildCsr(n, Int32Array.from(snapshot.actions, (a) => a.user), Int32Array.from(snapshot.actions, (a) => a.product)),
      buildCsr(n, trust.a, trust.b),
      { start: byAuthor.start, product: ints(byAuthor.order, reviews.product), at: times(byAuthor.order, reviews.at) },
      {
        start: byViewer.start,
        followee: ints(byViewer.order, shares.followee),
        product: ints(byViewer.order, shares.product),
        at: times(byViewer.order, shares.at),
      },
    );
  }

  /** Whom the user follows, as the index has it; null for a user it does not know. */
  followeeIds(userId: string): string[] | null {
    const u = this.users.get(userId);
    return u === undefined ? null : this.followees(u);
  }

  private followees(u: number): string[] {
    return Array.from(rowOf(this.follows, u), (f) => this.users.ids[f]);
  }

  /**
   * The same answer as `store.network.signals(userId)` on the graph the index was built from, with
   * `patch` (what changed since, signal-patch.ts) applied. Its `activity` is grouped when first
   * read: a model answer needs only `activityOf` its page's products, and heavy users' followees
   * engaged with 10-30k products on Ciao.
   */
  signals(userId: string, patch: SignalPatch = NO_PATCH): ServedSignals | null {
    const u = this.users.get(userId);
    if (u === undefined) return null;
    const followeeIds = patch.followeeIds ?? this.followees(u);
    const grouped = (only?: Set<string>) => groupActivity(this.events(u, followeeIds, patch, only));
    let activity: UserSignals['activity'] | undefined;
    const own = new Set(Array.from(rowOf(this.own, u), (p) => this.products.ids[p]));
    // The caller sends a user whose own review was deleted to the store: a share may keep the product theirs.
    for (const [productId, at] of patch.reviews.get(userId) ?? []) if (at !== null) own.add(productId);
    for (const s of patch.shares) if (s.sharerId === userId) own.add(s.productId);
    return {
      productIds: [...own],
      followeeIds,
      get activity() {
        return (activity ??= grouped());
      },
      activityOf: (productIds) => grouped(new Set(productIds)),
    };
  }

  /** The reviews of the followees (patched) and the shares u may see from them, of the products `only` (default: all). */
  private events(u: number, followeeIds: readonly string[], patch: SignalPatch, only?: Set<string>): ActivityEvent[] {
    const productIds = this.products.ids;
    const events: ActivityEvent[] = [];
    const { reviews, shares } = this;
    const wanted = (productId: string) => !only || only.has(productId);
    for (const followeeId of followeeIds) {
      const f = this.users.get(followeeId);
      const changed = patch.reviews.get(followeeId);
      // A followee who joined since the build has no rows: their reviews are all in the patch.
      if (f !== undefined) {
        for (let k = reviews.start[f]; k < reviews.start[f + 1]; k++) {
          const productId = productIds[reviews.product[k]];
          if (wanted(productId) && !changed?.has(productId)) events.push({ followeeId, productId, at: reviews.at[k] });
        }
      }
      for (const [productId, at] of changed ?? []) if (at !== null && wanted(productId)) events.push({ followeeId, productId, at });
    }
    // The rows hold the followees of the build; after a follow or unfollow only current ones count.
    const current = patch.followeeIds && new Set(patch.followeeIds);
    for (let k = shares.start[u]; k < shares.start[u + 1]; k++) {
      const productId = productIds[shares.product[k]];
      const followeeId = this.users.ids[shares.followee[k]];
      if (wanted(productId) && (!current || current.has(followeeId))) events.push({ followeeId, productId, at: shares.at[k] });
    }
    if (patch.shares.length) {
      const followed = current ?? new Set(followeeIds);
      for (const s of patch.shares) if (followed.has(s.sharerId) && wanted(s.productId)) events.push({ followeeId: s.sharerId, productId: s.productId, at: s.at });
    }
    return events;
  }
}
