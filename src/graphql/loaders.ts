/**
 * Per-request DataLoaders over the batched contract. By-id loaders turn N lookups into one
 * round trip; child-list loaders group every key with the same page and sort into one call
 * for all their parents. Entities that arrive inside lists prime the by-id loaders.
 */
import DataLoader from 'dataloader';
import type { Category } from '../domain/category';
import type { Product, ProductSort } from '../domain/product';
import type { Review, ReviewSort } from '../domain/review';
import type { Share } from '../domain/share';
import type { User } from '../domain/user';
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

function byId<T extends { id: string }>(get: (ids: readonly string[]) => Promise<(T | null)[]>) {
  return new DataLoader<string, T | null>(get);
}

function childList<TSort, T>(
  fetch: (parentIds: string[], sort: TSort, page: Page) => Promise<Slice<T>[]>,
  prime: (items: T[]) => void,
) {
  return new DataLoader<ChildKey<TSort>, Slice<T>, string>(
    async (keys) => {
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

/** `viewerId` is who asks: share reads answer only what they may see. */
export function createLoaders(store: Store, viewerId: string | null) {
  const users = byId<User>((ids) => store.users.get(ids));
  const products = byId<Product>((ids) => store.products.get(ids));
  const reviews = byId<Review>((ids) => store.reviews.get(ids));
  const shares = byId<Share>((ids) => store.shares.get(ids, viewerId));
  const primeAll =
    <T extends { id: string }>(loader: DataLoader<string, T | null>) =>
    (items: T[]) => {
      for (const item of items) loader.prime(item.id, item);
    };
  const primeUsers = primeAll(users);
  const primeFollows = (edges: FollowEdge[]) => primeUsers(edges.map((e) => e.user));

  return {
    users,
    products,
    reviews,
    shares,
    categories: byId<Category>((ids) => store.categories.get(ids)),
    usersByHandle: new DataLoader<string, User | null>(async (handles) => {
      const found = await store.users.getByHandle(handles);
      primeUsers(found.filter((u): u is User => u !== null));
      return found;
    }),
    follows: new DataLoader<FollowPair, boolean, string>((pairs) => store.follows.exists(pairs), { cacheKeyFn: byKey }),
    /** Whether the user reviewed the product or shared it where the viewer may see (model explanations). */
    visibleReactions: new DataLoader<ReactionPair, boolean, string>((pairs) => store.activity.reactedTo(pairs, viewerId), { cacheKeyFn: byKey }),
    followers: childList<null, FollowEdge>((ids, _sort, page) => store.follows.followers(ids, page), primeFollows),
    following: childList<null, FollowEdge>((ids, _sort, page) => store.follows.following(ids, page), primeFollows),
    productReviews: childList<ReviewSort, Review>((ids, sort, page) => store.reviews.ofProducts(ids, sort, page), primeAll(reviews)),
    authorReviews: childList<ReviewSort, Review>((ids, sort, page) => store.reviews.byAuthors(ids, sort, page), primeAll(reviews)),
    userShares: childList<null, Share>((ids, _sort, page) => store.shares.byUsers(ids, page, viewerId), primeAll(shares)),
    categoryProducts: childList<ProductSort, Product>(
      (ids, sort, page) => store.products.inCategories(ids, sort, page),
      primeAll(products),
    ),
    /** For entities a resolver fetched as a list itself (top-level lists, feed, mutations). */
    prime: { users: primeUsers, products: primeAll(products), reviews: primeAll(reviews), shares: primeAll(shares) },
  };
}

/** For references the store keeps intact: a missing target is a broken invariant, not a client error. */
export async function loadReferenced<T>(loader: DataLoader<string, T | null>, id: string, kind: string): Promise<T> {
  const found = await loader.load(id);
  if (!found) throw new Error(`dangling reference to ${kind} ${id}`);
  return found;
}
