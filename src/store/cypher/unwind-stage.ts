/**
 * The batched-UNWIND bulk path (Neo4j): a stage holds up to `capacity` new rows in memory and
 * stores them in one transaction, nodes, relationships and product counters together.
 */
import type { BulkKind, BulkRow } from '../contract';
import { toGraph, unwindCreate } from './bulk-graph';
import type { BulkStage, BulkStager } from './bulk-load';
import type { CypherRunner, CypherTx } from './runner';

const CAPACITY = 10_000;

/** What new reviews add to their products' counters: product id -> [reviews, rating sum]. */
export class ReviewCounts {
  private readonly byProduct = new Map<string, [number, number]>();

  add(kind: BulkKind, row: BulkRow<BulkKind>): void {
    if (kind !== 'reviews') return;
    const r = row as BulkRow<'reviews'>;
    const c = this.byProduct.get(r.productId);
    if (c) {
      c[0]++;
      c[1] += r.rating;
    } else this.byProduct.set(r.productId, [1, r.rating]);
  }

  /** Adds the counts to the products inside `tx` (the reviews are new, so adding is exact), then forgets them. */
  async apply(tx: CypherTx): Promise<void> {
    if (this.byProduct.size === 0) return;
    const rows = [...this.byProduct].map(([id, [n, s]]) => ({ id, n, s }));
    this.byProduct.clear();
    await tx.run('UNWIND $rows AS row MATCH (p:Product {id: row.id}) SET p.reviewCount = p.reviewCount + row.n, p.ratingSum = p.ratingSum + row.s', { rows });
  }
}

export function unwindStager(db: CypherRunner): BulkStager {
  return async <K extends BulkKind>(kind: K): Promise<BulkStage<K>> => {
    let rows: BulkRow<K>[] = [];
    return {
      capacity: CAPACITY,
      get size() {
        return rows.length;
      },
      add(row) {
        rows.push(row);
      },
      async store() {
        const chunk = rows;
        rows = [];
        const counts = new ReviewCounts();
        for (const row of chunk) counts.add(kind, row);
        await db.write(async (tx) => {
          await unwindCreate(tx, toGraph(kind, chunk));
          await counts.apply(tx);
        });
      },
      async close() {
        rows = [];
      },
    };
  };
}
