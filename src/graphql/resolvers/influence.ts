/**
 * Opinion leaders and per-user influence, read from the published influence run (ranked at
 * training time, so a page is an array slice). Community-manager tools: lists need the manager
 * role; a user may see their own influence.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { InfluenceData, Leader } from '../../../gnn/influence/serving';
import { NotFoundError } from '../../domain/errors';
import type { User as UserRecord } from '../../domain/user';
import { readableCommunities } from '../access';
import { requireOwner, requireRole } from '../authorize';
import { connection } from '../connections';
import { requireViewer, type Context } from '../context';
import { decodeId } from '../global-id';
import { Influence, OpinionLeaderConnection, OpinionLeadersArgs } from '../types/influence';
import { User } from '../types/user';

/** Lists as getters, read only when the query selects them: no loads for fields nobody asked for. */
function explanation(ctx: Context, e: InfluenceData['explanation']) {
  return {
    followersReached: e.followersReached,
    followersEngaged: e.followersEngaged,
    get topCategories() {
      return e.topCategories.map((id) => ctx.loaders.categories.load(id));
    },
    get examples() {
      return e.examples.map((x) => ({
        product: ctx.loaders.products.load(x.productId),
        follower: ctx.loaders.users.load(x.followerId),
        daysLater: x.daysLater,
      }));
    },
  };
}

@Resolver()
export class OpinionLeadersResolver {
  @Query(() => OpinionLeaderConnection, {
    description: 'Users ranked by predicted influence, globally, in a category or in a community (managers only).',
  })
  async opinionLeaders(
    @Args(() => OpinionLeadersArgs) { category, community, ...args }: OpinionLeadersArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    requireRole(ctx, 'manager');
    const categoryId = category == null ? null : decodeId(category, 'Category', 'category');
    let memberIds: ReadonlySet<string> | undefined;
    if (community != null) {
      const [found] = await readableCommunities(ctx).get([decodeId(community, 'Community', 'community')]);
      if (!found) throw new NotFoundError('Community', community);
      memberIds = new Set(found.members);
    }
    const loaded = await ctx.models.influence.get();
    const result = await connection<Leader, object>(
      args,
      info,
      ctx.config.maxPageSize,
      async (page) => loaded?.value.leaders({ categoryId, memberIds, ...page }) ?? { items: [], totalCount: 0 },
      (leader, cursor) => ({
        cursor,
        node: ctx.loaders.users.load(leader.userId),
        score: leader.score,
        rank: leader.rank,
        percentile: leader.influence.percentile,
        explanation: explanation(ctx, leader.influence.explanation),
      }),
    );
    return { ...result, modelVersion: loaded?.run.version ?? null };
  }
}

@Resolver(() => User)
export class UserInfluenceResolver {
  @FieldResolver(() => Influence, {
    nullable: true,
    description: 'Predicted influence; null before a model is published or for users without activity. The user or a manager only.',
  })
  async influence(@Root() user: UserRecord, @Ctx() ctx: Context) {
    requireOwner(requireViewer(ctx), user.id, "only the user themselves (or a manager) may see a user's influence", 'manager');
    const loaded = await ctx.models.influence.get();
    const data = loaded?.value.user(user.id);
    if (!loaded || !data) return null;
    return {
      score: data.score,
      rank: data.rank,
      percentile: data.percentile,
      byCategory: data.byCategory.map((c) => ({ category: ctx.loaders.categories.load(c.categoryId), score: c.score, rank: c.rank })),
      explanation: explanation(ctx, data.explanation),
      modelVersion: loaded.run.version,
    };
  }
}
