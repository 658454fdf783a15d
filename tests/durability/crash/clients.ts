/**
 * Concurrent clients writing through GraphQL until the server dies under them. Each client acts
 * for its own users, one request at a time, so every entity has at most one write in flight when
 * the crash comes (the ledger relies on that to judge cut-off writes).
 */
import { fromGlobalId, toGlobalId } from '../../../src/domain/ids';
import { Rng } from '../../../seeds/random';
import type { AuthHeaders } from '../../support/auth-headers';
import { pairKey } from './graph-state';
import type { Ledger, Write } from './ledger';

export interface Cast {
  userIds: readonly string[];
  productIds: readonly string[];
}

const MUTATIONS: Record<Write['kind'], string> = {
  writeReview:
    'mutation($p: ID!, $r: Int!, $t: String, $b: String) { writeReview(input: { productId: $p, rating: $r, title: $t, body: $b }) { id } }',
  updateReview: 'mutation($id: ID!, $r: Int!, $t: String) { updateReview(id: $id, input: { rating: $r, title: $t }) { id } }',
  follow: 'mutation($u: ID!) { follow(userId: $u) { id } }',
  unfollow: 'mutation($u: ID!) { unfollow(userId: $u) { id } }',
  voteReviewHelpful: 'mutation($id: ID!) { voteReviewHelpful(id: $id) { id } }',
  shareProduct: 'mutation($p: ID!, $m: String) { shareProduct(input: { productId: $p, message: $m }) { id } }',
  updateProfile: 'mutation($b: String) { updateProfile(input: { bio: $b }) { id } }',
};

function variables(w: Write): Record<string, unknown> {
  switch (w.kind) {
    case 'writeReview':
      return { p: toGlobalId('Product', w.productId), r: w.rating, t: w.title, b: w.body };
    case 'updateReview':
      return { id: toGlobalId('Review', w.reviewId), r: w.rating, t: w.title };
    case 'follow':
    case 'unfollow':
      return { u: toGlobalId('User', w.followeeId) };
    case 'voteReviewHelpful':
      return { id: toGlobalId('Review', w.reviewId) };
    case 'shareProduct':
      return { p: toGlobalId('Product', w.productId), m: w.message };
    case 'updateProfile':
      return { b: w.bio };
  }
}

function actor(w: Write): string {
  switch (w.kind) {
    case 'writeReview':
    case 'updateReview':
      return w.authorId;
    case 'follow':
    case 'unfollow':
      return w.followerId;
    case 'voteReviewHelpful':
      return w.voterId;
    case 'shareProduct':
      return w.sharerId;
    case 'updateProfile':
      return w.userId;
  }
}

/** A write for `userId` that the ledger can judge: new reviews only for products not yet reviewed. */
function nextWrite(rng: Rng, ledger: Ledger, cast: Cast, userId: string, seq: string): Write {
  const mine = cast.productIds.map((p) => ledger.reviews.get(pairKey(userId, p))).filter((r) => r !== undefined);
  const unreviewed = cast.productIds.filter((p) => !ledger.reviews.has(pairKey(userId, p)));
  const roll = rng.float();
  if (roll >= 0.9) return { kind: 'updateProfile', userId, bio: `bio ${seq}` };
  if (roll >= 0.8) return { kind: 'shareProduct', sharerId: userId, productId: rng.pick(cast.productIds), message: `s${seq}` };
  if (roll < 0.25 && unreviewed.length) {
    return { kind: 'writeReview', authorId: userId, productId: rng.pick(unreviewed), rating: rng.int(1, 5), title: `t${seq}`, body: `b${seq}` };
  }
  const editable = mine.filter((r) => r.id);
  if (roll < 0.45 && editable.length) {
    const r = rng.pick(editable);
    return { kind: 'updateReview', authorId: userId, productId: r.productId, reviewId: r.id!, rating: rng.int(1, 5), title: `u${seq}` };
  }
  if (roll < 0.65) {
    const followeeId = rng.pick(cast.userIds.filter((u) => u !== userId));
    const kind = ledger.follows.has(pairKey(userId, followeeId)) ? 'unfollow' : 'follow';
    return { kind, followerId: userId, followeeId };
  }
  const others = [...ledger.reviews.values()].filter((r) => r.id && r.authorId !== userId);
  return { kind: 'voteReviewHelpful', voterId: userId, reviewId: rng.pick(others).id! };
}

type Outcome = { ok: true; createdId?: string } | { ok: false; code: string } | 'cut-off';

async function send(url: string, auth: AuthHeaders, w: Write): Promise<Outcome> {
  let res: Response;
  let body: { data?: Record<string, { id: string } | null> | null; errors?: { extensions?: { code?: string } }[] };
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await auth(actor(w))) },
      body: JSON.stringify({ query: MUTATIONS[w.kind], variables: variables(w) }),
      signal: AbortSignal.timeout(30_000),
    });
    body = await res.json();
  } catch {
    return 'cut-off';
  }
  const result = body.data?.[w.kind];
  if (res.status === 200 && result && !body.errors) {
    return { ok: true, createdId: w.kind === 'writeReview' ? fromGlobalId(result.id)?.id : undefined };
  }
  return { ok: false, code: `${res.status} ${body.errors?.[0]?.extensions?.code ?? 'no code'}` };
}

/** Runs `clients` clients until requests stop reaching the server; resolves once all have stopped. */
export async function writeUntilCut(opts: { url: string; auth: AuthHeaders; ledger: Ledger; cast: Cast; clients: number; seed: number }) {
  const { url, auth, ledger, cast, clients } = opts;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const rng = new Rng(opts.seed * 1000 + c);
      const users = cast.userIds.filter((_, i) => i % clients === c);
      for (let n = 0; ; n++) {
        const write = nextWrite(rng, ledger, cast, rng.pick(users), `${opts.seed}-${c}-${n}`);
        const outcome = await send(url, auth, write);
        if (outcome === 'cut-off') return ledger.cutOffByCrash(write);
        if (outcome.ok) ledger.acknowledge(write, outcome.createdId);
        else ledger.reject(outcome.code);
      }
    }),
  );
}
