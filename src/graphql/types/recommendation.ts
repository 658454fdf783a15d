import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { RecommendationSource as Source } from '../../../gnn/recommend/serving';
import { ConnectionArgs, ConnectionType, EdgeType } from './connection';
import { Product } from './product';
import { User } from './user';

export const RecommendationSource = { MODEL: 'MODEL', FALLBACK: 'FALLBACK' } as const satisfies { [K in Source]: K };
registerEnumType(RecommendationSource, {
  name: 'RecommendationSource',
  description: 'MODEL: the published graph model. FALLBACK: popular in the network and categories (no model yet, or nothing to go on).',
});

@ObjectType({ description: 'Why a product is recommended.' })
export class RecommendationReason {
  @Field(() => [User], { description: 'People you follow who reviewed or shared it, most recent first.' })
  followedUsers!: unknown[];

  @Field(() => [Product], { description: 'Products of yours it most resembles (model answers only).' })
  similarTo!: unknown[];
}

@ObjectType()
export class ProductRecommendationEdge extends EdgeType(() => Product) {
  @Field(() => Float, { description: 'Higher is better; comparable within one answer only.' })
  score!: number;

  @Field(() => RecommendationReason)
  reason!: RecommendationReason;
}

@ObjectType()
export class ProductRecommendationConnection extends ConnectionType(ProductRecommendationEdge) {
  @Field(() => RecommendationSource, { description: 'Which source produced this answer.' })
  source!: Source;

  @Field(() => String, { nullable: true, description: 'Version of the model that answered (null for the fallback).' })
  modelVersion!: string | null;
}

@ArgsType()
export class RecommendedProductsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'Only products in this category.' })
  category?: string | null;
}

@ObjectType()
export class SimilarProduct {
  @Field(() => Product)
  product!: unknown;

  @Field(() => Float, { description: 'Cosine similarity (model) or review count (fallback).' })
  score!: number;

  @Field(() => RecommendationSource)
  source!: Source;
}

@ArgsType()
export class SimilarProductsArgs {
  @Field(() => Int, { defaultValue: 10 })
  first!: number;
}
