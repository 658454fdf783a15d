import { ArgsType, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Category } from './category';
import { ConnectionArgs, ConnectionType, EdgeType } from './connection';
import { Product } from './product';
import { User } from './user';

@ObjectType({ description: 'A follower who engaged with a product after this user did.' })
export class InfluenceExample {
  @Field(() => Product)
  product!: unknown;

  @Field(() => User)
  follower!: unknown;

  @Field(() => Float, { description: "Days from this user's action to the follower's, to a tenth of a day." })
  daysLater!: number;
}

@ObjectType({ description: 'Why a user scores as they do, from the graph as of training.' })
export class InfluenceExplanation {
  @Field(() => Int, { description: 'Followers at the training cutoff.' })
  followersReached!: number;

  @Field(() => Int, {
    description: 'Followers who reviewed or shared a product after this user did, in the last period; shares count only where the viewer may see them.',
  })
  followersEngaged!: number;

  @Field(() => [Category])
  topCategories!: unknown[];

  @Field(() => [InfluenceExample], { description: 'Recent examples, newest first; only reactions the viewer may see.' })
  examples!: InfluenceExample[];
}

@ObjectType()
export class CategoryInfluence {
  @Field(() => Category)
  category!: unknown;

  @Field(() => Float)
  score!: number;

  @Field(() => Int, { description: '1 = most influential in this category.' })
  rank!: number;
}

@ObjectType({ description: 'Predicted influence: follower reactions expected over the next period.' })
export class Influence {
  @Field(() => Float)
  score!: number;

  @Field(() => Int, { description: '1 = most influential.' })
  rank!: number;

  @Field(() => Float, { description: 'Share of scored users ranked below, 0-100.' })
  percentile!: number;

  @Field(() => [CategoryInfluence], { description: "The user's top categories." })
  byCategory!: CategoryInfluence[];

  @Field(() => InfluenceExplanation)
  explanation!: InfluenceExplanation;

  @Field(() => String, { description: 'Version of the influence model that scored it.' })
  modelVersion!: string;
}

@ObjectType()
export class OpinionLeaderEdge extends EdgeType(() => User) {
  @Field(() => Float, { description: 'Global score, or the category score for a category list.' })
  score!: number;

  @Field(() => Int, { description: 'Global rank, or the rank within the category for a category list; a community filter keeps these ranks.' })
  rank!: number;

  @Field(() => Float, { description: 'Global percentile, 0-100.' })
  percentile!: number;

  @Field(() => InfluenceExplanation)
  explanation!: InfluenceExplanation;
}

@ObjectType()
export class OpinionLeaderConnection extends ConnectionType(OpinionLeaderEdge) {
  @Field(() => String, { nullable: true, description: 'Version of the influence model; null before one is published.' })
  modelVersion!: string | null;
}

@ArgsType()
export class OpinionLeadersArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'Rank within one category.' })
  category?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only members of one community.' })
  community?: string | null;
}
