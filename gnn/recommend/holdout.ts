/**
 * Validation carved from training data only: each user's interactions are shuffled (seeded)
 * and a `fraction` of them held out; every user keeps at least one training interaction.
 */
import { buildCsr, rowOf } from '../core/graph/csr';
import type { PairList } from './graph';
import type { Random } from '../core/random';

export function holdOut(pairs: PairList, numUsers: number, fraction: number, rng: Random): { fit: PairList; validation: PairList } {
  const byUser = buildCsr(numUsers, pairs.a, pairs.b);
  const fit: [number[], number[]] = [[], []];
  const validation: [number[], number[]] = [[], []];
  for (let u = 0; u < numUsers; u++) {
    const items = rng.shuffle(Int32Array.from(rowOf(byUser, u)));
    const held = Math.min(items.length - 1, Math.round(items.length * fraction));
    items.forEach((item, k) => {
      const target = k < held ? validation : fit;
      target[0].push(u);
      target[1].push(item);
    });
  }
  return {
    fit: { a: Int32Array.from(fit[0]), b: Int32Array.from(fit[1]) },
    validation: { a: Int32Array.from(validation[0]), b: Int32Array.from(validation[1]) },
  };
}

/** Pairs of at most `maxUsers` distinct users (a seeded sample), to keep repeated validation cheap. */
export function sampleUsers(pairs: PairList, maxUsers: number, rng: Random): PairList {
  const users = [...new Set(pairs.a)];
  if (users.length <= maxUsers) return pairs;
  const keep = new Set(rng.shuffle(Int32Array.from(users)).subarray(0, maxUsers));
  const idx = pairs.a.reduce<number[]>((acc, u, k) => (keep.has(u) ? (acc.push(k), acc) : acc), []);
  return { a: Int32Array.from(idx, (k) => pairs.a[k]), b: Int32Array.from(idx, (k) => pairs.b[k]) };
}
