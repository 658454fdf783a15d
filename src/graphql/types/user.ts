import { DateTimeResolver } from 'graphql-scalars';
import { ArgsType, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { ShareVisibility as ShareVisibilityValue, UserSort as UserSortValue } from '../../domain/user';
import { ConnectionArgs, ConnectionType, EdgeType } from './connection';
import { Node } from './node';

export const UserSort = {
  NEWEST: 'NEWEST',
  OLDEST: 'OLDEST',
  HANDLE: 'HANDLE',
  MOST_FOLLOWED: 'MOST_FOLLOWED',
} as const satisfies { [K in UserSortValue]: K };
registerEnumType(UserSort, { name: 'UserSort' });

export const ShareVisibility = {
  PUBLIC: 'PUBLIC',
  FOLLOWERS: 'FOLLOWERS',
} as const satisfies { [K in ShareVisibilityValue]: K };
registerEnumType(ShareVisibility, {
  name: 'ShareVisibility',
  description: "Who sees a user's shares to followers (a share sent to one user is only ever seen by that user).",
  valuesConfig: { PUBLIC: { description: 'Anyone.' }, FOLLOWERS: { description: 'Only the people who follow the sharer.' } },
});

@ObjectType({ implements: Node })
export class User extends Node {
  @Field(() => String, { description: 'Unique, lower-case.' })
  handle!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => DateTimeResolver)
  joinedAt!: number;

  @Field(() => ShareVisibility)
  shareVisibility!: ShareVisibilityValue;
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

  @Field(() => ShareVisibility, { nullable: true })
  shareVisibility?: ShareVisibilityValue | null;
}
