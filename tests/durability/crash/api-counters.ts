/**
 * The restarted server's view of the counters, checked against the rows read from the store: each
 * product's reviewCount and averageRating and each user's follower totalCount, as clients see them.
 */
import { fromGlobalId } from '../../../src/domain/ids';
import type { GraphState } from './graph-state';

const QUERY = `{
  products(first: 100) { totalCount edges { node { id reviewCount averageRating } } }
  users(first: 100) { totalCount edges { node { id followers { totalCount } } } }
}`;

interface Answer {
  data?: {
    products: { totalCount: number; edges: { node: { id: string; reviewCount: number; averageRating: number | null } }[] };
    users: { totalCount: number; edges: { node: { id: string; followers: { totalCount: number } } }[] };
  };
  errors?: unknown[];
}

export async function apiCounterProblems(url: string, state: GraphState): Promise<string[]> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
  const answer = (await res.json()) as Answer;
  if (!answer.data || answer.errors) return [`counter query failed: ${res.status} ${JSON.stringify(answer.errors)}`];
  const { products, users } = answer.data;
  if (products.totalCount > products.edges.length || users.totalCount > users.edges.length) {
    return ['the crash community outgrew one page of 100'];
  }
  const problems: string[] = [];
  const reviews = [...state.reviews.values()];
  for (const { node } of products.edges) {
    const id = fromGlobalId(node.id)!.id;
    const ratings = reviews.filter((r) => r.productId === id).map((r) => r.rating);
    const mean = ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null;
    const meanOk = mean === null ? node.averageRating === null : node.averageRating !== null && Math.abs(node.averageRating - mean) < 1e-9;
    if (node.reviewCount !== ratings.length || !meanOk) {
      problems.push(`API product ${id}: reviewCount ${node.reviewCount} averageRating ${node.averageRating}; ${ratings.length} reviews, mean ${mean}`);
    }
  }
  for (const { node } of users.edges) {
    const id = fromGlobalId(node.id)!.id;
    const edges = [...state.follows].filter((key) => key.endsWith(`|${id}`)).length;
    if (node.followers.totalCount !== edges) problems.push(`API user ${id}: followers totalCount ${node.followers.totalCount}, edges ${edges}`);
  }
  return problems;
}
