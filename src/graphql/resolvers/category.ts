import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Category as CategoryRecord } from '../../domain/category';
import { tags } from '../../store/changes';
import { connection } from '../connections';
import type { Context } from '../context';
import { Category } from '../types/category';
import { ProductConnection, SortedProductsArgs } from '../types/product';
import { NodeIdResolver } from './node-id';

@Resolver(() => Category)
export class CategoryResolver extends NodeIdResolver('Category', Category) {
  @Query(() => [Category], { description: 'Every category (there are few).' })
  categories(@Ctx() { store, reads }: Context): Promise<CategoryRecord[]> {
    reads.add(tags.categories);
    return store.categories.list();
  }

  @FieldResolver(() => ProductConnection)
  products(
    @Root() category: CategoryRecord,
    @Args(() => SortedProductsArgs) { sort, ...args }: SortedProductsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(
      args,
      info,
      ctx.config.maxPageSize,
      (page) => ctx.loaders.categoryProducts.load({ parentId: category.id, sort, page }),
    );
  }
}
