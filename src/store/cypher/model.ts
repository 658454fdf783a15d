/**
 * The property-graph model both engines store, as data: LadybugDB derives its DDL from it and
 * Neo4j its constraints and indexes, so the two can never disagree on names or properties.
 *
 *   (:User)-[:FOLLOWS {since}]->(:User)
 *   (:User)-[:WROTE]->(:Review)-[:REVIEWS]->(:Product)-[:IN_CATEGORY]->(:Category)
 *   (:User)-[:VOTED_HELPFUL {at}]->(:Review)
 *   (:User)-[:SHARED]->(:Share)-[:OF_PRODUCT]->(:Product)
 *   (:Share)-[:SHARED_WITH]->(:User)            only when the share goes to one user
 *   (:Meta {key})                               schema version, current model versions
 *   (:ModelRun), (:ModelOutput)                 published model runs and their per-entity outputs
 *
 * Times are epoch milliseconds (INT64), which sidesteps the engines' different temporal types;
 * money is integer minor units (`priceCents`), exact in both engines and never a mixed
 * integer/float column (LadybugDB infers a parameter list's type from its values).
 * Product keeps `reviewCount` and `ratingSum` so averages are a property read; every review write
 * updates them in the same transaction. Product also keeps `categoryId`, its IN_CATEGORY edge's
 * category, so products are read by key alone: LadybugDB joins the edge by scanning every product
 * (60 ms for a page of 20 on Ciao, against 5 without it). `Review.authorProduct` ("authorId|productId") lets Neo4j
 * enforce one review per author and product with a uniqueness constraint, and lets a review be
 * read by key alone, without joining its author and product (user ids never contain "|").
 */
export type PropertyType = 'STRING' | 'INT64' | 'DOUBLE';

export interface NodeTable {
  label: string;
  /** Primary key property; always `id` or `key`, always a STRING. */
  key: string;
  properties: Record<string, PropertyType>;
  /** Further properties that must be unique (enforced by Neo4j constraints; by transactions in LadybugDB). */
  unique?: string[];
  /** Properties worth an index where the engine supports secondary indexes. */
  indexed?: string[];
}

export interface RelTable {
  type: string;
  from: string;
  to: string;
  properties: Record<string, PropertyType>;
}

export const NODES: readonly NodeTable[] = [
  {
    label: 'User',
    key: 'id',
    // shareVisibility: PUBLIC | FOLLOWERS (schema version 2).
    properties: { id: 'STRING', handle: 'STRING', displayName: 'STRING', bio: 'STRING', joinedAt: 'INT64', shareVisibility: 'STRING' },
    unique: ['handle'],
    indexed: ['joinedAt'],
  },
  { label: 'Category', key: 'id', properties: { id: 'STRING', name: 'STRING' } },
  {
    label: 'Product',
    key: 'id',
    properties: {
      id: 'STRING',
      name: 'STRING',
      description: 'STRING',
      priceCents: 'INT64',
      currency: 'STRING',
      createdAt: 'INT64',
      reviewCount: 'INT64',
      ratingSum: 'INT64',
      categoryId: 'STRING',
    },
    indexed: ['createdAt', 'reviewCount'],
  },
  {
    label: 'Review',
    key: 'id',
    properties: {
      id: 'STRING',
      authorProduct: 'STRING',
      rating: 'INT64',
      title: 'STRING',
      body: 'STRING',
      helpfulVotes: 'INT64',
      createdAt: 'INT64',
      updatedAt: 'INT64',
    },
    unique: ['authorProduct'],
    indexed: ['createdAt'],
  },
  {
    label: 'Share',
    key: 'id',
    properties: { id: 'STRING', audience: 'STRING', message: 'STRING', createdAt: 'INT64' },
    indexed: ['createdAt'],
  },
  { label: 'Meta', key: 'key', properties: { key: 'STRING', value: 'STRING' } },
  {
    label: 'ModelRun',
    key: 'id',
    properties: { id: 'STRING', kind: 'STRING', version: 'STRING', createdAt: 'INT64', metadata: 'STRING' },
  },
  {
    // id = kind|version|entityId; data is JSON, vector base64 float32 (exact, and one type for both engines).
    label: 'ModelOutput',
    key: 'id',
    properties: { id: 'STRING', kind: 'STRING', version: 'STRING', entityId: 'STRING', data: 'STRING', vector: 'STRING' },
    indexed: ['version'],
  },
];

/**
 * WROTE and REVIEWS copy their review's id and sort keys (schema version 4), so review lists are
 * ordered and paged from the edges alone: LadybugDB reads a node's properties by scanning its
 * table (35 ms for the 915 reviews of Ciao's most reviewed product, 6 ms from the edges). Every
 * review write sets them in the same transaction.
 */
const REVIEW_EDGE: Record<string, PropertyType> = { reviewId: 'STRING', createdAt: 'INT64', helpfulVotes: 'INT64', rating: 'INT64' };

export const RELS: readonly RelTable[] = [
  { type: 'FOLLOWS', from: 'User', to: 'User', properties: { since: 'INT64' } },
  { type: 'WROTE', from: 'User', to: 'Review', properties: REVIEW_EDGE },
  { type: 'REVIEWS', from: 'Review', to: 'Product', properties: REVIEW_EDGE },
  { type: 'IN_CATEGORY', from: 'Product', to: 'Category', properties: {} },
  { type: 'VOTED_HELPFUL', from: 'User', to: 'Review', properties: { at: 'INT64' } },
  { type: 'SHARED', from: 'User', to: 'Share', properties: {} },
  { type: 'OF_PRODUCT', from: 'Share', to: 'Product', properties: {} },
  { type: 'SHARED_WITH', from: 'Share', to: 'User', properties: {} },
];

/**
 * Schema version of this model. Bump it and add a migration in each engine when the model changes;
 * engines record the version in `(:Meta {key: 'schemaVersion'})`.
 */
export const SCHEMA_VERSION = 4;

/** Version 4: review edges copy the review's id and sort keys (both engines' migration). */
export const REVIEW_EDGE_BACKFILL = ['(:User)-[e:WROTE]->(r:Review)', '(r:Review)-[e:REVIEWS]->(:Product)'].map(
  (pattern) => `MATCH ${pattern} SET e.reviewId = r.id, e.createdAt = r.createdAt, e.helpfulVotes = r.helpfulVotes, e.rating = r.rating`,
);

/** Version 3: products copy their category id (both engines' migration). */
export const PRODUCT_CATEGORY_BACKFILL = 'MATCH (p:Product)-[:IN_CATEGORY]->(c:Category) SET p.categoryId = c.id';
