/**
 * Realistic ids for the load scenarios, picked from the served data: popular users and products
 * (most followed, most reviewed) and average ones (the middle of a sample by the same measure),
 * plus (user, product) pairs without a review, so every benchmarked writeReview can succeed.
 */
import { fromGlobalId } from '../../src/domain/ids';
import type { Rng } from '../../seeds/random';

export interface CastUser {
  /** Internal id, for authentication. */
  id: string;
  handle: string;
}

export interface Cast {
  popularUsers: CastUser[];
  averageUsers: CastUser[];
  /** Global ids. */
  popularProducts: string[];
  averageProducts: string[];
  /** Internal user id and global product id, shuffled. */
  writePairs: { userId: string; productId: string }[];
  sizes: Record<string, number>;
}

type Connection<T> = { edges: { node: T }[] };

async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`cast query failed (${res.status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The middle half of a sample ordered by `measure`: typical, neither idle nor famous. */
function middle<T>(items: T[], measure: (t: T) => number): T[] {
  const sorted = [...items].sort((a, b) => measure(a) - measure(b));
  return sorted.slice(Math.floor(sorted.length / 4), Math.ceil((sorted.length * 3) / 4));
}

export async function pickCast(url: string, rng: Rng): Promise<Cast> {
  type U = { id: string; handle: string; followers: { totalCount: number } };
  type P = { id: string; reviewCount: number };
  const data = await gql<{ popular: Connection<U>; sample: Connection<U>; hits: Connection<P>; catalogue: Connection<P> }>(
    url,
    `{
      popular: users(first: 20, sort: MOST_FOLLOWED) { edges { node { id handle followers { totalCount } } } }
      sample: users(first: 100, sort: HANDLE) { edges { node { id handle followers { totalCount } } } }
      hits: products(first: 20, sort: MOST_REVIEWED) { edges { node { id reviewCount } } }
      catalogue: products(first: 100, sort: NAME) { edges { node { id reviewCount } } }
    }`,
  );
  const user = (u: U): CastUser => ({ id: fromGlobalId(u.id)!.id, handle: u.handle });
  const sample = data.sample.edges.map((e) => e.node);
  const catalogue = data.catalogue.edges.map((e) => e.node.id);

  const writePairs: Cast['writePairs'] = [];
  for (const u of sample) {
    const { user: reviewed } = await gql<{ user: { reviews: Connection<{ product: { id: string } }> & { totalCount: number } } }>(
      url,
      'query($id: ID!) { user(id: $id) { reviews(first: 100) { totalCount edges { node { product { id } } } } } }',
      { id: u.id },
    );
    const done = new Set(reviewed.reviews.edges.map((e) => e.node.product.id));
    // A user with more reviews than one page might have reviewed any product: leave them out.
    if (reviewed.reviews.totalCount > done.size) continue;
    for (const p of catalogue) if (!done.has(p)) writePairs.push({ userId: user(u).id, productId: p });
  }
  for (let i = writePairs.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [writePairs[i], writePairs[j]] = [writePairs[j], writePairs[i]];
  }

  const cast: Cast = {
    popularUsers: data.popular.edges.map((e) => user(e.node)),
    averageUsers: middle(sample, (u) => u.followers.totalCount).map(user),
    popularProducts: data.hits.edges.map((e) => e.node.id),
    averageProducts: middle(data.catalogue.edges.map((e) => e.node), (p) => p.reviewCount).map((p) => p.id),
    writePairs,
    sizes: {},
  };
  cast.sizes = Object.fromEntries(Object.entries(cast).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).length]));
  return cast;
}
