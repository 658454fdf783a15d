/**
 * Which DLAE form a fit uses: the exact dual form (dlae.ts) while its users × users K⁻¹ fits —
 * EXACT_MAX_USERS users is a 400 MB K⁻¹ and a 1.3·10¹² flop inverse per fit — and the bounded
 * neighbourhood form (local-dlae.ts) past that, or when forced with a neighbour count (to measure
 * what it costs on validation where the exact form also fits: docs/recommend.md).
 */
import { Dlae, type DlaeHyperParams } from './dlae';
import type { PairList } from './graph';
import { LocalDlae } from './local-dlae';

export const EXACT_MAX_USERS = 10_000;
/**
 * Neighbours per user of the bounded form when the size picks it. On Ciao's validation the form
 * costs the blend 8% of Recall@20 at 128 and still 6% at 512 for 4× the time
 * (bench/dlae-bounded-blend.ts), so more neighbours are not worth it.
 */
export const DEFAULT_NEIGHBOURS = 128;

export type FittedDlae = Dlae | LocalDlae;

/** `neighbours`: 0 lets the size decide; k > 0 forces the bounded form with k neighbours. */
export function dlaeNeighbours(numUsers: number, neighbours = 0): number | null {
  if (neighbours > 0) return neighbours;
  return numUsers <= EXACT_MAX_USERS ? null : DEFAULT_NEIGHBOURS;
}

export function fitDlae(numUsers: number, numItems: number, interactions: PairList, hp: DlaeHyperParams, neighbours = 0): FittedDlae {
  const k = dlaeNeighbours(numUsers, neighbours);
  return k === null ? new Dlae(numUsers, numItems, interactions, hp) : new LocalDlae(numUsers, numItems, interactions, hp, k);
}
