import { ConflictError, NotFoundError } from '../../domain/errors';
import type { NewUser, ProfilePatch, User, UserFilter, UserSort } from '../../domain/user';
import { announce, tags, type ChangeListener } from '../changes';
import type { Page, Slice, Stamp, UserRepository } from '../contract';
import { inOrder } from './batch';
import type { Through } from './entity-cache';
import { toUser } from './rows';
import type { CypherRunner } from './runner';
import { pageWithinCount } from './skip';
import { setClause } from './set-clause';

const ORDER: Record<UserSort, { with?: string; order: string }> = {
  NEWEST: { order: 'u.joinedAt DESC, u.id' },
  OLDEST: { order: 'u.joinedAt, u.id' },
  HANDLE: { order: 'u.handle' },
  MOST_FOLLOWED: { with: 'COUNT { MATCH (u)<-[:FOLLOWS]-(:User) } AS followers', order: 'followers DESC, u.id' },
};

function where(filter: UserFilter): { clause: string; params: Record<string, unknown> } {
  if (!filter.search) return { clause: '', params: {} };
  return {
    clause: 'WHERE toLower(u.handle) CONTAINS $search OR toLower(u.displayName) CONTAINS $search',
    params: { search: filter.search.toLowerCase() },
  };
}

/** Only what an edit changed: a new bio reaches just the answers that show it (a profile page). */
function profileChanges({ before, after }: { before: User; after: User }): string[] {
  const id = after.id;
  return [
    ...(before.bio !== after.bio ? [tags.bio(id)] : []),
    ...(before.displayName !== after.displayName ? [tags.user(id), tags.users] : []),
    // Share visibility decides who sees this user's shares.
    ...(before.shareVisibility !== after.shareVisibility ? [tags.user(id), tags.sharesBy(id), tags.hiddenShares] : []),
  ];
}

export function cypherUsers(db: CypherRunner, changed: ChangeListener, through: Through): UserRepository {
  // A kept user holds the bio too, which a bio edit announces alone.
  const get = through('User', (id) => [tags.user(id), tags.bio(id)], async (ids): Promise<(User | null)[]> => {
    if (ids.length === 0) return [];
    const rows = await db.read('UNWIND $ids AS id MATCH (u:User {id: id}) RETURN u', { ids: [...new Set(ids)] });
    return inOrder(ids, rows.map((r) => toUser(r.u as Record<string, unknown>)));
  });

  /** Which user holds each handle (`id` is the handle). Handles never change hands: users keep theirs and are never deleted. */
  const holders = through('Handle', (handle) => [tags.handle(handle)], async (handles) => {
    const rows = await db.read('MATCH (u:User) WHERE u.handle IN $handles RETURN u.id AS id, u.handle AS handle', { handles: [...new Set(handles)] });
    const byHandle = new Map(rows.map((r) => [String(r.handle), String(r.id)]));
    return handles.map((h) => (byHandle.has(h) ? { id: h, userId: byHandle.get(h)! } : null));
  });

  return {
    get,

    async getByHandle(handles) {
      if (handles.length === 0) return [];
      const found = await holders(handles.map((h) => h.toLowerCase()));
      const users = await get(found.flatMap((h) => (h ? [h.userId] : [])));
      const byId = new Map(users.flatMap((u) => (u ? [[u.id, u] as const] : [])));
      return found.map((h) => (h ? (byId.get(h.userId) ?? null) : null));
    },

    async list({ filter, sort, page }: { filter: UserFilter; sort: UserSort; page: Page }): Promise<Slice<User>> {
      const w = where(filter);
      const o = ORDER[sort];
      return pageWithinCount(
        page,
        async () => Number((await db.read(`MATCH (u:User) ${w.clause} RETURN count(u) AS n`, w.params))[0]?.n ?? 0),
        async () =>
          (
            await db.read(
              `MATCH (u:User) ${w.clause} WITH u${o.with ? `, ${o.with}` : ''} ` +
                `RETURN u ORDER BY ${o.order} SKIP $offset LIMIT $limit`,
              { ...w.params, offset: page.offset, limit: page.limit },
            )
          ).map((r) => toUser(r.u as Record<string, unknown>)),
      );
    },

    create(input: NewUser, stamp: Stamp) {
      const write = db.write(async (tx) => {
        const taken = await tx.run('MATCH (u:User) WHERE u.handle = $handle RETURN u.id AS id', { handle: input.handle });
        if (taken.length) throw new ConflictError(`the handle "${input.handle}" is taken`);
        const rows = await tx.run(
          "CREATE (u:User {id: $id, handle: $handle, displayName: $displayName, bio: $bio, joinedAt: $at, shareVisibility: 'PUBLIC'}) RETURN u",
          { id: stamp.id, at: stamp.at, handle: input.handle, displayName: input.displayName, bio: input.bio ?? '' },
        );
        return toUser(rows[0].u as Record<string, unknown>);
      });
      return announce(changed, write, (u) => [tags.user(u.id), tags.handle(u.handle), tags.users]);
    },

    updateProfile(id: string, patch: ProfilePatch) {
      const write = db.write(async (tx) => {
        const found = await tx.run('MATCH (u:User {id: $id}) RETURN u', { id });
        if (found.length === 0) throw new NotFoundError('User', id);
        const before = toUser(found[0].u as Record<string, unknown>);
        const set = setClause('u', { ...patch }, ['displayName', 'bio', 'shareVisibility']);
        const rows = await tx.run(`MATCH (u:User {id: $id}) ${set.clause} RETURN u`, { id, ...set.params });
        return { before, after: toUser(rows[0].u as Record<string, unknown>) };
      });
      return announce(changed, write, profileChanges).then(({ after }) => after);
    },
  };
}
