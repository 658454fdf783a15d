import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CategoryResolver } from './resolvers/category';
import { FeedResolver } from './resolvers/feed';
import { NodeResolver } from './resolvers/node';
import { CommunityResolver, UserCommunityResolver } from './resolvers/community';
import { OpinionLeadersResolver, UserInfluenceResolver } from './resolvers/influence';
import { ProductResolver } from './resolvers/product';
import { TrainingResolver } from './resolvers/training';
import { ModelResolver } from './resolvers/model';
import { ProductSimilarityResolver, UserRecommendationsResolver } from './resolvers/recommendations';
import { ReviewResolver } from './resolvers/review';
import { ShareResolver } from './resolvers/share';
import { UserResolver } from './resolvers/user';

export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      NodeResolver,
      UserResolver,
      UserRecommendationsResolver,
      ProductResolver,
      ProductSimilarityResolver,
      CategoryResolver,
      ReviewResolver,
      ShareResolver,
      FeedResolver,
      OpinionLeadersResolver,
      UserInfluenceResolver,
      CommunityResolver,
      UserCommunityResolver,
      TrainingResolver,
      ModelResolver,
    ],
    // Inputs are checked by the domain validators, not class-validator.
    validate: false,
  });
}
