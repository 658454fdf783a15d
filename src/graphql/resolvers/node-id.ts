import { FieldResolver, ID, Resolver, Root, type ClassType } from 'type-graphql';
import { toGlobalId, type NodeKind } from '../../domain/ids';

/** Base of each Node type's resolver: records carry internal ids, clients see global ids. */
export function NodeIdResolver(kind: NodeKind, type: ClassType) {
  @Resolver(() => type)
  abstract class NodeId {
    @FieldResolver(() => ID)
    id(@Root() record: { id: string }): string {
      return toGlobalId(kind, record.id);
    }
  }
  return NodeId;
}
