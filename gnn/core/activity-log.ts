/**
 * The data every influence computation reads: who acted on which product when (reviews and
 * shares alike), product categories, and who follows whom since when. Entities are dense
 * indices into the id arrays; times are epoch milliseconds; actions are sorted by time.
 * Built from a GraphSnapshot (snapshot.ts: the store's, or the Ciao CSVs read by ciao.ts).
 */
import type { GraphSnapshot } from './snapshot';

export interface ActivityLog {
  userIds: string[];
  productIds: string[];
  categoryIds: string[];
  /** Category index of each product. */
  productCategory: Int32Array;
  actUser: Int32Array;
  actProduct: Int32Array;
  actTime: Float64Array;
  /** follower → followee, followed since (−Infinity when the source has no follow times). */
  followFrom: Int32Array;
  followTo: Int32Array;
  followSince: Float64Array;
}

export const DAY_MS = 86_400_000;

/** Freezes a snapshot into an ActivityLog, sorting actions by time (stable, so ties keep input order) and dropping self-follows. */
export function buildActivityLog(raw: GraphSnapshot): ActivityLog {
  const actions = [...raw.actions].sort((a, b) => a.at - b.at);
  const follows = raw.follows.filter((f) => f.from !== f.to);
  return {
    userIds: raw.users.ids,
    productIds: raw.products.ids,
    categoryIds: raw.categories.ids,
    productCategory: Int32Array.from(raw.productCategory),
    actUser: Int32Array.from(actions, (a) => a.user),
    actProduct: Int32Array.from(actions, (a) => a.product),
    actTime: Float64Array.from(actions, (a) => a.at),
    followFrom: Int32Array.from(follows, (f) => f.from),
    followTo: Int32Array.from(follows, (f) => f.to),
    followSince: Float64Array.from(follows, (f) => f.since),
  };
}

/** Users with at least one action strictly before `time`, ascending by index. */
export function activeBefore(log: ActivityLog, time: number): Int32Array {
  const seen = new Uint8Array(log.userIds.length);
  for (let k = 0; k < log.actTime.length && log.actTime[k] < time; k++) seen[log.actUser[k]] = 1;
  const out: number[] = [];
  seen.forEach((s, u) => s && out.push(u));
  return Int32Array.from(out);
}

/** Parses "YYYY-MM-DD" as UTC midnight, in epoch ms. */
export function parseDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!Number.isFinite(t)) throw new Error(`expected a date YYYY-MM-DD, got "${text}"`);
  return t;
}
