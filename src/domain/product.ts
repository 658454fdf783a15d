import { InvalidInputError } from './errors';
import { money, optionalText, text } from './validate';

export interface Product {
  id: string;
  name: string;
  description: string;
  price: number;
  /** ISO 4217 code. */
  currency: string;
  categoryId: string;
  createdAt: number;
  /** Maintained with every review write, in the same transaction. */
  reviewCount: number;
  ratingSum: number;
}

/** Prices are stored as integer minor units, so sums and comparisons are exact. */
export function toCents(price: number): number {
  return Math.round(price * 100);
}

export function averageRating(p: Pick<Product, 'reviewCount' | 'ratingSum'>): number | null {
  return p.reviewCount === 0 ? null : p.ratingSum / p.reviewCount;
}

export interface NewProduct {
  name: string;
  description?: string;
  price: number;
  currency: string;
  categoryId: string;
}

export interface ProductPatch {
  name?: string;
  description?: string;
  price?: number;
  currency?: string;
  categoryId?: string;
}

export type ProductSort = 'NEWEST' | 'TOP_RATED' | 'MOST_REVIEWED' | 'NAME';

export interface ProductFilter {
  categoryId?: string;
  /** Minimum average rating (products without reviews never match). */
  minRating?: number;
  /** Case-insensitive substring of the name. */
  search?: string;
}

const CURRENCY = /^[A-Z]{3}$/;

function currency(value: string): string {
  const c = value.trim().toUpperCase();
  if (!CURRENCY.test(c)) throw new InvalidInputError('currency', 'currency must be a 3-letter ISO 4217 code');
  return c;
}

export function validateNewProduct(input: NewProduct): NewProduct {
  return {
    name: text('name', input.name, { min: 1, max: 200 }),
    description: optionalText('description', input.description, 5000) ?? '',
    price: money('price', input.price),
    currency: currency(input.currency),
    categoryId: input.categoryId,
  };
}

export function validateProductPatch(patch: ProductPatch): ProductPatch {
  return {
    name: patch.name == null ? undefined : text('name', patch.name, { min: 1, max: 200 }),
    description: optionalText('description', patch.description, 5000),
    price: patch.price == null ? undefined : money('price', patch.price),
    currency: patch.currency == null ? undefined : currency(patch.currency),
    categoryId: patch.categoryId ?? undefined,
  };
}

export function validateProductFilter(filter: ProductFilter): ProductFilter {
  if (filter.minRating != null && !(filter.minRating >= 0 && filter.minRating <= 5)) {
    throw new InvalidInputError('minRating', 'minRating must be between 0 and 5');
  }
  return { ...filter, search: filter.search?.trim() || undefined };
}
