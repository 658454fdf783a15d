/**
 * What a committed write changed, as tags: the vocabulary shared by the store (which announces
 * the tags of every write after its commit) and by readers that keep answers (which record the
 * tags of everything they read, and drop an answer when one of its tags is announced). After
 * Envelop's useResponseCache, which tags entities as `Typename:id`; lists get tags of their own
 * because a new member changes a list without changing any entity already in it.
 */
import type { ReviewSort } from '../domain/review';

export const tags = {
  /** A user's own fields (profile, share visibility), bio aside. */
  user: (id: string) => `User:${id}`,
  /** A user's bio: edited often and shown by few answers, so only answers that show it read this. */
  bio: (userId: string) => `bio:${userId}`,
  /** `user(handle:)`, whose answer appears when a user with that handle signs up. */
  handle: (handle: string) => `handle:${handle.toLowerCase()}`,
  /** A product's own fields (name, price...). */
  product: (id: string) => `Product:${id}`,
  /** A product's review counters (reviewCount, averageRating): only answers that show them read this. */
  productCounts: (id: string) => `ProductCounts:${id}`,
  /** A review's own fields, its vote count aside. */
  review: (id: string) => `Review:${id}`,
  /** A review's vote count: only answers that show it read this. */
  helpfulVotes: (reviewId: string) => `helpfulVotes:${reviewId}`,
  /** A share and whether a viewer may see it. */
  share: (id: string) => `Share:${id}`,
  category: (id: string) => `Category:${id}`,
  /** Who follows a user. */
  followers: (userId: string) => `followers:${userId}`,
  /** Whom a user follows: their following list, `viewerFollows`, their feed's sources, which shares they may see. */
  following: (userId: string) => `following:${userId}`,
  /** A product's reviews (members, order, counts). */
  reviewsOf: (productId: string) => `reviewsOf:${productId}`,
  /** A user's reviews. */
  reviewsBy: (userId: string) => `reviewsBy:${userId}`,
  /** The order of a review list (`reviewsOf`, `reviewsBy`) sorted by helpful votes, which a vote changes. */
  byVotes: (listTag: string) => `${listTag}|votes`,
  /** A user's shares and who may see them. */
  sharesBy: (userId: string) => `sharesBy:${userId}`,
  /** Shares sent to a user directly. */
  sharesTo: (userId: string) => `sharesTo:${userId}`,
  /** What a user adds to or removes from their followers' feeds (reviews and shares). */
  activity: (userId: string) => `activity:${userId}`,
  /** Top-level user lists: search, every sort (MOST_FOLLOWED counts follows). */
  users: 'users',
  /** Product lists, in the catalogue and per category: every sort (ratings, review counts). */
  products: 'products',
  categories: 'categories',
  /** Reads of shares the viewer may not see: which sharer's setting hides them is not known. */
  hiddenShares: 'hiddenShares',
  /** Answers that follow every write (e.g. recommendations from the whole network's activity). */
  anyWrite: 'anyWrite',
  /** Announced by writes whose extent is not tracked (bulk loads): every answer is stale. */
  everything: '*',
} as const;

/** What a review list sorted by `sort` follows besides its own tag: a vote reorders MOST_HELPFUL lists only. */
export const reviewOrderTag = (listTag: string, sort: ReviewSort): string | null => (sort === 'MOST_HELPFUL' ? tags.byVotes(listTag) : null);

export type ChangeListener = (changed: readonly string[]) => void;

/** Runs a write and announces the tags of what it changed once it has committed. */
export async function announce<T>(changed: ChangeListener, write: Promise<T>, tagsOf: (result: T) => string[]): Promise<T> {
  const result = await write;
  changed(tagsOf(result));
  return result;
}

/** Where the store announces its writes; a listener runs before the write's caller resumes. */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(changed: readonly string[]): void {
    for (const listener of this.listeners) listener(changed);
  }
}
