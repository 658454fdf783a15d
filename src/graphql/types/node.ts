import { Field, ID, InterfaceType } from 'type-graphql';
import type { NodeKind } from '../../domain/ids';

/**
 * Resolvers hand out plain domain records, not GraphQL classes, so the concrete type of a Node
 * (or a FeedItem) is told apart by a field only that record kind has.
 */
export function nodeKindOf(record: object): NodeKind {
  if ('handle' in record) return 'User';
  if ('price' in record) return 'Product';
  if ('rating' in record) return 'Review';
  if ('sharerId' in record) return 'Share';
  if ('members' in record) return 'Community';
  return 'Category';
}

@InterfaceType({ description: 'An object with a Relay global id.', resolveType: nodeKindOf })
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id; pass it to `node(id)` to fetch the object again.' })
  id!: string;
}
