/**
 * Row mappers: normalised engine rows (plain JS) to domain objects. Queries return the node as
 * its property map plus the ids of the endpoints it hangs off (author, product, category...).
 */
import type { Category } from '../../domain/category';
import type { Product } from '../../domain/product';
import type { Review } from '../../domain/review';
import type { Share, ShareAudience } from '../../domain/share';
import type { User } from '../../domain/user';
import type { Row } from './runner';

type Props = Record<string, unknown>;

const str = (v: unknown): string => (v == null ? '' : String(v));
const num = (v: unknown): number => (v == null ? 0 : Number(v));

export function toUser(u: Props): User {
  return {
    id: str(u.id),
    handle: str(u.handle),
    displayName: str(u.displayName),
    bio: str(u.bio),
    joinedAt: num(u.joinedAt),
    shareVisibility: u.shareVisibility === 'FOLLOWERS' ? 'FOLLOWERS' : 'PUBLIC',
  };
}

export function toCategory(c: Props): Category {
  return { id: str(c.id), name: str(c.name) };
}

/** Expects `{ p, categoryId }`. */
export function toProduct(row: Row): Product {
  const p = row.p as Props;
  return {
    id: str(p.id),
    name: str(p.name),
    description: str(p.description),
    price: num(p.priceCents) / 100,
    currency: str(p.currency),
    categoryId: str(row.categoryId),
    createdAt: num(p.createdAt),
    reviewCount: num(p.reviewCount),
    ratingSum: num(p.ratingSum),
  };
}

/** A review node; its author and product come from `authorProduct` ("authorId|productId"). */
export function toReview(r: Props): Review {
  const authorProduct = str(r.authorProduct);
  const bar = authorProduct.indexOf('|');
  return {
    id: str(r.id),
    authorId: authorProduct.slice(0, bar),
    productId: authorProduct.slice(bar + 1),
    rating: num(r.rating),
    title: str(r.title),
    body: str(r.body),
    helpfulVotes: num(r.helpfulVotes),
    createdAt: num(r.createdAt),
    updatedAt: num(r.updatedAt),
  };
}

/** Expects `{ s, sharerId, productId, recipientId }`. */
export function toShare(row: Row): Share {
  const s = row.s as Props;
  return {
    id: str(s.id),
    sharerId: str(row.sharerId),
    productId: str(row.productId),
    audience: str(s.audience) as ShareAudience,
    recipientId: row.recipientId == null ? null : str(row.recipientId),
    message: str(s.message),
    createdAt: num(s.createdAt),
  };
}
