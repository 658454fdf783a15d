import { DateTimeResolver } from 'graphql-scalars';
import { ArgsType, Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { ProductSort as ProductSortValue } from '../../domain/product';
import { ConnectionArgs, ConnectionType, EdgeType } from './connection';
import { Node } from './node';

export const ProductSort = {
  NEWEST: 'NEWEST',
  TOP_RATED: 'TOP_RATED',
  MOST_REVIEWED: 'MOST_REVIEWED',
  NAME: 'NAME',
} as const satisfies { [K in ProductSortValue]: K };
registerEnumType(ProductSort, { name: 'ProductSort' });

@ObjectType({ implements: Node })
export class Product extends Node {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;


  @Field(() => DateTimeResolver)
  createdAt!: number;
}

@ObjectType()
export class ProductEdge extends EdgeType(() => Product) {}

@ObjectType()
export class ProductConnection extends ConnectionType(ProductEdge) {}

@ArgsType()
export class SortedProductsArgs extends ConnectionArgs {
  @Field(() => ProductSort, { defaultValue: ProductSort.NEWEST })
  sort!: ProductSortValue;
}

@InputType()
export class ProductFilter {
  @Field(() => ID, { nullable: true })
  categoryId?: string | null;

  @Field(() => Float, { nullable: true, description: 'Minimum average rating; products without reviews never match.' })
  minRating?: number | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  search?: string | null;
}

@ArgsType()
export class ProductsArgs extends SortedProductsArgs {
  @Field(() => ProductFilter, { nullable: true })
  filter?: ProductFilter | null;
}

@InputType()
export class CreateProductInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Float)
  price!: number;

  @Field(() => String, { description: 'ISO 4217 code, e.g. EUR.' })
  currency!: string;

  @Field(() => ID)
  categoryId!: string;
}

@InputType()
export class UpdateProductInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Float, { nullable: true })
  price?: number | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;
}
