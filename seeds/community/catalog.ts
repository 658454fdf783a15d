/** Categories and products: names from word lists, log-normal prices, Zipf popularity within a category. */
import type { Category } from '../../src/domain/category';
import type { Rng } from '../random';
import { zipfWeights } from '../random';
import type { CommunityRows, GeneratorOptions, Timeline } from './types';
import { seqId } from './types';
import { ADJECTIVES, BRANDS, CATEGORIES, FEATURES, GENERIC_NOUNS } from './words';

export type PlannedProduct = CommunityRows['products'][number];

export interface Catalog {
  categories: Category[];
  products: PlannedProduct[];
  /** Popularity weight of products[i]: a few best-sellers per category, a long tail of the rest. */
  popularity: number[];
  /** Category index of products[i]. */
  categoryOf: number[];
  /** What products[i] is ("kettle"), for review text. */
  nouns: string[];
}

export function makeCatalog(rng: Rng, opts: GeneratorOptions, time: Timeline): Catalog {
  const categories: Category[] = Array.from({ length: opts.categories }, (_, i) => {
    const base = CATEGORIES[i % CATEGORIES.length].name;
    const round = Math.floor(i / CATEGORIES.length);
    return { id: seqId('c', i, opts.categories, 2), name: round === 0 ? base : `${base} ${round + 1}` };
  });

  // Uneven category sizes, as in a real shop.
  const categoryWeights = categories.map(() => rng.between(0.5, 1.5));
  const categoryOf = Array.from({ length: opts.products }, (_, i) =>
    i < opts.categories ? i : rng.weightedIndex(categoryWeights),
  );

  const names = new Set<string>();
  const nouns: string[] = [];
  const products = categoryOf.map((c, i): PlannedProduct => {
    const spec = CATEGORIES[c % CATEGORIES.length];
    const noun = rng.chance(0.9) ? rng.pick(spec.nouns) : rng.pick(GENERIC_NOUNS);
    const brand = rng.pick(BRANDS);
    let name = `${brand} ${rng.pick(ADJECTIVES)} ${noun}`;
    // Model numbers keep names unique without making every name carry one.
    while (names.has(name)) name = `${brand} ${noun} ${rng.pick(['S', 'X', 'M', 'Z'])}${rng.int(2, 99) * 10}`;
    names.add(name);
    nouns.push(noun.toLowerCase());
    const price = Math.max(2, Math.round(spec.basePrice * Math.exp(rng.normal(0, 0.5)))) - 0.01;
    return {
      id: seqId('p', i, opts.products, 4),
      name,
      description: `${/^[AEIOU]/.test(noun) ? 'An' : 'A'} ${noun.toLowerCase()} from ${brand}, ${rng.pick(FEATURES)}.`,
      price,
      currency: 'USD',
      categoryId: categories[c].id,
      // Most of the catalogue exists early; some launches happen during the history.
      createdAt: Math.round(time.start + (time.end - time.start) * 0.7 * Math.pow(rng.float(), 2)),
    };
  });

  const popularity = new Array<number>(products.length);
  for (let c = 0; c < categories.length; c++) {
    const members = rng.shuffle(categoryOf.flatMap((pc, i) => (pc === c ? [i] : [])));
    const weights = zipfWeights(members.length, 0.9);
    members.forEach((p, rank) => (popularity[p] = weights[rank]));
  }
  return { categories, products, popularity, categoryOf, nouns };
}
