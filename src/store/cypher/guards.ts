/**
 * Existence checks run inside write transactions, so a mutation that references a missing
 * entity fails before it writes anything.
 */
import { NotFoundError } from '../../domain/errors';
import type { CypherTx } from './runner';

export type Label = 'User' | 'Product' | 'Category' | 'Review' | 'Share';

export async function mustExist(tx: CypherTx, label: Label, id: string): Promise<void> {
  const rows = await tx.run(`MATCH (n:${label} {id: $id}) RETURN n.id AS id`, { id });
  if (rows.length === 0) throw new NotFoundError(label, id);
}

/** The ids among `ids` that have a node of `label`. */
export async function existingIds(tx: CypherTx, label: Label, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.run(`UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN n.id AS id`, { ids: [...new Set(ids)] });
  return new Set(rows.map((r) => String(r.id)));
}

/** Ids among `ids` that have no node of `label`. */
export async function missingIds(tx: CypherTx, label: Label, ids: readonly string[]): Promise<string[]> {
  const found = await existingIds(tx, label, ids);
  return [...new Set(ids)].filter((id) => !found.has(id));
}
