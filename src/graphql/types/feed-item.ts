import { createUnionType, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from './connection';
import { nodeKindOf } from './node';
import { Review } from './review';
import { Share } from './share';

export const FeedItem = createUnionType({
  name: 'FeedItem',
  description: 'Something that shows up in a feed.',
  types: () => [Review, Share] as const,
  resolveType: nodeKindOf,
});

@ObjectType()
export class FeedEdge extends EdgeType(() => FeedItem) {}

@ObjectType()
export class FeedConnection extends ConnectionType(FeedEdge) {}
