import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Float, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Category as CategoryRecord } from '../../domain/category';
import {
  averageRating,
  validateNewProduct,
  validateProductFilter,
  validateProductPatch,
  type Product as ProductRecord,
} from '../../domain/product';
import { tags } from '../../store/changes';
import { connection } from '../connections';
import { requireRole } from '../authorize';
import { written, type Context } from '../context';
import { decodeId } from '../global-id';
import { withoutNulls } from '../inputs';
import { loadReferenced } from '../loaders';
import { stamp } from '../stamp';
import { Category } from '../types/category';
import { Money } from '../types/money';
import { CreateProductInput, Product, ProductConnection, ProductsArgs, UpdateProductInput } from '../types/product';
import { ReviewConnection, ReviewsArgs } from '../types/review';
import { NodeIdResolver } from './node-id';

@Resolver(() => Product)
export class ProductResolver extends NodeIdResolver('Product', Product) {
  @Query(() => Product, { nullable: true })
  product(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<ProductRecord | null> {
    return loaders.products.load(decodeId(id, 'Product', 'id'));
  }

  @Query(() => ProductConnection)
  products(
    @Args(() => ProductsArgs) { filter, sort, ...args }: ProductsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const { categoryId, ...rest } = withoutNulls(filter ?? {});
    const valid = validateProductFilter({
      ...rest,
      categoryId: categoryId === undefined ? undefined : decodeId(categoryId, 'Category', 'categoryId'),
    });
    return connection(args, info, ctx.config.maxPageSize, async (page) => {
      ctx.reads.add(tags.products);
      const slice = await ctx.store.products.list({ filter: valid, sort, page });
      ctx.loaders.prime.products(slice.items);
      return slice;
    });
  }

  @FieldResolver(() => Money)
  price(@Root() product: ProductRecord): Money {
    return { amount: product.price, currency: product.currency };
  }

  @FieldResolver(() => Category)
  category(@Root() product: ProductRecord, @Ctx() { loaders }: Context): Promise<CategoryRecord> {
    return loadReferenced(loaders.categories, product.categoryId, 'Category');
  }

  // The counters change with every review: answers that show them depend on them (not only on the product's own fields).
  @FieldResolver(() => Int)
  reviewCount(@Root() product: ProductRecord, @Ctx() { reads }: Context): number {
    reads.add(tags.productCounts(product.id));
    return product.reviewCount;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Mean rating; null while there are no reviews.' })
  averageRating(@Root() product: ProductRecord, @Ctx() { reads }: Context): number | null {
    reads.add(tags.productCounts(product.id));
    return averageRating(product);
  }

  @FieldResolver(() => ReviewConnection)
  reviews(
    @Root() product: ProductRecord,
    @Args(() => ReviewsArgs) { sort, ...args }: ReviewsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(
      args,
      info,
      ctx.config.maxPageSize,
      (page) => ctx.loaders.productReviews.load({ parentId: product.id, sort, page }),
    );
  }

  @Mutation(() => Product, { description: 'Add a product to the catalogue (managers only).' })
  async createProduct(
    @Arg('input', () => CreateProductInput) input: CreateProductInput,
    @Ctx() ctx: Context,
  ): Promise<ProductRecord> {
    requireRole(ctx, 'manager');
    const valid = validateNewProduct({ ...withoutNulls(input), categoryId: decodeId(input.categoryId, 'Category', 'categoryId') });
    return written(ctx, await ctx.store.products.create(valid, stamp()));
  }

  @Mutation(() => Product, { description: 'Change the given fields of a product (managers only).' })
  async updateProduct(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateProductInput) input: UpdateProductInput,
    @Ctx() ctx: Context,
  ): Promise<ProductRecord> {
    requireRole(ctx, 'manager');
    const productId = decodeId(id, 'Product', 'id');
    const { categoryId, ...rest } = withoutNulls(input);
    const patch = validateProductPatch({
      ...rest,
      categoryId: categoryId === undefined ? undefined : decodeId(categoryId, 'Category', 'categoryId'),
    });
    return written(ctx, await ctx.store.products.update(productId, patch));
  }
}
