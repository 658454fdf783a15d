/**
 * Recommendations through friends: `User.recommendedProducts` and `Product.similarProducts`,
 * answered by the model services on the context (gnn/recommend/serving.ts). A user's
 * recommendations reveal what the people they follow do, so only they (or a manager) may read them.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { tags } from '../../store/changes';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Recommendation, RecommendationPage } from '../../../gnn/recommend/serving';
import type { Product as ProductRecord } from '../../domain/product';
import type { User as UserRecord } from '../../domain/user';
import { requireOwner } from '../authorize';
import { connection, pageSize } from '../connections';
import { requireViewer, type Context } from '../context';
import { decodeId } from '../global-id';
import { Product } from '../types/product';
import { ProductRecommendationConnection, RecommendedProductsArgs, SimilarProduct, SimilarProductsArgs } from '../types/recommendation';
import { User } from '../types/user';

/** The entities that still exist (a reason may name one deleted since the model was trained). */
async function existing<T>(loader: { load(id: string): Promise<T | null> }, ids: string[]): Promise<T[]> {
  return (await Promise.all(ids.map((id) => loader.load(id)))).filter((x): x is Awaited<T> & T => x !== null);
}

@Resolver(() => User)
export class UserRecommendationsResolver {
  @FieldResolver(() => ProductRecommendationConnection, {
    description: 'Products this user is likely to want, through the people they follow. Only the user (or a manager) may ask.',
  })
  async recommendedProducts(
    @Root() user: UserRecord,
    @Args(() => RecommendedProductsArgs) { category, ...args }: RecommendedProductsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    requireOwner(requireViewer(ctx), user.id, "only the user themselves (or a manager) may see a user's recommendations", 'manager');
    const categoryId = category == null ? undefined : decodeId(category, 'Category', 'category');
    // Scored from the whole network's recent activity: any write may change it.
    ctx.reads.add(tags.anyWrite);
    let answer: RecommendationPage | undefined;
    const result = await connection<Recommendation, object>(
      args,
      info,
      ctx.config.maxPageSize,
      async (page) => (answer = await ctx.models.recommender.forUser(user.id, { ...page, categoryId })),
      (item, cursor) => ({
        cursor,
        node: ctx.loaders.products.load(item.productId),
        score: item.score,
        // Getters: a reason loads only what the query selects (unasked products tripled the product read).
        reason: {
          get followedUsers() {
            return existing(ctx.loaders.users, item.followees);
          },
          get similarTo() {
            return existing(ctx.loaders.products, item.resembles);
          },
        },
      }),
    );
    return { ...result, source: answer!.source, modelVersion: answer!.modelVersion };
  }
}

@Resolver(() => Product)
export class ProductSimilarityResolver {
  @FieldResolver(() => [SimilarProduct], { description: 'Products like this one, most similar first.' })
  async similarProducts(@Root() product: ProductRecord, @Args(() => SimilarProductsArgs) { first }: SimilarProductsArgs, @Ctx() ctx: Context) {
    ctx.reads.add(tags.anyWrite); // the fallback without a model counts co-reviews
    const { source, items } = await ctx.models.recommender.similarProducts(product.id, pageSize('first', first, ctx.config.maxPageSize));
    return items.map((item) => ({ product: ctx.loaders.products.load(item.productId), score: item.score, source }));
  }
}
