import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Product as ProductRecord } from '../../domain/product';
import { validateNewShare, type Share as ShareRecord } from '../../domain/share';
import type { User as UserRecord } from '../../domain/user';
import { requireViewer, written, type Context } from '../context';
import { decodeId } from '../global-id';
import { withoutNulls } from '../inputs';
import { loadReferenced } from '../loaders';
import { stamp } from '../stamp';
import { Product } from '../types/product';
import { Share, ShareProductInput } from '../types/share';
import { User } from '../types/user';
import { NodeIdResolver } from './node-id';

@Resolver(() => Share)
export class ShareResolver extends NodeIdResolver('Share', Share) {
  @FieldResolver(() => User)
  sharer(@Root() share: ShareRecord, @Ctx() { loaders }: Context): Promise<UserRecord> {
    return loadReferenced(loaders.users, share.sharerId, 'User');
  }

  @FieldResolver(() => Product)
  product(@Root() share: ShareRecord, @Ctx() { loaders }: Context): Promise<ProductRecord> {
    return loadReferenced(loaders.products, share.productId, 'Product');
  }

  @FieldResolver(() => User, { nullable: true, description: 'The one recipient; null when shared with all followers.' })
  recipient(@Root() share: ShareRecord, @Ctx() { loaders }: Context): Promise<UserRecord> | null {
    return share.recipientId === null ? null : loadReferenced(loaders.users, share.recipientId, 'User');
  }

  @Mutation(() => Share, { description: 'Share a product with one user, or with all of your followers.' })
  async shareProduct(
    @Arg('input', () => ShareProductInput) input: ShareProductInput,
    @Ctx() ctx: Context,
  ): Promise<ShareRecord> {
    const viewer = requireViewer(ctx);
    const { recipientId, ...rest } = withoutNulls(input);
    const valid = validateNewShare({
      ...rest,
      productId: decodeId(input.productId, 'Product', 'productId'),
      recipientId: recipientId === undefined ? undefined : decodeId(recipientId, 'User', 'recipientId'),
    });
    return written(ctx, await ctx.store.shares.create(viewer.userId, valid, stamp()));
  }
}
