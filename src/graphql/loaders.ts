/**
 * Per-request DataLoaders over the batched contract. By-id loaders turn N lookups into one
 * round trip; child-list loaders group every key with the same page and sort into one call
 * for all their parents. Entities that arrive inside lists prime the by-id loaders.
 *
 * Every load records the tags of what it read (src/store/changes.ts) in the request's `reads`,
 * so a kept answer can be dropped exactly when a write changes something it was built from.
 */
import DataLoader from 'dataloader';
import type { Category } from '../domain/category';
import type { Product, ProductSort } from '../domain/product';
import type { Review, ReviewSort } from '../domain/review';
import type { Share } from '../domain/share';
import type { User } from '../domain/user';
import { reviewOrderTag, tags } from '../store/changes';
import type { FollowEdge, Page, Slice, Store } from '../store/contract';

export interface ChildKey<TSort> {
  parentId: string;
  sort: TSort;
  page: Page;
}

export interface FollowPair {
  followerId: string;
  followeeId: string;
}

export interface ReactionPair {
  userId: string;
  productId: string;
}

export type Loaders = ReturnType<typeof createLoaders>;

const byKey = (key: unknown) => JSON.stringify(key);

/** Records one tag of what a request read. */
export type ReadRecorder = (tag: string) => void;

/** `tag` names what each asked id's answer depends on, found or not (a missing id may appear). */
function byId<T extends { id: string }>(get: (ids: readonly string[]) => Promise<(T | null)[]>, read: ReadRecorder, tag: (id: string) => string) {
  return new DataLoader<string, T | null>((ids) => {
    for (const id of ids) read(tag(id));
    return get(ids);
  });
}

/** `listTag` names the parent's list (its members, order and count); `sortTag`, what else a sort's order follows. */
function childList<TSort, T>(
  fetch: (parentIds: string[], sort: TSort, page: Page) => Promise<Slice<T>[]>,
  prime: (items: T[]) => void,
  read: ReadRecorder,
  listTag: (parentId: string) => string,
  sortTag: (listTag: string, sort: TSort) => string | null = () => null,
) {
  return new DataLoader<ChildKey<TSort>, Slice<T>, string>(
    async (keys) => {
      for (const key of keys) {
        const list = listTag(key.parentId);
        read(list);
        const order = sortTag(list, key.sort);
        if (order) read(order);
      }
      const groups = new Map<string, { sort: TSort; page: Page; at: number[] }>();
      keys.forEach((key, at) => {
        const id = byKey([key.sort, key.page]);
        const group = groups.get(id) ?? groups.set(id, { sort: key.sort, page: key.page, at: [] }).get(id)!;
        group.at.push(at);
      });
      const results = new Array<Slice<T>>(keys.length);
      await Promise.all(
        [...groups.values()].map(async ({ sort, page, at }) => {
          const slices = await fetch(at.map((i) => keys[i].parentId), sort, page);
          slices.forEach((slice, j) => {
            prime(slice.items);
            results[at[j]] = slice;
          });
        }),
      );
      return results;
    },
    { cacheKeyFn: byKey },
  );
}

/** `viewerId` is who asks: share reads answer only what they may see. `read` records what was read. */
export function createLoaders(store: Store, viewerId: string | null, read: ReadRecorder) {
  const users = byId<User>((ids) => store.users.get(ids), read, tags.user);
  const products = byId<Product>((ids) => store.products.get(ids), read, tags.product);
  const reviews = byId<Review>((ids) => store.reviews.get(ids), read, tags.review);
  // Which shares a signed-in viewer may see follows whom they follow (visibility.ts).
  const readVisibility = () => {
    if (viewerId) read(tags.following(viewerId));
  };
  const shares = byId<Share>(
    async (ids) => {
      readVisibility();
      const found = await store.shares.get(ids, viewerId);
      // Whether a share is visible follows its sharer's setting and who follows them.
      for (const share of found) read(share ? tags.sharesBy(share.sharerId) : tags.hiddenShares);
      return found;
    },
    read,
    tags.share,
  );
  const primeAll =
    <T extends { id: string }>(loader: DataLoader<string, T | null>, tag: (id: string) => string) =>
    (items: T[]) => {
      for (const item of items) {
        read(tag(item.id));
        loader.prime(item.id, item);
      }
    };
  const primeUsers = primeAll(users, tags.user);
  const primeShares = (items: Share[]) => {
    if (items.length) readVisibility();
    for (const share of items) read(tags.sharesBy(share.sharerId));
    primeAll(shares, tags.share)(items);
  };
  const primeFollows = (edges: FollowEdge[]) => primeUsers(edges.map((e) => e.user));

  return {
    users,
    products,
    reviews,
    shares,
    categories: byId<Category>((ids) => store.categories.get(ids), read, tags.category),
    usersByHandle: new DataLoader<string, User | null>(async (handles) => {
      for (const handle of handles) read(tags.handle(handle));
      const found = await store.users.getByHandle(handles);
      primeUsers(found.filter((u): u is User => u !== null));
      return found;
    }),
    follows: new DataLoader<FollowPair, boolean, string>(
      (pairs) => {
        for (const pair of pairs) read(tags.following(pair.followerId));
        return store.follows.exists(pairs);
      },
      { cacheKeyFn: byKey },
    ),
    /** Whether the user reviewed the product or shared it where the viewer may see (model explanations). */
    visibleReactions: new DataLoader<ReactionPair, boolean, string>(
      (pairs) => {
        for (const { userId } of pairs) for (const tag of [tags.user(userId), tags.reviewsBy(userId), tags.sharesBy(userId)]) read(tag);
        if (viewerId) for (const tag of [tags.following(viewerId), tags.sharesTo(viewerId)]) read(tag);
        return store.activity.reactedTo(pairs, viewerId);
      },
      { cacheKeyFn: byKey },
    ),
    followers: childList<null, FollowEdge>((ids, _sort, page) => store.follows.followers(ids, page), primeFollows, read, tags.followers),
    following: childList<null, FollowEdge>((ids, _sort, page) => store.follows.following(ids, page), primeFollows, read, tags.following),
    productReviews: childList<ReviewSort, Review>(
      (ids, sort, page) => store.reviews.ofProducts(ids, sort, page),
      primeAll(reviews, tags.review),
      read,
      tags.reviewsOf,
      reviewOrderTag,
    ),
    authorReviews: childList<ReviewSort, Review>(
      (ids, sort, page) => store.reviews.byAuthors(ids, sort, page),
      primeAll(reviews, tags.review),
      read,
      tags.reviewsBy,
      reviewOrderTag,
    ),
    userShares: childList<null, Share>(
      (ids, _sort, page) => {
        readVisibility();
        return store.shares.byUsers(ids, page, viewerId);
      },
      primeShares,
      read,
      tags.sharesBy,
    ),
    categoryProducts: childList<ProductSort, Product>(
      (ids, sort, page) => store.products.inCategories(ids, sort, page),
      primeAll(products, tags.product),
      read,
      () => tags.products,
    ),
    /** For entities a resolver fetched as a list itself (top-level lists, feed, mutations); records them as read. */
    prime: {
      users: primeUsers,
      products: primeAll(products, tags.product),
      reviews: primeAll(reviews, tags.review),
      shares: primeShares,
    },
  };
}

/** For references the store keeps intact: a missing target is a broken invariant, not a client error. */
export async function loadReferenced<T>(loader: DataLoader<string, T | null>, id: string, kind: string): Promise<T> {
  const found = await loader.load(id);
  if (!found) throw new Error(`dangling reference to ${kind} ${id}`);
  return found;
}
