import { DateTimeResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from './connection';
import { User } from './user';

@ObjectType({ description: 'A follow relationship; `node` is the user at the other end.' })
export class FollowEdge extends EdgeType(() => User) {
  @Field(() => DateTimeResolver, { description: 'When the follow began.' })
  since!: number;
}

@ObjectType()
export class FollowConnection extends ConnectionType(FollowEdge) {}
