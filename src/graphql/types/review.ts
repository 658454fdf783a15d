import { DateTimeResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ReviewSort as ReviewSortValue } from '../../domain/review';
import { ConnectionArgs, ConnectionType, EdgeType } from './connection';
import { Node } from './node';

export const ReviewSort = {
  NEWEST: 'NEWEST',
  MOST_HELPFUL: 'MOST_HELPFUL',
  HIGHEST_RATING: 'HIGHEST_RATING',
  LOWEST_RATING: 'LOWEST_RATING',
} as const satisfies { [K in ReviewSortValue]: K };
registerEnumType(ReviewSort, { name: 'ReviewSort' });

@ObjectType({ implements: Node })
export class Review extends Node {
  @Field(() => Int, { description: '1 to 5.' })
  rating!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => DateTimeResolver)
  createdAt!: number;

  @Field(() => DateTimeResolver)
  updatedAt!: number;
}

@ObjectType()
export class ReviewEdge extends EdgeType(() => Review) {}

@ObjectType()
export class ReviewConnection extends ConnectionType(ReviewEdge) {}

@ArgsType()
export class ReviewsArgs extends ConnectionArgs {
  @Field(() => ReviewSort, { defaultValue: ReviewSort.NEWEST })
  sort!: ReviewSortValue;
}

@InputType()
export class WriteReviewInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  rating!: number;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  body?: string | null;
}

@InputType()
export class UpdateReviewInput {
  @Field(() => Int, { nullable: true })
  rating?: number | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  body?: string | null;
}
