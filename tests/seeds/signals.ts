/** Measurements of the planted structure, shared by the generator tests. */
import type { CommunityRows, GroundTruth } from '../../seeds/generator';

const DAY_MS = 86_400_000;

export function followerCounts(rows: CommunityRows): Map<string, number> {
  const counts = new Map(rows.users.map((u) => [u.id, 0]));
  for (const f of rows.follows) counts.set(f.followeeId, counts.get(f.followeeId)! + 1);
  return counts;
}

/**
 * For each author, the fraction of their reviews that at least one follower (already following
 * then) followed with a review of the same product within `days`; averaged over influencers and
 * over everyone else. Also the same per (review, follower) pair, which corrects for audience size.
 */
export function cascadeRates(rows: CommunityRows, truth: GroundTruth, days: number) {
  const followers = new Map<string, { who: string; since: number }[]>();
  for (const f of rows.follows) {
    if (!followers.has(f.followeeId)) followers.set(f.followeeId, []);
    followers.get(f.followeeId)!.push({ who: f.followerId, since: f.since });
  }
  const reviewedAt = new Map(rows.reviews.map((r) => [`${r.authorId}|${r.productId}`, r.createdAt]));
  const influencers = new Set(truth.influencers);
  const perAuthor = new Map<string, { hit: number; n: number }>();
  const pairs = { influencer: { hit: 0, n: 0 }, other: { hit: 0, n: 0 } };
  for (const r of rows.reviews) {
    const audience = (followers.get(r.authorId) ?? []).filter((f) => f.since < r.createdAt);
    if (audience.length === 0) continue;
    const follows = audience.map((f) => {
      const t = reviewedAt.get(`${f.who}|${r.productId}`);
      return t !== undefined && t > r.createdAt && t <= r.createdAt + days * DAY_MS;
    });
    const pair = influencers.has(r.authorId) ? pairs.influencer : pairs.other;
    pair.n += follows.length;
    pair.hit += follows.filter(Boolean).length;
    const a = perAuthor.get(r.authorId) ?? { hit: 0, n: 0 };
    a.n++;
    if (follows.some(Boolean)) a.hit++;
    perAuthor.set(r.authorId, a);
  }
  const mean = (wantInfluencer: boolean): number => {
    const fractions = [...perAuthor].filter(([id]) => influencers.has(id) === wantInfluencer).map(([, a]) => a.hit / a.n);
    return fractions.reduce((s, x) => s + x, 0) / fractions.length;
  };
  return {
    influencerProducts: mean(true),
    otherProducts: mean(false),
    influencerPairs: pairs.influencer.hit / pairs.influencer.n,
    otherPairs: pairs.other.hit / pairs.other.n,
  };
}

/** Follow density inside communities and between them. */
export function communityDensity(rows: CommunityRows, truth: GroundTruth) {
  let inside = 0;
  for (const f of rows.follows) if (truth.userCommunity[f.followerId] === truth.userCommunity[f.followeeId]) inside++;
  const n = rows.users.length;
  const insidePairs = truth.communities.reduce((s, c) => s + c.members.length * (c.members.length - 1), 0);
  return {
    insideFraction: inside / rows.follows.length,
    insideDensity: inside / insidePairs,
    outsideDensity: (rows.follows.length - inside) / (n * (n - 1) - insidePairs),
  };
}
