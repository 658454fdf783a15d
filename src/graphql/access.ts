/**
 * Who may read each Node type, applied where objects of the type are handed out, so node(id),
 * fields and connections answer alike. Users, products, categories and reviews are public. Shares:
 * the store's visibility predicate (store/cypher/visibility.ts), which every share read applies.
 * Communities (community-manager tooling): managers, and the members of that community. Fields
 * with their own rule (a user's influence, community or recommendations) check it themselves.
 */
import type { PublishedCommunity } from '../../gnn/forecast/published';
import { hasRole } from './authorize';
import type { Context } from './context';

/** Communities by id, or of the given users, as the viewer may see them: null where they may not. */
export function readableCommunities(ctx: Context) {
  const { viewer, models } = ctx;
  const readable = async (found: (PublishedCommunity | null)[]): Promise<(PublishedCommunity | null)[]> => {
    if (!viewer) return found.map(() => null);
    if (hasRole(viewer, 'manager')) return found;
    const [own] = await models.communities.ofUsers([viewer.userId]);
    return found.map((c) => (c && c.id === own?.id ? c : null));
  };
  return {
    get: async (ids: readonly string[]) => readable(await models.communities.get(ids)),
    ofUsers: async (userIds: readonly string[]) => readable(await models.communities.ofUsers(userIds)),
  };
}
