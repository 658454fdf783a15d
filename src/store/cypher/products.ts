import { NotFoundError } from '../../domain/errors';
import { toCents, type NewProduct, type Product, type ProductFilter, type ProductPatch, type ProductSort } from '../../domain/product';
import { announce, tags, type ChangeListener } from '../changes';
import type { Page, ProductRepository, Slice, Stamp } from '../contract';
import { fillSlices, inOrder, pageByParent } from './batch';
import type { Through } from './entity-cache';
import { mustExist } from './guards';
import { toProduct } from './rows';
import type { CypherRunner, CypherTx } from './runner';
import { pageWithinCount } from './skip';
import { setClause } from './set-clause';

const AVERAGE = 'CASE WHEN p.reviewCount = 0 THEN -1.0 ELSE p.ratingSum * 1.0 / p.reviewCount END';

const ORDER: Record<ProductSort, string> = {
  NEWEST: 'p.createdAt DESC, p.id',
  TOP_RATED: `${AVERAGE} DESC, p.reviewCount DESC, p.id`,
  MOST_REVIEWED: 'p.reviewCount DESC, p.id',
  NAME: 'toLower(p.name), p.id',
};

const RETURN_PRODUCT = 'RETURN p';

function where(filter: ProductFilter): { match: string; clause: string; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.minRating != null) {
    conditions.push('p.reviewCount > 0 AND p.ratingSum >= $minRating * p.reviewCount');
    params.minRating = filter.minRating;
  }
  if (filter.search) {
    conditions.push('toLower(p.name) CONTAINS $search');
    params.search = filter.search.toLowerCase();
  }
  if (filter.categoryId) params.categoryId = filter.categoryId;
  return {
    match: `MATCH (p:Product)-[:IN_CATEGORY]->(c:Category${filter.categoryId ? ' {id: $categoryId}' : ''})`,
    clause: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
    params,
  };
}

export function cypherProducts(db: CypherRunner, changed: ChangeListener, through: Through): ProductRepository {
  // Review counters are product fields: a review write changes the product too.
  const get = through('Product', (id) => [tags.product(id), tags.productCounts(id)], async (ids): Promise<(Product | null)[]> => {
    if (ids.length === 0) return [];
    // Key lookups: with an IN list LadybugDB scans the whole table (10x slower on Ciao).
    const rows = await db.read(`UNWIND $ids AS id MATCH (p:Product {id: id}) ${RETURN_PRODUCT}`, { ids: [...new Set(ids)] });
    return inOrder(ids, rows.map(toProduct));
  });

  async function readInTx(tx: CypherTx, id: string): Promise<Product> {
    const rows = await tx.run(`MATCH (p:Product {id: $id}) ${RETURN_PRODUCT}`, { id });
    if (rows.length === 0) throw new NotFoundError('Product', id);
    return toProduct(rows[0]);
  }

  return {
    get,

    async list({ filter, sort, page }: { filter: ProductFilter; sort: ProductSort; page: Page }): Promise<Slice<Product>> {
      const w = where(filter);
      return pageWithinCount(
        page,
        async () => Number((await db.read(`${w.match} ${w.clause} RETURN count(p) AS n`, w.params))[0]?.n ?? 0),
        async () =>
          (
            await db.read(`${w.match} ${w.clause} ${RETURN_PRODUCT} ORDER BY ${ORDER[sort]} SKIP $offset LIMIT $limit`, {
              ...w.params,
              offset: page.offset,
              limit: page.limit,
            })
          ).map(toProduct),
      );
    },

    async inCategories(categoryIds, sort, page) {
      if (categoryIds.length === 0) return [];
      const keys = await db.read(
        `MATCH (p:Product)-[:IN_CATEGORY]->(c:Category) WHERE c.id IN $ids ` +
          `RETURN c.id AS pid, p.id AS id ORDER BY pid, ${ORDER[sort]}`,
        { ids: [...new Set(categoryIds)] },
      );
      return fillSlices(pageByParent(categoryIds, keys, page), get);
    },

    create(input: NewProduct, stamp: Stamp) {
      const write = db.write(async (tx) => {
        await mustExist(tx, 'Category', input.categoryId);
        await tx.run(
          'MATCH (c:Category {id: $categoryId}) ' +
            'CREATE (p:Product {id: $id, name: $name, description: $description, priceCents: $priceCents, currency: $currency, ' +
            'createdAt: $at, reviewCount: 0, ratingSum: 0, categoryId: c.id})-[:IN_CATEGORY]->(c)',
          {
            name: input.name,
            description: input.description ?? '',
            priceCents: toCents(input.price),
            currency: input.currency,
            categoryId: input.categoryId,
            id: stamp.id,
            at: stamp.at,
          },
        );
        return readInTx(tx, stamp.id);
      });
      return announce(changed, write, (p) => [tags.product(p.id), tags.productCounts(p.id), tags.products]);
    },

    update(id: string, patch: ProductPatch) {
      const write = db.write(async (tx) => {
        const current = await readInTx(tx, id);
        const priceCents = patch.price === undefined ? undefined : toCents(patch.price);
        const set = setClause('p', { ...patch, priceCents }, ['name', 'description', 'priceCents', 'currency']);
        if (set.clause) await tx.run(`MATCH (p:Product {id: $id}) ${set.clause}`, { id, ...set.params });
        if (patch.categoryId && patch.categoryId !== current.categoryId) {
          await mustExist(tx, 'Category', patch.categoryId);
          await tx.run('MATCH (:Product {id: $id})-[e:IN_CATEGORY]->(:Category) DELETE e', { id });
          await tx.run('MATCH (p:Product {id: $id}) MATCH (c:Category {id: $categoryId}) CREATE (p)-[:IN_CATEGORY]->(c) SET p.categoryId = c.id', {
            id,
            categoryId: patch.categoryId,
          });
        }
        return readInTx(tx, id);
      });
      return announce(changed, write, (p) => [tags.product(p.id), tags.productCounts(p.id), tags.products]);
    },
  };
}
