/**
 * The repository contract: everything above the store (GraphQL resolvers, seeds, importers, gnn/)
 * depends on these interfaces only, never on which engine runs them.
 *
 * Conventions
 * - Ids are internal string ids (not Relay global ids); times are epoch milliseconds.
 * - Lookups and child lists are batched: they take many parent ids and answer in the same order,
 *   so a DataLoader turns N resolver calls into one engine round trip.
 * - Every mutation is one transaction: it either happens whole or throws and writes nothing.
 *   Missing referenced entities throw NotFoundError, uniqueness violations ConflictError.
 */
import type { Category } from '../domain/category';
import type { Follow } from '../domain/follow';
import type { NewProduct, Product, ProductFilter, ProductPatch, ProductSort } from '../domain/product';
import type { NewReview, Review, ReviewPatch, ReviewSort } from '../domain/review';
import type { NewShare, Share } from '../domain/share';
import type { NewUser, ProfilePatch, User, UserFilter, UserSort } from '../domain/user';
import type { ChangeFeed } from './changes';

export type EngineName = 'ladybug' | 'neo4j';

/** A window into an ordered list. `limit: 0` asks for the count only. */
export interface Page {
  offset: number;
  limit: number;
}

/** One page of an ordered list, with the size of the whole list. */
export interface Slice<T> {
  items: T[];
  totalCount: number;
}

/** Stamps the caller supplies for a new entity, so ids and clocks stay out of the engines. */
export interface Stamp {
  id: string;
  at: number;
}

export interface FollowEdge {
  user: User;
  since: number;
}

export type FeedEntry = { kind: 'REVIEW'; item: Review } | { kind: 'SHARE'; item: Share };

export interface UserRepository {
  get(ids: readonly string[]): Promise<(User | null)[]>;
  getByHandle(handles: readonly string[]): Promise<(User | null)[]>;
  list(q: { filter: UserFilter; sort: UserSort; page: Page }): Promise<Slice<User>>;
  create(input: NewUser, stamp: Stamp): Promise<User>;
  updateProfile(id: string, patch: ProfilePatch): Promise<User>;
}

export interface FollowRepository {
  /** Newest follow first. */
  followers(userIds: readonly string[], page: Page): Promise<Slice<FollowEdge>[]>;
  following(userIds: readonly string[], page: Page): Promise<Slice<FollowEdge>[]>;
  exists(pairs: readonly { followerId: string; followeeId: string }[]): Promise<boolean[]>;
  /** Idempotent: following twice keeps the first `since`. Returns the followee. */
  follow(followerId: string, followeeId: string, at: number): Promise<User>;
  /** Idempotent. Returns the (former) followee. */
  unfollow(followerId: string, followeeId: string): Promise<User>;
}

export interface CategoryRepository {
  get(ids: readonly string[]): Promise<(Category | null)[]>;
  list(): Promise<Category[]>;
}

export interface ProductRepository {
  get(ids: readonly string[]): Promise<(Product | null)[]>;
  list(q: { filter: ProductFilter; sort: ProductSort; page: Page }): Promise<Slice<Product>>;
  inCategories(categoryIds: readonly string[], sort: ProductSort, page: Page): Promise<Slice<Product>[]>;
  create(input: NewProduct, stamp: Stamp): Promise<Product>;
  update(id: string, patch: ProductPatch): Promise<Product>;
}

export interface ReviewRepository {
  get(ids: readonly string[]): Promise<(Review | null)[]>;
  ofProducts(productIds: readonly string[], sort: ReviewSort, page: Page): Promise<Slice<Review>[]>;
  byAuthors(userIds: readonly string[], sort: ReviewSort, page: Page): Promise<Slice<Review>[]>;
  /** One review per author and product: a second throws ConflictError. Updates the product's counters. */
  write(authorId: string, input: NewReview, stamp: Stamp): Promise<Review>;
  update(id: string, patch: ReviewPatch, at: number): Promise<Review>;
  /** Returns the review as it was before deletion. */
  delete(id: string): Promise<Review>;
  /** Idempotent per voter; voting on one's own review is allowed by the store (policy lives above). */
  voteHelpful(voterId: string, reviewId: string, at: number): Promise<Review>;
}

/**
 * Share reads take the viewer (null: anonymous) and answer only what they may see
 * (src/store/cypher/visibility.ts): a share they may not see is null, and is left out of lists
 * and their counts.
 */
export interface ShareRepository {
  get(ids: readonly string[], viewerId: string | null): Promise<(Share | null)[]>;
  /** Newest first. */
  byUsers(userIds: readonly string[], page: Page, viewerId: string | null): Promise<Slice<Share>[]>;
  create(sharerId: string, input: NewShare, stamp: Stamp): Promise<Share>;
}

/** A page of a feed, with whose activity it shows. */
export interface FeedSlice extends Slice<FeedEntry> {
  /** The people `userId` follows: a review or share by any of them changes the feed. */
  followeeIds: string[];
}

/** One thing a user did: a review, a share or a follow, and when. */
export interface ActivityEvent {
  userId: string;
  kind: 'REVIEW' | 'SHARE' | 'FOLLOW';
  at: number;
}

/** Users' activity as `viewerId` may see it: reviews and follows, and only the shares they may see. */
export interface ActivityRepository {
  /** For each pair, whether the user reviewed the product or shared it in a share `viewerId` may see. */
  reactedTo(pairs: readonly { userId: string; productId: string }[], viewerId: string | null): Promise<boolean[]>;
  /** What `userIds` did in [from, to) (epoch ms), in no particular order. */
  of(userIds: readonly string[], from: number, to: number, viewerId: string | null): Promise<ActivityEvent[]>;
}

export interface FeedRepository {
  /** Reviews and shares by the people `userId` follows, plus shares sent to `userId`, newest first; only shares `userId` may see. */
  of(userId: string, page: Page): Promise<FeedSlice>;
}

/** What recommendations read about one user; shares count only where that user may see them. */
export interface UserSignals {
  /** Products the user reviewed or shared. */
  productIds: string[];
  followeeIds: string[];
  /**
   * Products the people the user follows reviewed or shared, in no particular order, each with
   * those followees, most recent first (ties by id).
   */
  activity: { productId: string; followeeIds: string[] }[];
}

/** A share as one follower of its sharer may see it: the per-user input of recommendation signals. */
export interface FolloweeShareRow {
  viewerId: string;
  followeeId: string;
  productId: string;
  at: number;
}

/** What recommendation serving reads about users' networks. */
export interface NetworkRepository {
  /** One user's signals, in one round trip; null for an unknown user. */
  signals(userId: string): Promise<UserSignals | null>;
  /** Every share each user may see from the people they follow, in batches (for an index of all signals). */
  followeeShares(batchSize?: number): AsyncIterable<FolloweeShareRow[]>;
}

/** Rows for bulk loading (seeds and importers). Upserts by id, so loading twice adds nothing. */
export interface BulkBatch {
  users?: User[];
  categories?: Category[];
  products?: Omit<Product, 'reviewCount' | 'ratingSum'>[];
  reviews?: Omit<Review, 'helpfulVotes'>[] | Review[];
  follows?: Follow[];
  shares?: Share[];
}

export interface BulkCounts {
  users: number;
  categories: number;
  products: number;
  reviews: number;
  follows: number;
  shares: number;
}

export type BulkKind = keyof BulkCounts;
export type BulkRow<K extends BulkKind> = NonNullable<BulkBatch[K]>[number];

export interface BulkLoadOptions<K extends BulkKind> {
  /** New rows per transaction (default: the engine's; LadybugDB 250,000, Neo4j 10,000). */
  chunkRows?: number;
  /** As rows are screened: how many more were read (for a progress display). */
  onRows?: (rows: number) => void;
  /** After each committed chunk: its new rows and the seconds its transaction took. */
  onStored?: (rows: number, seconds: number) => void;
  /** A row not stored because it breaks a rule against what is stored (e.g. its author is unknown). */
  onReject?: (row: BulkRow<K>, reason: string) => void;
}

/** What importing needs; a running server offers it too (its internal import route). */
export interface BulkLoader {
  /**
   * Loads a stream of one kind of row by the engine's bulk path. Rows already stored (same id;
   * for follows, the same pair; for reviews, the same author and product) are skipped, so loading
   * twice adds nothing; rows that break a rule go to `onReject`. An entity commits with its
   * relationships and the counters it changes, never in part. Returns the rows added.
   */
  load<K extends BulkKind>(kind: K, rows: Iterable<BulkRow<K>> | AsyncIterable<BulkRow<K>>, opts?: BulkLoadOptions<K>): Promise<number>;
}

export interface BulkWriter extends BulkLoader {
  /** Upsert a batch in one transaction; returns how many rows were new. */
  upsert(batch: BulkBatch): Promise<BulkCounts>;
  /**
   * Recompute every value the store derives from other rows (after a bulk load): products' review
   * counters, and the copies of each review's sort keys on its edges.
   */
  recount(): Promise<void>;
  counts(): Promise<BulkCounts>;
}

/** Interaction row as the GNN sees it. */
export interface InteractionRow {
  userId: string;
  productId: string;
  kind: 'REVIEW' | 'SHARE';
  /** Review rating; null for shares. */
  rating: number | null;
  at: number;
  /**
   * Whether everyone may see it: reviews, and shares to followers by a sharer whose shares are
   * public. Followers-only and direct shares are not, and must not train models whose outputs
   * reach others (a recommendation would reveal them).
   */
  public: boolean;
}

/**
 * Streaming read of the whole graph for gnn/: each iterator yields batches of at most
 * `batchSize` rows, so the reader never holds the graph twice.
 */
export interface SnapshotReader {
  users(batchSize?: number): AsyncIterable<Pick<User, 'id' | 'handle' | 'joinedAt'>[]>;
  categories(batchSize?: number): AsyncIterable<Category[]>;
  products(batchSize?: number): AsyncIterable<Pick<Product, 'id' | 'categoryId'>[]>;
  interactions(batchSize?: number): AsyncIterable<InteractionRow[]>;
  follows(batchSize?: number): AsyncIterable<Follow[]>;
}

/** Every model kind, once: the CLI, the API enum, serving and the internal API derive their lists from it. */
export const MODEL_KINDS = ['recommend', 'influence', 'forecast'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** One published model run: its version and what it was trained on, with what settings and results. */
export interface ModelRun {
  kind: ModelKind;
  version: string;
  createdAt: number;
  /** Hyper-parameters, data snapshot, metrics, backend: whatever the model reports, as JSON. */
  metadata: Record<string, unknown>;
}

/** One output of a run about one entity (a user's score, a product's embedding, a community...). */
export interface ModelOutputRow {
  entityId: string;
  data: Record<string, unknown>;
  /** Optional dense vector (e.g. an embedding), stored exactly as float32. */
  vector?: Float32Array;
}

/**
 * Model outputs written back by gnn/ and read by the API. Publishing writes all rows under the
 * new version first and only then makes it current, so readers never see a half-written run.
 */
export interface ModelRepository {
  publish(run: ModelRun, rows: Iterable<ModelOutputRow[]> | AsyncIterable<ModelOutputRow[]>): Promise<void>;
  /** The current run of a kind, or null before any was published. */
  current(kind: ModelKind): Promise<ModelRun | null>;
  rows(kind: ModelKind, version: string, batchSize?: number): AsyncIterable<ModelOutputRow[]>;
  /** Deletes all but the newest `keep` runs of a kind (never the current one). */
  prune(kind: ModelKind, keep: number): Promise<void>;
}

/**
 * What model training needs: the graph snapshot in, published outputs out. Implemented by every
 * Store, and over HTTP by a running server (src/store/remote/) when it holds the database.
 */
export interface TrainingStore {
  readonly snapshot: SnapshotReader;
  readonly models: ModelRepository;
  close(): Promise<void>;
}

export interface QueryStats {
  /** Engine round trips, so tests can prove that batching works. */
  roundTrips: number;
  /** Write transactions that reached their commit: anything read before one may be stale. */
  writes: number;
}

export interface Store extends TrainingStore {
  readonly engine: EngineName;
  readonly users: UserRepository;
  readonly follows: FollowRepository;
  readonly categories: CategoryRepository;
  readonly products: ProductRepository;
  readonly reviews: ReviewRepository;
  readonly shares: ShareRepository;
  readonly feed: FeedRepository;
  readonly activity: ActivityRepository;
  readonly network: NetworkRepository;
  readonly bulk: BulkWriter;
  readonly snapshot: SnapshotReader;
  readonly models: ModelRepository;
  readonly stats: QueryStats;
  /** Announces what each committed write changed (tags from ./changes), before the write returns. */
  readonly changes: ChangeFeed;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  /** A consistent copy of the data directory into `target`, while serving (embedded engine only). */
  backup?(target: string): Promise<BackupManifest>;
  close(): Promise<void>;
}

export interface BackupManifest {
  engine: EngineName;
  createdAt: string;
  /** Rows per node label and relationship type, for checking a restore. */
  counts: Record<string, number>;
}
