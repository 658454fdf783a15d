import type { UserSignals } from '../../src/store/contract';

/** A user's signals, and the followee activity of some products alone (what a page of model answers names). */
export interface ServedSignals extends UserSignals {
  /** `activity` restricted to these products, grouped the same way. */
  activityOf(productIds: readonly string[]): UserSignals['activity'];
}
