/**
 * Non-learned influence scores at a snapshot, the bar the GNN has to clear. "Past influence" is
 * the observed influence in the period just before the snapshot (same definition as the label).
 */
import type { Snapshot } from '../features';

export const BASELINES = ['followers', 'pageRank', 'pastInfluence', 'reviews', 'followersXReviews'] as const;
export type BaselineName = (typeof BASELINES)[number];

export function baselineScores(s: Snapshot): Record<BaselineName, Float64Array> {
  const { followers, actions, pastInfluence, pageRank } = s.raw;
  return {
    followers,
    pageRank,
    pastInfluence,
    reviews: actions,
    followersXReviews: followers.map((f, u) => f * actions[u]),
  };
}
