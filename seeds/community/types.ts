/** The generator's options, its output and the intermediate plan its stages hand each other. */
import type { Category } from '../../src/domain/category';
import type { Follow } from '../../src/domain/follow';
import type { Product } from '../../src/domain/product';
import type { Review } from '../../src/domain/review';
import type { Share } from '../../src/domain/share';
import type { User } from '../../src/domain/user';

export const DAY_MS = 86_400_000;

export interface GeneratorOptions {
  seed: number;
  users: number;
  products: number;
  categories: number;
  reviews: number;
  follows: number;
  shares: number;
  communities: number;
  /** Planted opinion leaders, spread over the communities. */
  influencers: number;
  /** Length of the simulated history in months, ending at `end`. */
  months: number;
  /** End of the history (epoch ms). The default is fixed, so tests always get the same data; the server and `npm run seed` end it the day they seed (demoHistoryEnd). */
  end: number;
}

export const DEFAULT_GENERATOR_OPTIONS: GeneratorOptions = {
  seed: 42,
  users: 2000,
  products: 1000,
  categories: 20,
  reviews: 20_000,
  follows: 15_000,
  shares: 3000,
  communities: 8,
  influencers: 30,
  months: 18,
  end: Date.UTC(2026, 5, 30),
};

/** Rows in the shape `BulkWriter.upsert` takes, every list present. */
export interface CommunityRows {
  users: User[];
  categories: Category[];
  products: Omit<Product, 'reviewCount' | 'ratingSum'>[];
  reviews: Review[];
  follows: Follow[];
  shares: Share[];
}

export interface TruthCommunity {
  id: string;
  name: string;
  /** The categories this community mostly reviews. */
  categoryIds: string[];
  members: string[];
}

/** What was planted, so model tests can check that it is recovered from the graph. */
export interface GroundTruth {
  seed: number;
  sizes: Record<keyof CommunityRows, number>;
  influencers: string[];
  /** Category id → the planted influencers whose seed reviews are all in that category. */
  categoryInfluencers: Record<string, string[]>;
  communities: TruthCommunity[];
  userCommunity: Record<string, string>;
}

export interface GeneratedCommunity {
  batch: CommunityRows;
  truth: GroundTruth;
}

/** A user plus the hidden traits that drive their behaviour. */
export interface Person {
  user: User;
  /** Index into the community list. */
  community: number;
  influencer: boolean;
  /** An influencer's category: their seed reviews, and so the cascades they start, stay in it. */
  specialty: string | null;
  /** Relative activity (heavy-tailed): how often they follow, review and share. */
  activity: number;
}

export interface Timeline {
  start: number;
  end: number;
}

/** Zero-padded sequential id, e.g. seqId('u', 7, 2000, 4) = "u0007"; widens when the count needs it. */
export function seqId(prefix: string, index: number, count: number, minWidth: number): string {
  return prefix + String(index + 1).padStart(Math.max(minWidth, String(count).length), '0');
}
