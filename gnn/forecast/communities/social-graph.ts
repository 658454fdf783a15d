/**
 * What community detection and engagement read from the graph snapshot: follows as id pairs
 * with their times, and interactions (reviews and shares kept apart) with their user, product
 * category and time.
 */
import type { GraphSnapshot } from '../../core/snapshot';

export interface SocialGraph {
  userIds: string[];
  follows: { followerId: string; followeeId: string; since: number }[];
  interactions: { userId: string; kind: 'review' | 'share'; categoryId: string; at: number }[];
}

export function socialGraph(s: GraphSnapshot): SocialGraph {
  const users = s.users.ids;
  return {
    userIds: users,
    follows: s.follows.map((f) => ({ followerId: users[f.from], followeeId: users[f.to], since: f.since })),
    interactions: s.actions.map((a) => ({ userId: users[a.user], kind: a.kind, categoryId: s.categories.ids[s.productCategory[a.product]], at: a.at })),
  };
}
