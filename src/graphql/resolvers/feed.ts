import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { tags } from '../../store/changes';
import type { FeedEntry } from '../../store/contract';
import { connection } from '../connections';
import { requireViewer, type Context } from '../context';
import { ConnectionArgs } from '../types/connection';
import { FeedConnection } from '../types/feed-item';

@Resolver()
export class FeedResolver {
  @Query(() => FeedConnection, {
    description: "The viewer's feed: reviews and shares by people they follow, and shares sent to them, newest first.",
  })
  feed(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const viewer = requireViewer(ctx);
    return connection(
      args,
      info,
      ctx.config.maxPageSize,
      async (page) => {
        const slice = await ctx.store.feed.of(viewer.userId, page);
        for (const tag of [tags.following(viewer.userId), tags.sharesTo(viewer.userId), ...slice.followeeIds.map(tags.activity)]) ctx.reads.add(tag);
        for (const entry of slice.items) {
          if (entry.kind === 'REVIEW') ctx.loaders.prime.reviews([entry.item]);
          else ctx.loaders.prime.shares([entry.item]);
        }
        return slice;
      },
      (entry: FeedEntry, cursor) => ({ cursor, node: entry.item }),
    );
  }
}
