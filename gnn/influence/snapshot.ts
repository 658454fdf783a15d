/** Reads the whole graph from the store's streaming snapshot into an ActivityLog (reviews and shares are both actions). */
import type { TrainingStore } from '../../src/store/contract';
import { Interner } from '../core/graph/interner';
import { buildActivityLog, type ActivityLog, type RawActivity } from '../core/activity-log';

export async function readSnapshot(store: TrainingStore): Promise<ActivityLog> {
  const raw: RawActivity = { users: new Interner(), products: new Interner(), categories: new Interner(), productCategory: [], actions: [], follows: [] };
  for await (const batch of store.snapshot.users()) for (const u of batch) raw.users.of(u.id);
  for await (const batch of store.snapshot.products()) {
    for (const p of batch) raw.productCategory[raw.products.of(p.id)] = raw.categories.of(p.categoryId);
  }
  for await (const batch of store.snapshot.interactions()) {
    for (const r of batch) {
      const product = raw.products.get(r.productId);
      const user = raw.users.get(r.userId);
      if (product === undefined || user === undefined) continue; // written after the product/user pages were read
      raw.actions.push({ user, product, at: r.at });
    }
  }
  for await (const batch of store.snapshot.follows()) {
    for (const f of batch) {
      const from = raw.users.get(f.followerId);
      const to = raw.users.get(f.followeeId);
      if (from !== undefined && to !== undefined) raw.follows.push({ from, to, since: f.since });
    }
  }
  return buildActivityLog(raw);
}
