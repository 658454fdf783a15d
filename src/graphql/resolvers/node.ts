import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { InvalidInputError } from '../../domain/errors';
import { fromGlobalId } from '../../domain/ids';
import type { Context } from '../context';
import { Node } from '../types/node';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it no longer exists.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() { loaders, models }: Context): Promise<object | null> {
    const decoded = fromGlobalId(id);
    if (!decoded) throw new InvalidInputError('id', 'id is not a valid global id');
    // Communities live in the published forecast run, in memory: no loader needed.
    if (decoded.kind === 'Community') return (await models.communities.get([decoded.id]))[0];
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
