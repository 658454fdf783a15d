/**
 * A small, fully predictable community for API tests: 60 users who each have 6 followers,
 * follow 6, and wrote 4 reviews; 20 products in 3 categories; one share per user.
 * Ids are readable (`u07`, `p03`, `r07-2`), so tests can name what they expect.
 */
import type { Store } from '../../../src/store/contract';

export const USERS = 60;
export const PRODUCTS = 20;
export const FOLLOWERS_EACH = 6;
export const REVIEWS_EACH = 4;
const T0 = Date.UTC(2026, 0, 1);

const pad = (n: number) => String(n).padStart(2, '0');
export const userId = (i: number) => `u${pad(i)}`;
export const handleOf = (i: number) => `user_${pad(i)}`;
export const productId = (i: number) => `p${pad(i)}`;
export const categoryId = (i: number) => `c${i}`;
/** Every user and product id of the community (the crash and soak clients' cast). */
export const communityCast = () => ({
  userIds: Array.from({ length: USERS }, (_, i) => userId(i)),
  productIds: Array.from({ length: PRODUCTS }, (_, i) => productId(i)),
});
export const CATEGORY_NAMES = ['Books', 'Games', 'Garden'];

export async function seedCommunity(store: Store): Promise<void> {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  await store.bulk.upsert({
    categories: CATEGORY_NAMES.map((name, i) => ({ id: categoryId(i), name })),
    products: range(PRODUCTS).map((i) => ({
      id: productId(i),
      name: `Product ${pad(i)}`,
      description: `The ${i}th product`,
      price: 10 + i + 0.5,
      currency: 'EUR',
      categoryId: categoryId(i % CATEGORY_NAMES.length),
      createdAt: T0 + i * 1000,
    })),
    users: range(USERS).map((i) => ({
      id: userId(i),
      handle: handleOf(i),
      displayName: `User ${pad(i)}`,
      bio: '',
      joinedAt: T0 + i * 1000,
    })),
    // User i is followed by the next FOLLOWERS_EACH users, round the circle.
    follows: range(USERS).flatMap((i) =>
      range(FOLLOWERS_EACH).map((k) => ({
        followerId: userId((i + 1 + k) % USERS),
        followeeId: userId(i),
        since: T0 + 100_000 + (i * FOLLOWERS_EACH + k) * 1000,
      })),
    ),
    reviews: range(USERS).flatMap((i) =>
      range(REVIEWS_EACH).map((k) => ({
        id: `r${pad(i)}-${k}`,
        authorId: userId(i),
        productId: productId((i + k) % PRODUCTS),
        rating: 1 + ((i + k) % 5),
        title: `Review ${k} by ${handleOf(i)}`,
        body: 'Fine.',
        createdAt: T0 + 1_000_000 + (i * REVIEWS_EACH + k) * 1000,
        updatedAt: T0 + 1_000_000 + (i * REVIEWS_EACH + k) * 1000,
      })),
    ),
    shares: range(USERS).map((i) => ({
      id: `s${pad(i)}`,
      sharerId: userId(i),
      productId: productId(i % PRODUCTS),
      audience: i % 2 === 0 ? ('FOLLOWERS' as const) : ('USER' as const),
      recipientId: i % 2 === 0 ? null : userId((i + 1) % USERS),
      message: `Look at this, from ${handleOf(i)}`,
      createdAt: T0 + 2_000_000 + i * 1000,
    })),
  });
  await store.bulk.recount();
}
