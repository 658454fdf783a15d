/**
 * Which DLAE form a fit uses: the exact dual form (dlae.ts) while its users × users K⁻¹ fits —
 * EXACT_MAX_USERS users is a 400 MB K⁻¹ and a 1.3·10¹² flop inverse per fit — and conjugate
 * gradients (cg-dlae.ts), the same scores in memory linear in the data, past that, or when forced
 * (to compare the two where both fit: bench/dlae-form-blend.ts).
 */
import { CgDlae } from './cg-dlae';
import { Dlae, type DlaeHyperParams } from './dlae';
import type { PairList } from './graph';

export const EXACT_MAX_USERS = 10_000;

export const DLAE_FORMS = ['exact', 'cg'] as const;
export type DlaeForm = (typeof DLAE_FORMS)[number];

export type FittedDlae = Dlae | CgDlae;

/** The form a fit over `numUsers` users uses: `forced`, or the size decides. */
export function dlaeForm(numUsers: number, forced?: DlaeForm): DlaeForm {
  return forced ?? (numUsers <= EXACT_MAX_USERS ? 'exact' : 'cg');
}

/** `rescored`: the same users will be scored more than once (the CG form then keeps what it solved). */
export function fitDlae(numUsers: number, numItems: number, interactions: PairList, hp: DlaeHyperParams, forced?: DlaeForm, rescored = false): FittedDlae {
  return dlaeForm(numUsers, forced) === 'exact' ? new Dlae(numUsers, numItems, interactions, hp) : new CgDlae(numUsers, numItems, interactions, hp, rescored);
}
