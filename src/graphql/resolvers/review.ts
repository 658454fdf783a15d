import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { ForbiddenError, NotFoundError } from '../../domain/errors';
import type { Product as ProductRecord } from '../../domain/product';
import { validateNewReview, validateReviewPatch, type Review as ReviewRecord } from '../../domain/review';
import type { User as UserRecord } from '../../domain/user';
import { tags } from '../../store/changes';
import { requireOwner } from '../authorize';
import { requireViewer, written, type Context } from '../context';
import { decodeId } from '../global-id';
import { withoutNulls } from '../inputs';
import { loadReferenced } from '../loaders';
import { stamp } from '../stamp';
import { Product } from '../types/product';
import { Review, UpdateReviewInput, WriteReviewInput } from '../types/review';
import { User } from '../types/user';
import { NodeIdResolver } from './node-id';

/** The review behind a global id, read fresh because a write on it follows. */
async function reviewFor(ctx: Context, id: string): Promise<ReviewRecord> {
  const [review] = await ctx.store.reviews.get([decodeId(id, 'Review', 'id')]);
  if (!review) throw new NotFoundError('Review', id);
  return review;
}

@Resolver(() => Review)
export class ReviewResolver extends NodeIdResolver('Review', Review) {
  @FieldResolver(() => User)
  author(@Root() review: ReviewRecord, @Ctx() { loaders }: Context): Promise<UserRecord> {
    return loadReferenced(loaders.users, review.authorId, 'User');
  }

  // Votes come often: answers that show the count depend on it, the others are kept through votes.
  @FieldResolver(() => Int)
  helpfulVotes(@Root() review: ReviewRecord, @Ctx() { reads }: Context): number {
    reads.add(tags.helpfulVotes(review.id));
    return review.helpfulVotes;
  }

  @FieldResolver(() => Product)
  product(@Root() review: ReviewRecord, @Ctx() { loaders }: Context): Promise<ProductRecord> {
    return loadReferenced(loaders.products, review.productId, 'Product');
  }

  @Mutation(() => Review, { description: 'Review a product; one review per user and product.' })
  async writeReview(
    @Arg('input', () => WriteReviewInput) input: WriteReviewInput,
    @Ctx() ctx: Context,
  ): Promise<ReviewRecord> {
    const viewer = requireViewer(ctx);
    const valid = validateNewReview({ ...withoutNulls(input), productId: decodeId(input.productId, 'Product', 'productId') });
    return written(ctx, await ctx.store.reviews.write(viewer.userId, valid, stamp()));
  }

  @Mutation(() => Review, { description: "Edit one's own review." })
  async updateReview(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateReviewInput) input: UpdateReviewInput,
    @Ctx() ctx: Context,
  ): Promise<ReviewRecord> {
    const viewer = requireViewer(ctx);
    const patch = validateReviewPatch(withoutNulls(input));
    const review = await reviewFor(ctx, id);
    requireOwner(viewer, review.authorId, 'only the author can edit a review');
    return written(ctx, await ctx.store.reviews.update(review.id, patch, Date.now()));
  }

  @Mutation(() => Review, { description: "Delete one's own review (admins: any review). Returns it as it was." })
  async deleteReview(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ReviewRecord> {
    const viewer = requireViewer(ctx);
    const review = await reviewFor(ctx, id);
    requireOwner(viewer, review.authorId, 'only the author or an admin can delete a review', 'admin');
    return written(ctx, await ctx.store.reviews.delete(review.id));
  }

  @Mutation(() => Review, { description: "Mark someone else's review helpful (idempotent per voter)." })
  async voteReviewHelpful(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ReviewRecord> {
    const viewer = requireViewer(ctx);
    const review = await reviewFor(ctx, id);
    // The store leaves this policy to the API: a vote on one's own review would inflate it.
    if (review.authorId === viewer.userId) throw new ForbiddenError('you cannot vote on your own review');
    return written(ctx, await ctx.store.reviews.voteHelpful(viewer.userId, review.id, Date.now()));
  }
}
