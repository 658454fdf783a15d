import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { InvalidInputError } from '../../domain/errors';
import { fromGlobalId } from '../../domain/ids';
import { readableCommunities } from '../access';
import type { Context } from '../context';
import { Node } from '../types/node';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it no longer exists or the viewer may not see it.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<object | null> {
    const decoded = fromGlobalId(id);
    if (!decoded) throw new InvalidInputError('id', 'id is not a valid global id');
    // Communities live in the published forecast run, in memory: no loader needed. One the viewer
    // may not read is null, as if it did not exist.
    if (decoded.kind === 'Community') return (await readableCommunities(ctx).get([decoded.id]))[0];
    const { loaders } = ctx;
    const byKind = {
      User: loaders.users,
      Product: loaders.products,
      Category: loaders.categories,
      Review: loaders.reviews,
      Share: loaders.shares,
    } as const;
    return byKind[decoded.kind].load(decoded.id);
  }
}
