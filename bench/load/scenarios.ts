/**
 * The benchmarked operations. Each read picks a popular or an average user or product with even
 * odds; writeReview takes the next unreviewed (user, product) pair, so it succeeds.
 * The first scenario is the trivial baseline the others are compared with.
 */
import type { Rng } from '../../seeds/random';
import type { AuthHeaders } from '../../tests/support/auth-headers';
import type { Cast, CastUser } from './cast';

export interface Request {
  headers: Record<string, string>;
  body: string;
}

export interface Scenario {
  name: string;
  /** Held to the read targets (ratio to trivial, p99). */
  target: boolean;
  next(rng: Rng): Request;
  /** Every distinct request of a read scenario, sent once before measuring: the cache's hot set. */
  all?: Request[];
}

export const PROFILE = `query Profile($handle: String!) { user(handle: $handle) {
  handle displayName bio
  followers(first: 10) { totalCount edges { since node { handle displayName } } }
  reviews(first: 10) { totalCount edges { node { rating title createdAt product { name } } } }
} }`;

export const FEED = `query Feed { feed(first: 20) { totalCount edges { node { __typename
  ... on Review { rating title createdAt author { handle } product { name averageRating } }
  ... on Share { message createdAt sharer { handle } product { name } }
} } } }`;

export const PRODUCT = `query Product($id: ID!) { product(id: $id) {
  name description averageRating reviewCount price { amount currency } category { name }
  reviews(first: 10, sort: MOST_HELPFUL) { totalCount edges { node { rating title body helpfulVotes createdAt author { handle displayName } } } }
} }`;

export const WRITE_REVIEW = `mutation Write($productId: ID!, $rating: Int!) {
  writeReview(input: { productId: $productId, rating: $rating, title: "Benchmarked", body: "Written by the load benchmark." }) { id product { reviewCount averageRating } }
}`;

export const FOLLOW = 'mutation Follow($id: ID!) { follow(userId: $id) { id } }';

export const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
const either = <T>(rng: Rng, popular: T[], average: T[]) => rng.pick(rng.chance(0.5) && popular.length ? popular : average);

/** Headers for every user a scenario may act as, signed before the clock starts. */
async function headersFor(users: readonly string[], auth: AuthHeaders): Promise<Map<string, Record<string, string>>> {
  return new Map(await Promise.all(users.map(async (id) => [id, await auth(id)] as const)));
}

/** A read scenario over `choices` (popular and average, picked with even odds). */
function reads<T>(name: string, popular: T[], average: T[], request: (choice: T) => Request): Scenario {
  return {
    name,
    target: true,
    next: (rng) => request(either(rng, popular, average)),
    all: [...popular, ...average].map(request),
  };
}

export const SCENARIOS: ((cast: Cast, auth: AuthHeaders) => Promise<Scenario>)[] = [
  async () => ({ name: 'trivial { __typename }', target: false, next: () => ({ headers: {}, body: body('{ __typename }') }) }),
  async (cast) => reads('user profile', cast.popularUsers, cast.averageUsers, (u: CastUser) => ({ headers: {}, body: body(PROFILE, { handle: u.handle }) })),
  async (cast, auth) => {
    const headers = await headersFor([...cast.popularUsers, ...cast.averageUsers].map((u) => u.id), auth);
    return reads('feed (viewer)', cast.popularUsers, cast.averageUsers, (u: CastUser) => ({ headers: headers.get(u.id)!, body: body(FEED) }));
  },
  async (cast) => reads('product page', cast.popularProducts, cast.averageProducts, (id: string) => ({ headers: {}, body: body(PRODUCT, { id }) })),
  async (cast, auth) => {
    const headers = await headersFor([...new Set(cast.writePairs.map((p) => p.userId))], auth);
    let i = 0;
    return {
      name: 'writeReview',
      target: false,
      // Past the last pair, requests repeat pairs and fail with CONFLICT: counted as errors.
      next: (rng) => {
        const pair = cast.writePairs[i++ % cast.writePairs.length];
        return { headers: headers.get(pair.userId)!, body: body(WRITE_REVIEW, { productId: pair.productId, rating: rng.int(1, 5) }) };
      },
    };
  },
];
