/**
 * Opinion leaders and per-user influence, read from the published influence run (ranked at
 * training time, so a page is an array slice). Community-manager tools: lists need the manager
 * role; a user may see their own influence.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { EXAMPLES, type Reaction } from '../../../gnn/influence/publish';
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

/**
 * The reactions `influencerId`'s viewer may see: the follower's review or visible share of the
 * product, after the influencer's own visible action on it (shares follow visibility.ts, as
 * everywhere). Runs published before `reactions` existed offer their examples only.
 */
async function visibleReactions(ctx: Context, influencerId: string, e: InfluenceData['explanation']): Promise<Reaction[]> {
  const candidates = e.reactions ?? e.examples.map((x) => ({ ...x, recent: false }));
  const seen = (userId: string, productId: string) => ctx.loaders.visibleReactions.load({ userId, productId });
  const visible = await Promise.all(candidates.map(async (r) => (await Promise.all([seen(r.followerId, r.productId), seen(influencerId, r.productId)])).every(Boolean)));
  return candidates.filter((_, i) => visible[i]);
}

/** Fields as getters, read only when the query selects them: no loads for fields nobody asked for. */
function explanation(ctx: Context, influencerId: string, e: InfluenceData['explanation']) {
  let reactions: Promise<Reaction[]> | undefined;
  const shown = () => (reactions ??= visibleReactions(ctx, influencerId, e));
  return {
    followersReached: e.followersReached,
    get followersEngaged() {
      return shown().then((r) => new Set(r.filter((x) => x.recent).map((x) => x.followerId)).size);
    },
    get topCategories() {
      return e.topCategories.map((id) => ctx.loaders.categories.load(id));
    },
    get examples() {
      return shown().then((r) =>
        r.slice(0, EXAMPLES).map((x) => ({
          product: ctx.loaders.products.load(x.productId),
          follower: ctx.loaders.users.load(x.followerId),
          daysLater: x.daysLater,
        })),
      );
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
        explanation: explanation(ctx, leader.userId, leader.influence.explanation),
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
      explanation: explanation(ctx, user.id, data.explanation),
      modelVersion: loaded.run.version,
    };
  }
}
