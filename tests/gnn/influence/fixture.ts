/** A hand-checkable activity log for the influence unit tests. Times are in days. */
import { Interner } from '../../../gnn/core/graph/interner';
import { buildActivityLog, DAY_MS, type ActivityLog } from '../../../gnn/core/activity-log';

export interface TinyAction {
  user: string;
  product: string;
  day: number;
}

export function tinyLog(actions: TinyAction[], follows: [follower: string, followee: string, sinceDay?: number][], categoryOf: (product: string) => string = () => 'c1'): ActivityLog {
  const users = new Interner();
  const products = new Interner();
  const categories = new Interner();
  const productCategory: number[] = [];
  for (const a of actions) {
    users.of(a.user);
    productCategory[products.of(a.product)] = categories.of(categoryOf(a.product));
  }
  return buildActivityLog({
    users,
    products,
    categories,
    productCategory,
    actions: actions.map((a) => ({ user: users.of(a.user), product: products.of(a.product), kind: 'review' as const, at: a.day * DAY_MS, public: true })),
    follows: follows.map(([f, u, since]) => ({ from: users.of(f), to: users.of(u), since: since === undefined ? -Infinity : since * DAY_MS })),
  });
}
