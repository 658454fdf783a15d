/**
 * The crash test's record of what clients were told. Every acknowledged write is applied to an
 * expected graph; writes cut off by a crash are kept aside, because they may or may not have
 * committed. After each crash the stored graph must equal the expected one, except that each
 * cut-off write may be there whole or not at all.
 */
import { pairKey, type GraphState } from './graph-state';

export type Write =
  | { kind: 'writeReview'; authorId: string; productId: string; rating: number; title: string; body: string }
  | { kind: 'updateReview'; authorId: string; productId: string; reviewId: string; rating: number; title: string }
  | { kind: 'follow' | 'unfollow'; followerId: string; followeeId: string }
  | { kind: 'voteReviewHelpful'; voterId: string; reviewId: string }
  | { kind: 'shareProduct'; sharerId: string; productId: string; message: string }
  | { kind: 'updateProfile'; userId: string; bio: string };

export interface ExpectedReview {
  /** Unknown only for a cut-off write that is not resolved yet. */
  id?: string;
  authorId: string;
  productId: string;
  rating: number;
  title: string;
  body: string;
}

type Entity = { table: 'reviews' | 'follows' | 'votes' | 'shares' | 'profiles'; key: string };

export interface Reconciliation {
  /** Acknowledged writes whose effect is missing. */
  lost: string[];
  /** Stored state nobody wrote, or a cut-off write present only in part. */
  inconsistent: string[];
  /** Cut-off writes found committed. */
  committed: number;
}

export class Ledger {
  readonly reviews = new Map<string, ExpectedReview>();
  readonly follows = new Set<string>();
  readonly votes = new Set<string>();
  /** message -> `sharerId|productId` (each share's message is unique). */
  readonly shares = new Map<string, string>();
  readonly bios = new Map<string, string | null>();
  readonly acknowledged = new Map<Write['kind'], number>();
  readonly rejected = new Map<string, number>();
  cutOff = 0;
  cutOffCommitted = 0;
  private readonly pending: Write[] = [];
  /** Entities an acknowledged write has set, so a mismatch there is a lost write. */
  private readonly acked = new Set<string>();

  /** Starts from what is stored (the seed). */
  constructor(state: GraphState) {
    for (const [key, r] of state.reviews) this.reviews.set(key, { ...r });
    for (const key of state.follows) this.follows.add(key);
    for (const key of state.votes) this.votes.add(key);
    this.adoptMaps(state);
  }

  get acknowledgedTotal(): number {
    return [...this.acknowledged.values()].reduce((a, b) => a + b, 0);
  }

  acknowledge(write: Write, createdReviewId?: string): void {
    this.acknowledged.set(write.kind, (this.acknowledged.get(write.kind) ?? 0) + 1);
    this.apply(write, createdReviewId);
    const { table, key } = entityOf(write);
    this.acked.add(`${table}:${key}`);
  }

  reject(code: string): void {
    this.rejected.set(code, (this.rejected.get(code) ?? 0) + 1);
  }

  /** The server died before answering. */
  cutOffByCrash(write: Write): void {
    this.cutOff++;
    this.pending.push(write);
  }

  /** Compares the stored graph with the expectation, then adopts the stored graph. */
  reconcile(state: GraphState): Reconciliation {
    const out: Reconciliation = { lost: [], inconsistent: [], committed: 0 };
    const pendingFor = new Map(this.pending.map((w) => [entityKey(entityOf(w)), w]));
    const check = (entity: Entity, expected: unknown, stored: unknown, committedVersion: (w: Write) => unknown) => {
      if (sameValue(expected, stored)) return;
      const write = pendingFor.get(entityKey(entity));
      if (write && sameValue(committedVersion(write), stored)) {
        out.committed++;
        return;
      }
      const what = `${entity.table} ${entity.key}: expected ${JSON.stringify(expected)}, stored ${JSON.stringify(stored)}`;
      (this.acked.has(entityKey(entity)) ? out.lost : out.inconsistent).push(what);
    };

    for (const key of new Set([...this.reviews.keys(), ...state.reviews.keys()])) {
      const expected = this.reviews.get(key);
      check({ table: 'reviews', key }, reviewFields(expected), reviewFields(state.reviews.get(key)), (w) =>
        reviewFields(applyToReview(expected, w)),
      );
    }
    for (const [table, expected, stored] of [
      ['follows', this.follows, state.follows],
      ['votes', this.votes, state.votes],
    ] as const) {
      for (const key of new Set([...expected, ...stored])) {
        check({ table, key }, expected.has(key), stored.has(key), (w) => w.kind !== 'unfollow');
      }
    }

    for (const [table, expected, stored, committedVersion] of [
      ['shares', this.shares, state.shares, (w: Write) => (w.kind === 'shareProduct' ? pairKey(w.sharerId, w.productId) : undefined)],
      ['profiles', this.bios, state.bios, (w: Write) => (w.kind === 'updateProfile' ? w.bio : undefined)],
    ] as const) {
      for (const key of new Set([...expected.keys(), ...stored.keys()])) {
        check({ table, key }, expected.get(key) ?? null, stored.get(key) ?? null, committedVersion);
      }
    }

    this.cutOffCommitted += out.committed;
    this.pending.length = 0;
    this.reviews.clear();
    for (const [key, r] of state.reviews) this.reviews.set(key, { ...r });
    for (const [mine, stored] of [
      [this.follows, state.follows],
      [this.votes, state.votes],
    ]) {
      mine.clear();
      for (const key of stored) mine.add(key);
    }
    this.adoptMaps(state);
    return out;
  }

  private adoptMaps(state: GraphState): void {
    this.shares.clear();
    for (const [k, v] of state.shares) this.shares.set(k, v);
    this.bios.clear();
    for (const [k, v] of state.bios) this.bios.set(k, v);
  }

  private apply(write: Write, createdReviewId?: string): void {
    switch (write.kind) {
      case 'writeReview':
      case 'updateReview': {
        const key = pairKey(write.authorId, write.productId);
        const review = applyToReview(this.reviews.get(key), write)!;
        if (createdReviewId) review.id = createdReviewId;
        this.reviews.set(key, review);
        return;
      }
      case 'follow':
        this.follows.add(pairKey(write.followerId, write.followeeId));
        return;
      case 'unfollow':
        this.follows.delete(pairKey(write.followerId, write.followeeId));
        return;
      case 'voteReviewHelpful':
        this.votes.add(pairKey(write.voterId, write.reviewId));
        return;
      case 'shareProduct':
        this.shares.set(write.message, pairKey(write.sharerId, write.productId));
        return;
      case 'updateProfile':
        this.bios.set(write.userId, write.bio);
    }
  }
}

function entityOf(write: Write): Entity {
  switch (write.kind) {
    case 'writeReview':
    case 'updateReview':
      return { table: 'reviews', key: pairKey(write.authorId, write.productId) };
    case 'follow':
    case 'unfollow':
      return { table: 'follows', key: pairKey(write.followerId, write.followeeId) };
    case 'voteReviewHelpful':
      return { table: 'votes', key: pairKey(write.voterId, write.reviewId) };
    case 'shareProduct':
      return { table: 'shares', key: write.message };
    case 'updateProfile':
      return { table: 'profiles', key: write.userId };
  }
}

const entityKey = (e: Entity) => `${e.table}:${e.key}`;

function applyToReview(review: ExpectedReview | undefined, write: Write): ExpectedReview | undefined {
  if (write.kind === 'writeReview') {
    const { authorId, productId, rating, title, body } = write;
    return { authorId, productId, rating, title, body };
  }
  if (write.kind === 'updateReview' && review) return { ...review, rating: write.rating, title: write.title };
  return review;
}

/** What must survive of a review; the id only once it is known (a cut-off create never told us). */
function reviewFields(r: ExpectedReview | undefined): unknown {
  return r ? { rating: r.rating, title: r.title, body: r.body, ...(r.id ? { id: r.id } : {}) } : null;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    // A stored review always has an id; compare it only when the expectation has one.
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    return Object.keys(x).every((k) => x[k] === y[k]) && Object.keys(y).every((k) => k === 'id' || x[k] === y[k]);
  }
  return a === b;
}
