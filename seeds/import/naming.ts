/**
 * Store ids, handles and names for a dataset's rows: the dataset's own ids behind a prefix
 * (`ciao:u:123`), so re-importing finds the same rows and two datasets never collide.
 */
import type { User } from '../../src/domain/user';
import type { EarliestTimes } from './earliest';

/** Dataset ids the importers accept: short enough that `<dataset>_<id>` is a valid handle (3-30 chars). */
export const DATASET_ID = /^\d{1,20}$/;

export class DatasetNaming {
  constructor(
    /** Lower-case id prefix and handle stem, e.g. "ciao". */
    private readonly key: string,
    /** Shown in display names, e.g. "Ciao". */
    private readonly label: string,
  ) {}

  user(id: string): string {
    return `${this.key}:u:${id}`;
  }

  product(id: string): string {
    return `${this.key}:p:${id}`;
  }

  category(id: string): string {
    return `${this.key}:c:${id}`;
  }

  /** One review per (user, product), so the pair is the review's identity. */
  review(user: string, product: string): string {
    return `${this.key}:r:${user}:${product}`;
  }

  /** The dataset's users, joined at their first activity (no dataset has sign-up dates). */
  *users(firstActivity: EarliestTimes): Generator<User> {
    for (const id of firstActivity.keys()) {
      yield { id: this.user(id), handle: `${this.key}_${id}`, displayName: `${this.label} user ${id}`, bio: '', joinedAt: firstActivity.get(id)! };
    }
  }
}
