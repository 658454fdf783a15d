/**
 * Communities and their engagement forecasts, read from the published forecast run. Community-
 * manager tools: lists need the manager role; a user may see their own community.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { engagement, engagementForecast, type CommunityPage } from '../../../gnn/forecast/serving';
import type { PublishedCommunity } from '../../../gnn/forecast/published';
import { InvalidInputError } from '../../domain/errors';
import type { User as UserRecord } from '../../domain/user';
import { tags } from '../../store/changes';
import { readableCommunities } from '../access';
import { requireOwner, requireRole } from '../authorize';
import { connection, pageSize } from '../connections';
import { visibleEngagement } from '../engagement';
import { requireViewer, type Context } from '../context';
import { Category } from '../types/category';
import { CommunitiesArgs, Community, CommunityConnection, EngagementPoint, ForecastPoint } from '../types/community';
import { ConnectionArgs } from '../types/connection';
import { User, UserConnection } from '../types/user';
import { NodeIdResolver } from './node-id';

const MAX_PERIODS = 520;

function periods(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > MAX_PERIODS) throw new InvalidInputError('periods', `periods must be from 0 to ${MAX_PERIODS}`);
  return n;
}

@Resolver(() => Community)
export class CommunityResolver extends NodeIdResolver('Community', Community) {
  @Query(() => CommunityConnection, { description: 'Communities detected on the follow graph (managers only).' })
  async communities(
    @Args(() => CommunitiesArgs) { sort, ...args }: CommunitiesArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    requireRole(ctx, 'manager');
    let answer: CommunityPage | undefined;
    const result = await connection(args, info, ctx.config.maxPageSize, async (page) => (answer = await ctx.models.communities.list({ sort, ...page })));
    return { ...result, modelVersion: answer?.modelVersion ?? null };
  }

  @FieldResolver(() => [Category], { description: 'Most interacted with first.' })
  topCategories(@Root() c: PublishedCommunity, @Ctx() ctx: Context) {
    return c.topCategories.map((id) => ctx.loaders.categories.load(id));
  }

  @FieldResolver(() => [User], { description: 'Strongest first: by influence score when an influence model is published.' })
  async opinionLeaders(@Root() c: PublishedCommunity, @Arg('first', () => Int, { defaultValue: 5 }) n: number, @Ctx() ctx: Context) {
    const first = pageSize('first', n, ctx.config.maxPageSize);
    const influence = (await ctx.models.influence.get())?.value;
    const ranked = influence
      ? influence.leaders({ memberIds: new Set(c.members), offset: 0, limit: first }).items.map((l) => l.userId)
      : c.opinionLeaders.slice(0, first);
    return ranked.map((id) => ctx.loaders.users.load(id));
  }

  @FieldResolver(() => UserConnection)
  members(@Root() c: PublishedCommunity, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return connection(args, info, ctx.config.maxPageSize, async (page) => ({
      items: (await Promise.all(c.members.slice(page.offset, page.offset + page.limit).map((id) => ctx.loaders.users.load(id)))).filter(
        (u): u is UserRecord => u !== null,
      ),
      totalCount: c.members.length,
    }));
  }

  @FieldResolver(() => [EngagementPoint], { description: 'The last `periods` weeks, oldest first; shares count only where the viewer may see them.' })
  engagement(@Root() c: PublishedCommunity, @Arg('periods', () => Int, { defaultValue: 12 }) n: number, @Ctx() ctx: Context) {
    ctx.reads.add(tags.anyWrite); // recounted from the members' activity as this viewer may see it
    return visibleEngagement(ctx.store, ctx.viewer?.userId ?? null, c.members, engagement(c, periods(n)));
  }

  @FieldResolver(() => [ForecastPoint], { description: 'The coming weeks, nearest first (at most the trained horizon).' })
  engagementForecast(@Root() c: PublishedCommunity, @Arg('periods', () => Int, { defaultValue: 4 }) n: number) {
    return engagementForecast(c, periods(n));
  }
}

@Resolver(() => User)
export class UserCommunityResolver {
  @FieldResolver(() => Community, { nullable: true, description: "The user's community; the user or a manager only." })
  async community(@Root() user: UserRecord, @Ctx() ctx: Context) {
    requireOwner(requireViewer(ctx), user.id, "only the user themselves (or a manager) may see a user's community", 'manager');
    const [found] = await readableCommunities(ctx).ofUsers([user.id]);
    return found;
  }
}
