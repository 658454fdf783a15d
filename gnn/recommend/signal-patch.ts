/**
 * What changed in one user's signals since a SignalIndex's build, read from the store as it is now:
 * the changes SignalChanges recorded that concern the user (their own, those of the people they
 * follow), each read by id or by the user's key lists, which are entity and list reads (cached),
 * not the per-request traversal the index saves. SignalIndex.signals applies it on top.
 */
import type { Page, Slice, Store } from '../../src/store/contract';
import type { SignalChanges } from './signal-changes';

export interface SignalPatch {
  /** Whom the user follows now, when that changed since the build. */
  followeeIds?: string[];
  /** Per author (the user or a followee), the products whose review changed: its creation time, or null when it was deleted. */
  reviews: Map<string, Map<string, number | null>>;
  /** Shares by the user or their followees that the user may see and the index does not hold: created since the build, or by a new followee. */
  shares: { sharerId: string; productId: string; at: number }[];
}

export const NO_PATCH: SignalPatch = { reviews: new Map(), shares: [] };

const PAGE = 1_000;

/** Every item of a paged list. */
async function allPages<T>(read: (page: Page) => Promise<Slice<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const slice = await read({ offset, limit: PAGE });
    items.push(...slice.items);
    if (slice.items.length < PAGE) return items;
  }
}

/**
 * The patch for `userId`, whom the index has following `indexedFolloweeIds`; null when it cannot
 * be applied (their own review was deleted: a share from before the build may keep the product
 * theirs, which the index cannot tell).
 */
export async function readSignalPatch(store: Store, changes: SignalChanges, userId: string, indexedFolloweeIds: readonly string[]): Promise<SignalPatch | null> {
  let followeeIds: string[] | undefined;
  let added = new Set<string>();
  if (changes.followingChanged(userId)) {
    followeeIds = (await allPages(async (page) => (await store.follows.following([userId], page))[0])).map((e) => e.user.id);
    const before = new Set(indexedFolloweeIds);
    added = new Set(followeeIds.filter((f) => !before.has(f)));
  }
  const people = [userId, ...(followeeIds ?? indexedFolloweeIds)];
  const changedReviews = changes.reviewsBy(people);
  // A new followee's shares are read whole below; the index holds none of them for this user.
  const changedShares = changes.sharesBy(people.filter((p) => !added.has(p)));
  const [reviews, shares, ofNewFollowees] = await Promise.all([
    changedReviews.length ? store.reviews.get(changedReviews.map((c) => c.id)) : [],
    changedShares.length ? store.shares.get(changedShares, userId) : [],
    Promise.all([...added].map((f) => allPages(async (page) => (await store.shares.byUsers([f], page, userId))[0]))),
  ]);
  const patch: SignalPatch = { followeeIds, reviews: new Map(), shares: [] };
  for (const [k, { authorId, productId }] of changedReviews.entries()) {
    const review = reviews[k];
    if (!review && authorId === userId) return null;
    let mine = patch.reviews.get(authorId);
    if (!mine) patch.reviews.set(authorId, (mine = new Map()));
    // One review per author and product at a time: one that exists is the current one.
    if (review) mine.set(productId, review.createdAt);
    else if (!mine.has(productId)) mine.set(productId, null);
  }
  for (const s of [...shares, ...ofNewFollowees.flat()]) if (s) patch.shares.push({ sharerId: s.sharerId, productId: s.productId, at: s.createdAt });
  return patch;
}
