/**
 * Bulk rows as the graph stores them: per kind, the node records (one property per column of the
 * model, cypher/model.ts) and the relationships that belong to the same entity, so an engine can
 * create them together in one transaction. `unwindCreate` does it with batched UNWIND (Neo4j);
 * LadybugDB's bulk path copies the same records from files (ladybug/copy-stage.ts).
 */
import { toCents } from '../../domain/product';
import type { BulkKind, BulkRow } from '../contract';
import { NODES, RELS } from './model';
import type { CypherTx } from './runner';

export type GraphRecord = Record<string, string | number | null>;

export interface NodeRecords {
  label: string;
  rows: GraphRecord[];
}

/** Relationship rows: `from` and `to` are the end nodes' keys, the rest are the relationship's properties. */
export interface RelRecords {
  type: string;
  rows: ({ from: string; to: string } & GraphRecord)[];
}

export interface GraphRows {
  nodes: NodeRecords[];
  rels: RelRecords[];
}

type ToGraph<K extends BulkKind> = (rows: BulkRow<K>[]) => GraphRows;

const helpfulVotes = (r: BulkRow<'reviews'>): number => ('helpfulVotes' in r ? r.helpfulVotes : 0);

/** The key of the one review an author may write of a product (user ids never contain "|"). */
export const authorProduct = (r: { authorId: string; productId: string }): string => `${r.authorId}|${r.productId}`;

const TO_GRAPH: { [K in BulkKind]: ToGraph<K> } = {
  categories: (rows) => ({ nodes: [{ label: 'Category', rows: rows.map(({ id, name }) => ({ id, name })) }], rels: [] }),
  users: (rows) => ({
    nodes: [
      {
        label: 'User',
        rows: rows.map(({ id, handle, displayName, bio, joinedAt, shareVisibility = 'PUBLIC' }) => ({ id, handle, displayName, bio, joinedAt, shareVisibility })),
      },
    ],
    rels: [],
  }),
  products: (rows) => ({
    nodes: [
      {
        label: 'Product',
        rows: rows.map(({ id, name, description, price, currency, categoryId, createdAt }) => ({
          id, name, description, priceCents: toCents(price), currency, createdAt, reviewCount: 0, ratingSum: 0, categoryId,
        })),
      },
    ],
    rels: [{ type: 'IN_CATEGORY', rows: rows.map((p) => ({ from: p.id, to: p.categoryId })) }],
  }),
  reviews: (rows) => {
    // The edges carry copies of the review's id and sort keys (schema 4, cypher/model.ts).
    const sortKeys = (r: BulkRow<'reviews'>) => ({ reviewId: r.id, createdAt: r.createdAt, helpfulVotes: helpfulVotes(r), rating: r.rating });
    return {
      nodes: [
        {
          label: 'Review',
          rows: rows.map((r) => ({
            id: r.id,
            authorProduct: authorProduct(r),
            rating: r.rating,
            title: r.title,
            body: r.body,
            helpfulVotes: helpfulVotes(r),
            createdAt: r.createdAt,
            updatedAt: r.updatedAt,
          })),
        },
      ],
      rels: [
        { type: 'WROTE', rows: rows.map((r) => ({ from: r.authorId, to: r.id, ...sortKeys(r) })) },
        { type: 'REVIEWS', rows: rows.map((r) => ({ from: r.id, to: r.productId, ...sortKeys(r) })) },
      ],
    };
  },
  follows: (rows) => ({ nodes: [], rels: [{ type: 'FOLLOWS', rows: rows.map((f) => ({ from: f.followerId, to: f.followeeId, since: f.since })) }] }),
  shares: (rows) => ({
    nodes: [{ label: 'Share', rows: rows.map(({ id, audience, message, createdAt }) => ({ id, audience, message, createdAt })) }],
    rels: [
      { type: 'SHARED', rows: rows.map((s) => ({ from: s.sharerId, to: s.id })) },
      { type: 'OF_PRODUCT', rows: rows.map((s) => ({ from: s.id, to: s.productId })) },
      { type: 'SHARED_WITH', rows: rows.flatMap((s) => (s.recipientId ? [{ from: s.id, to: s.recipientId }] : [])) },
    ],
  }),
};

export function toGraph<K extends BulkKind>(kind: K, rows: BulkRow<K>[]): GraphRows {
  return (TO_GRAPH[kind] as ToGraph<K>)(rows);
}

/** The model's node table for `label` (property order = column order). */
export function nodeTable(label: string) {
  const table = NODES.find((n) => n.label === label);
  if (!table) throw new Error(`no node table ${label}`);
  return table;
}

export function relTable(type: string) {
  const table = RELS.find((r) => r.type === type);
  if (!table) throw new Error(`no relationship table ${type}`);
  return table;
}

/** `CREATE` of one node label from `$rows`, every model property spelled out (both engines accept it). */
export function unwindNodes(label: string): string {
  const props = Object.keys(nodeTable(label).properties).map((p) => `${p}: row.${p}`);
  return `UNWIND $rows AS row CREATE (:${label} {${props.join(', ')}})`;
}

/** `CREATE` of one relationship type from `$rows` (`from`, `to` and its properties). */
export function unwindRels(type: string): string {
  const rel = relTable(type);
  const from = nodeTable(rel.from);
  const to = nodeTable(rel.to);
  const props = Object.keys(rel.properties).map((p) => `${p}: row.${p}`);
  // One MATCH per end node: LadybugDB plans a comma pattern as a scan per row (see store.ts).
  return (
    `UNWIND $rows AS row MATCH (a:${rel.from} {${from.key}: row.from}) MATCH (b:${rel.to} {${to.key}: row.to}) ` +
    `CREATE (a)-[:${type}${props.length ? ` {${props.join(', ')}}` : ''}]->(b)`
  );
}

/** Creates screened, new rows of one kind with their relationships inside `tx`, by batched UNWIND. */
export async function unwindCreate(tx: CypherTx, graph: GraphRows): Promise<void> {
  for (const nodes of graph.nodes) if (nodes.rows.length) await tx.run(unwindNodes(nodes.label), { rows: nodes.rows });
  for (const rels of graph.rels) if (rels.rows.length) await tx.run(unwindRels(rels.type), { rows: rels.rows });
}
