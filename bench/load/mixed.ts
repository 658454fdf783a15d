/**
 * The mixed scenario's writers: a steady stream of writes (new reviews, helpful votes, follows,
 * unfollows and profile edits, in turn) at a fixed rate, against the same hot users and products
 * the reads ask for, so the writes invalidate what the readers hold in the cache.
 */
import { toGlobalId } from '../../src/domain/ids';
import type { Rng } from '../../seeds/random';
import type { AuthHeaders } from '../../tests/support/auth-headers';
import type { Cast, CastUser } from './cast';
import { body, FOLLOW, WRITE_REVIEW, type Request } from './scenarios';

const VOTE = 'mutation Vote($id: ID!) { voteReviewHelpful(id: $id) { helpfulVotes } }';
const UNFOLLOW = 'mutation Unfollow($id: ID!) { unfollow(userId: $id) { id } }';
const EDIT = 'mutation Edit($bio: String!) { updateProfile(input: { bio: $bio }) { id } }';
/** More writes in flight than this means the server is not keeping up: the rate is then what it achieves. */
const MAX_IN_FLIGHT = 16;

interface HotReview {
  id: string;
  authorId: string;
}

/** Reviews on the hot products (popular and average), to vote on. */
async function hotReviews(url: string, cast: Cast): Promise<HotReview[]> {
  const reviews: HotReview[] = [];
  for (const id of [...cast.popularProducts, ...cast.averageProducts]) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body('query ($id: ID!) { product(id: $id) { reviews(first: 10) { edges { node { id author { id } } } } } }', { id }),
    });
    const { data } = (await res.json()) as { data: { product: { reviews: { edges: { node: { id: string; author: { id: string } } }[] } } } };
    for (const { node } of data.product.reviews.edges) reviews.push({ id: node.id, authorId: node.author.id });
  }
  return reviews;
}

/** The writes, in turn; review pairs are taken from the end of the cast's list (the writeReview scenario takes them from the start). */
export async function mixedWrites(url: string, cast: Cast, auth: AuthHeaders, rng: Rng): Promise<() => Promise<Request>> {
  const reviews = await hotReviews(url, cast);
  const hotUsers = [...cast.popularUsers, ...cast.averageUsers];
  const followed: { follower: CastUser; followee: CastUser }[] = [];
  const globalUserId = (u: CastUser) => toGlobalId('User', u.id);
  let pair = cast.writePairs.length;
  let turn = 0;
  const kinds: (() => Promise<Request>)[] = [
    async () => {
      const { userId, productId } = cast.writePairs[--pair];
      return { headers: await auth(userId), body: body(WRITE_REVIEW, { productId, rating: rng.int(1, 5) }) };
    },
    async () => {
      const voter = rng.pick(cast.averageUsers);
      const review = rng.pick(reviews.filter((r) => r.authorId !== globalUserId(voter)));
      return { headers: await auth(voter.id), body: body(VOTE, { id: review.id }) };
    },
    async () => {
      const follower = rng.pick(cast.averageUsers);
      const followee = rng.pick(cast.popularUsers.filter((u) => u.id !== follower.id));
      followed.push({ follower, followee });
      return { headers: await auth(follower.id), body: body(FOLLOW, { id: globalUserId(followee) }) };
    },
    async () => {
      const user = rng.pick(hotUsers);
      return { headers: await auth(user.id), body: body(EDIT, { bio: `Edited by the mixed benchmark, ${rng.int(0, 1e9)}` }) };
    },
    async () => {
      const { follower, followee } = followed.shift()!;
      return { headers: await auth(follower.id), body: body(UNFOLLOW, { id: globalUserId(followee) }) };
    },
  ];
  return () => kinds[turn++ % kinds.length]();
}

export interface WriteStream {
  /** Stops sending, waits for the writes in flight, and reports what was achieved. */
  stop(): Promise<{ writes: number; errors: number; writesPerSecond: number }>;
}

/** Sends `perSecond` writes a second, evenly spaced, until stopped. */
export function steadyWrites(url: string, next: () => Promise<Request>, perSecond: number): WriteStream {
  const started = performance.now();
  let [writes, errors, inFlight] = [0, 0, 0];
  const pending = new Set<Promise<void>>();
  const send = async () => {
    inFlight++;
    try {
      const { headers, body: payload } = await next();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });
      const text = await res.text();
      if (res.status === 200 && !text.includes('"errors"')) writes++;
      else errors++;
    } catch {
      errors++;
    } finally {
      inFlight--;
    }
  };
  // No writes at all (0) shows what the stream costs the reads.
  const timer =
    perSecond > 0
      ? setInterval(() => {
          if (inFlight >= MAX_IN_FLIGHT) return;
          const p = send();
          pending.add(p);
          void p.finally(() => pending.delete(p));
        }, 1000 / perSecond)
      : undefined;
  return {
    async stop() {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(pending);
      return { writes, errors, writesPerSecond: Math.round((writes / seconds) * 100) / 100 };
    },
  };
}
