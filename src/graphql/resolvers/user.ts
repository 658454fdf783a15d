import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { InvalidInputError } from '../../domain/errors';
import { validateFollow } from '../../domain/follow';
import { normaliseHandle, validateNewUser, validateProfilePatch, type User as UserRecord } from '../../domain/user';
import { tags } from '../../store/changes';
import type { FollowEdge as FollowRecord } from '../../store/contract';
import { connection } from '../connections';
import { requireViewer, written, type Context } from '../context';
import { decodeId } from '../global-id';
import { withoutNulls } from '../inputs';
import { stamp } from '../stamp';
import { ConnectionArgs } from '../types/connection';
import { FollowConnection } from '../types/follow';
import { ReviewConnection, ReviewsArgs } from '../types/review';
import { ShareConnection } from '../types/share';
import { CreateUserInput, UpdateProfileInput, User, UserConnection, UsersArgs } from '../types/user';
import { NodeIdResolver } from './node-id';

const followEdge = (follow: FollowRecord, cursor: string) => ({ cursor, node: follow.user, since: follow.since });

@Resolver(() => User)
export class UserResolver extends NodeIdResolver('User', User) {
  @Query(() => User, { nullable: true, description: 'A user by global id or by handle (pass exactly one).' })
  user(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('handle', () => String, { nullable: true }) handle: string | null,
    @Ctx() { loaders }: Context,
  ): Promise<UserRecord | null> {
    if ((id == null) === (handle == null)) throw new InvalidInputError('id', 'pass exactly one of id and handle');
    return id != null ? loaders.users.load(decodeId(id, 'User', 'id')) : loaders.usersByHandle.load(normaliseHandle(handle!));
  }

  @Query(() => UserConnection)
  users(
    @Args(() => UsersArgs) { filter, sort, ...page }: UsersArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(page, info, ctx.config.maxPageSize, async (p) => {
      ctx.reads.add(tags.users);
      const slice = await ctx.store.users.list({ filter: withoutNulls(filter ?? {}), sort, page: p });
      ctx.loaders.prime.users(slice.items);
      return slice;
    });
  }

  @Query(() => User, { nullable: true, description: 'The signed-in user; null when anonymous.' })
  viewer(@Ctx() { viewer, loaders }: Context): Promise<UserRecord | null> | null {
    return viewer && loaders.users.load(viewer.userId);
  }

  // Bios are edited often: answers that show one depend on it, the others are kept through edits.
  @FieldResolver(() => String)
  bio(@Root() user: UserRecord, @Ctx() { reads }: Context): string {
    reads.add(tags.bio(user.id));
    return user.bio;
  }

  @FieldResolver(() => FollowConnection, { description: 'Who follows this user, newest follow first.' })
  followers(
    @Root() user: UserRecord,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(
      args,
      info,
      ctx.config.maxPageSize,
      (page) => ctx.loaders.followers.load({ parentId: user.id, sort: null, page }),
      followEdge,
    );
  }

  @FieldResolver(() => FollowConnection, { description: 'Whom this user follows, newest follow first.' })
  following(
    @Root() user: UserRecord,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(
      args,
      info,
      ctx.config.maxPageSize,
      (page) => ctx.loaders.following.load({ parentId: user.id, sort: null, page }),
      followEdge,
    );
  }

  @FieldResolver(() => ReviewConnection)
  reviews(
    @Root() user: UserRecord,
    @Args(() => ReviewsArgs) { sort, ...args }: ReviewsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(
      args,
      info,
      ctx.config.maxPageSize,
      (page) => ctx.loaders.authorReviews.load({ parentId: user.id, sort, page }),
    );
  }

  @FieldResolver(() => ShareConnection, { description: 'Shares this user sent that the viewer may see, newest first.' })
  shares(
    @Root() user: UserRecord,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(
      args,
      info,
      ctx.config.maxPageSize,
      (page) => ctx.loaders.userShares.load({ parentId: user.id, sort: null, page }),
    );
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the viewer follows this user; null when anonymous.' })
  viewerFollows(@Root() user: UserRecord, @Ctx() { viewer, loaders }: Context): Promise<boolean> | null {
    return viewer && loaders.follows.load({ followerId: viewer.userId, followeeId: user.id });
  }

  @Mutation(() => User, { description: 'Sign up. The only mutation that needs no viewer.' })
  async createUser(
    @Arg('input', () => CreateUserInput) input: CreateUserInput,
    @Ctx() ctx: Context,
  ): Promise<UserRecord> {
    return written(ctx, await ctx.store.users.create(validateNewUser(withoutNulls(input)), stamp()));
  }

  @Mutation(() => User, { description: "Change the viewer's profile." })
  async updateProfile(
    @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput,
    @Ctx() ctx: Context,
  ): Promise<UserRecord> {
    const viewer = requireViewer(ctx);
    return written(ctx, await ctx.store.users.updateProfile(viewer.userId, validateProfilePatch(withoutNulls(input))));
  }

  @Mutation(() => User, { description: 'Follow a user (idempotent). Returns the followed user.' })
  async follow(@Arg('userId', () => ID) userId: string, @Ctx() ctx: Context): Promise<UserRecord> {
    const viewer = requireViewer(ctx);
    const followeeId = decodeId(userId, 'User', 'userId');
    validateFollow(viewer.userId, followeeId);
    return written(ctx, await ctx.store.follows.follow(viewer.userId, followeeId, Date.now()));
  }

  @Mutation(() => User, { description: 'Stop following a user (idempotent). Returns that user.' })
  async unfollow(@Arg('userId', () => ID) userId: string, @Ctx() ctx: Context): Promise<UserRecord> {
    const viewer = requireViewer(ctx);
    const followeeId = decodeId(userId, 'User', 'userId');
    validateFollow(viewer.userId, followeeId);
    return written(ctx, await ctx.store.follows.unfollow(viewer.userId, followeeId));
  }
}
