import type { CategoryRepository } from '../contract';
import { inOrder } from './batch';
import { toCategory } from './rows';
import type { CypherRunner } from './runner';

export function cypherCategories(db: CypherRunner): CategoryRepository {
  return {
    async get(ids) {
      if (ids.length === 0) return [];
      const rows = await db.read('UNWIND $ids AS id MATCH (c:Category {id: id}) RETURN c', { ids: [...new Set(ids)] });
      return inOrder(ids, rows.map((r) => toCategory(r.c as Record<string, unknown>)));
    },
    async list() {
      const rows = await db.read('MATCH (c:Category) RETURN c ORDER BY c.name, c.id');
      return rows.map((r) => toCategory(r.c as Record<string, unknown>));
    },
  };
}
