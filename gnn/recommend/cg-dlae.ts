/**
 * DLAE's dual form (dlae.ts) without K⁻¹: score(u, ·) = −(K⁻¹X)_u = −z_u X with z_u = K⁻¹e_u
 * solved by conjugate gradients on K = I + XΛ⁻¹Xᵀ (core/linalg/gram-solver.ts), a block of users
 * at a time. The same scores as the exact form to CG's tolerance, in memory linear in X (X, Λ⁻¹ and
 * a few [U, B] blocks) where K⁻¹ takes U²: the form for graphs past EXACT_MAX_USERS (dlae-form.ts).
 * Time: 10-15 products with K per block of users, each two passes over X's entries per user
 * of the block (bench/dlae-cg.ts), then the block's scores −ZᵀX in one more pass, in the kernel
 * too; blocks are solved and scored on every core (core/linalg/gram-solver-pool.ts).
 * Serving solves one column per request the same way for a user
 * whose products changed (user-scores.ts); nothing per user is published beyond X and Λ⁻¹.
 * Truncating the rows z_u to publish them does not work: kept to their 128 largest entries they
 * cost the blend 9-14% of Ciao's validation Recall@20 (docs/recommend.md), since the many small
 * entries of z_u are what corrects for popular items.
 */
import * as tf from '@tensorflow/tfjs';
import { buildCsr, type Csr } from '../core/graph/csr';
import { solutionColumn } from '../core/linalg/gram-solver';
import { GramSolverPool } from '../core/linalg/gram-solver-pool';
import { addUserRows, dlaePenalty, type DlaeHyperParams, type DlaeMatrix } from './dlae';
import type { PairList } from './graph';

/** Solved rows kept, in floats (512 MB), by a fit whose users are scored more than once. */
const KEPT_FLOATS = 2 ** 27;

export class CgDlae implements DlaeMatrix {
  readonly byUser: Csr;
  readonly byItem: Csr;
  readonly lambdaInv: Float32Array;
  readonly solver: GramSolverPool;
  /** z_u of users already solved, while they fit in KEPT_FLOATS. */
  private readonly kept = new Map<number, Float32Array>();

  /**
   * `keepSolved`: keep solved rows for the next time the same users are scored (validation ranks
   * its users once per blend weight); a fit that scores each user once (ranking a test set,
   * publishing top lists) would only hold memory with them.
   */
  constructor(readonly numUsers: number, readonly numItems: number, interactions: PairList, readonly hp: DlaeHyperParams, private readonly keepSolved = false) {
    this.byUser = buildCsr(numUsers, interactions.a, interactions.b);
    this.byItem = buildCsr(numItems, interactions.b, interactions.a);
    this.lambdaInv = dlaePenalty(this.byItem, hp);
    this.solver = new GramSolverPool(this.byItem, this.lambdaInv, numUsers);
  }

  /** Scores of every item for `users`, [users.length, numItems]: −z_u X per user, solved a block at a time. */
  score(users: Int32Array): tf.Tensor2D {
    const { numUsers, numItems, solver, byUser, kept } = this;
    const out = new Float32Array(users.length * numItems);
    const scores = (r: number) => out.subarray(r * numItems, (r + 1) * numItems);
    const unsolved: number[] = [];
    users.forEach((u, r) => {
      const z = kept.get(u);
      if (z) addUserRows(scores(r), byUser, z, 0, 1, -1);
      else unsolved.push(r);
    });
    // Even blocks: 53 users as 27 + 26, not 40 + 13 (a narrow block costs more per user).
    const size = Math.ceil(unsolved.length / Math.ceil(unsolved.length / solver.block));
    const blocks = Array.from({ length: Math.ceil(unsolved.length / size) }, (_, k) => unsolved.slice(k * size, (k + 1) * size));
    // Each block comes back with its users' scores −z_uᵀX, computed by the thread that solved it.
    solver.solveAll(
      blocks.map((block) => block.map((r) => [[users[r], 1] as const])),
      (k, solution) =>
        blocks[k].forEach((r, b) => {
          scores(r).set(solution.projected!.subarray(b * numItems, (b + 1) * numItems));
          if (this.keepSolved && (kept.size + 1) * numUsers <= KEPT_FLOATS) kept.set(users[r], solutionColumn(solution, b));
        }),
      -1,
    );
    return tf.tensor2d(out, [users.length, numItems]);
  }
}
