/**
 * The published form of a forecast run: one model-output row per community (entityId = the
 * community id) carrying its description, engagement history and forecast; membership lives in
 * the community rows and readers build the user → community map. Training writes it with
 * `communityRows`; the API loads it with `buildPublishedCommunities`.
 */
import type { ModelOutputRow } from '../../src/store/contract';
import type { ModelBuilder } from '../core/live-model';

export interface EngagementPoint {
  /** Period label: "YYYY-MM-DD" (the week's Monday) for weeks, "YYYY-MM" for months. */
  period: string;
  reviews: number;
  shares: number;
  follows: number;
  activeMembers: number;
}

export interface ForecastPoint {
  period: string;
  /** Median forecast of reviews by members; [low, high] is the calibrated 80% interval. */
  expected: number;
  low: number;
  high: number;
}

export interface PublishedCommunity {
  id: string;
  label: string;
  size: number;
  /** Member user ids, sorted. */
  members: string[];
  /** Category ids, most interacted with first. */
  topCategories: string[];
  /** User ids, strongest first. */
  opinionLeaders: string[];
  /** Oldest period first, up to the last complete period. */
  engagement: EngagementPoint[];
  /** The periods after the last complete one, nearest first. */
  forecast: ForecastPoint[];
}

export interface PublishedCommunities {
  /** Largest first. */
  communities: PublishedCommunity[];
  byId: Map<string, PublishedCommunity>;
  byUser: Map<string, PublishedCommunity>;
}

export function communityRows(communities: readonly PublishedCommunity[]): ModelOutputRow[][] {
  return [communities.map(({ id, ...data }) => ({ entityId: id, data: { ...data } }))];
}

export const buildPublishedCommunities: ModelBuilder<PublishedCommunities> = async (_run, batches) => {
  const communities: PublishedCommunity[] = [];
  for await (const batch of batches) {
    for (const row of batch) communities.push({ id: row.entityId, ...(row.data as Omit<PublishedCommunity, 'id'>) });
  }
  communities.sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
  const byUser = new Map<string, PublishedCommunity>();
  for (const c of communities) for (const u of c.members) byUser.set(u, c);
  return { communities, byId: new Map(communities.map((c) => [c.id, c])), byUser };
};
