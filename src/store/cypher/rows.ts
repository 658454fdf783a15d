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

/** Expects `{ p }`. */
export function toProduct(row: Row): Product {
  const p = row.p as Props;
  return {
    id: str(p.id),
    name: str(p.name),
    description: str(p.description),
    price: num(p.priceCents) / 100,
    currency: str(p.currency),
    categoryId: str(p.categoryId),
    createdAt: num(p.createdAt),
    reviewCount: num(p.reviewCount),
    ratingSum: num(p.ratingSum),
  };
}

/** The author and product a review's `authorProduct` ("authorId|productId") names; user ids never contain "|". */
export function splitAuthorProduct(authorProduct: unknown): { authorId: string; productId: string } {
  const s = str(authorProduct);
  const bar = s.indexOf('|');
  return { authorId: s.slice(0, bar), productId: s.slice(bar + 1) };
}

/** A review node; its author and product come from `authorProduct`. */
export function toReview(r: Props): Review {
  return {
    id: str(r.id),
    ...splitAuthorProduct(r.authorProduct),
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
