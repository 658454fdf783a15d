import { DateTimeResolver } from 'graphql-scalars';
import { ArgsType, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { UserSort as UserSortValue } from '../../domain/user';
import { ConnectionArgs, ConnectionType, EdgeType } from './connection';
import { Node } from './node';

export const UserSort = {
  NEWEST: 'NEWEST',
  OLDEST: 'OLDEST',
  HANDLE: 'HANDLE',
  MOST_FOLLOWED: 'MOST_FOLLOWED',
} as const satisfies { [K in UserSortValue]: K };
registerEnumType(UserSort, { name: 'UserSort' });

@ObjectType({ implements: Node })
export class User extends Node {
  @Field(() => String, { description: 'Unique, lower-case.' })
  handle!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  bio!: string;

  @Field(() => DateTimeResolver)
  joinedAt!: number;
}

@ObjectType()
export class UserEdge extends EdgeType(() => User) {}

@ObjectType()
export class UserConnection extends ConnectionType(UserEdge) {}

@InputType()
export class UserFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the handle or display name.' })
  search?: string | null;
}

@ArgsType()
export class UsersArgs extends ConnectionArgs {
  @Field(() => UserFilter, { nullable: true })
  filter?: UserFilter | null;

  @Field(() => UserSort, { defaultValue: UserSort.NEWEST })
  sort!: UserSortValue;
}

@InputType()
export class CreateUserInput {
  @Field(() => String, { description: '3-30 characters of a-z, 0-9 and _ (stored lower-case).' })
  handle!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true })
  bio?: string | null;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  bio?: string | null;
}
