/**
 * The store's streaming snapshot read into what community detection and engagement need:
 * follows as id pairs with their times, and interactions (reviews and shares kept apart) with
 * their user, product category and time. Rows referring to users or products that appeared
 * after their page was read are skipped.
 */
import type { TrainingStore } from '../../../src/store/contract';

export interface SocialSnapshot {
  userIds: string[];
  follows: { followerId: string; followeeId: string; since: number }[];
  interactions: { userId: string; kind: 'review' | 'share'; categoryId: string; at: number }[];
}

export async function readSocialSnapshot(store: TrainingStore): Promise<SocialSnapshot> {
  const userIds: string[] = [];
  for await (const batch of store.snapshot.users()) for (const u of batch) userIds.push(u.id);
  const users = new Set(userIds);
  const category = new Map<string, string>();
  for await (const batch of store.snapshot.products()) for (const p of batch) category.set(p.id, p.categoryId);
  const interactions: SocialSnapshot['interactions'] = [];
  for await (const batch of store.snapshot.interactions()) {
    for (const r of batch) {
      const categoryId = category.get(r.productId);
      if (categoryId === undefined || !users.has(r.userId)) continue;
      interactions.push({ userId: r.userId, kind: r.kind === 'REVIEW' ? 'review' : 'share', categoryId, at: r.at });
    }
  }
  const follows: SocialSnapshot['follows'] = [];
  for await (const batch of store.snapshot.follows()) {
    for (const f of batch) if (users.has(f.followerId) && users.has(f.followeeId)) follows.push(f);
  }
  return { userIds, follows, interactions };
}
