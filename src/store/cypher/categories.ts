import { tags } from '../changes';
import type { CategoryRepository } from '../contract';
import { inOrder } from './batch';
import type { Through } from './entity-cache';
import { toCategory } from './rows';
import type { CypherRunner } from './runner';

export function cypherCategories(db: CypherRunner, through: Through): CategoryRepository {
  return {
    get: through('Category', (id) => [tags.category(id)], async (ids) => {
      if (ids.length === 0) return [];
      const rows = await db.read('UNWIND $ids AS id MATCH (c:Category {id: id}) RETURN c', { ids: [...new Set(ids)] });
      return inOrder(ids, rows.map((r) => toCategory(r.c as Record<string, unknown>)));
    }),
    async list() {
      const rows = await db.read('MATCH (c:Category) RETURN c ORDER BY c.name, c.id');
      return rows.map((r) => toCategory(r.c as Record<string, unknown>));
    },
  };
}
