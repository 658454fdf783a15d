/** Uniform BPR negatives: items the user has no training interaction with (rejection sampling). */
import { degree, hasEdge, type Csr } from '../core/graph/csr';
import type { Random } from '../core/random';

export function sampleNegative(positives: Csr, user: number, numItems: number, rng: Random): number {
  if (degree(positives, user) >= numItems) throw new Error(`user ${user} interacted with every item: no negative exists`);
  for (;;) {
    const item = rng.int(numItems);
    if (!hasEdge(positives, user, item)) return item;
  }
}
