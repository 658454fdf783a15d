import { integer, optionalText, text } from './validate';

export interface Review {
  id: string;
  authorId: string;
  productId: string;
  /** Integer 1-5. */
  rating: number;
  title: string;
  body: string;
  helpfulVotes: number;
  createdAt: number;
  updatedAt: number;
}

export interface NewReview {
  productId: string;
  rating: number;
  title?: string;
  body?: string;
}

export interface ReviewPatch {
  rating?: number;
  title?: string;
  body?: string;
}

export type ReviewSort = 'NEWEST' | 'MOST_HELPFUL' | 'HIGHEST_RATING' | 'LOWEST_RATING';

export function validateRating(rating: number): number {
  return integer('rating', rating, 1, 5);
}

export function validateNewReview(input: NewReview): NewReview {
  return {
    productId: input.productId,
    rating: validateRating(input.rating),
    title: optionalText('title', input.title, 200) ?? '',
    body: input.body == null ? '' : text('body', input.body, { max: 10_000 }),
  };
}

export function validateReviewPatch(patch: ReviewPatch): ReviewPatch {
  return {
    rating: patch.rating == null ? undefined : validateRating(patch.rating),
    title: optionalText('title', patch.title, 200),
    body: optionalText('body', patch.body, 10_000),
  };
}
