import { validateFollow } from '../../domain/follow';
import { announce, tags, type ChangeListener } from '../changes';
import type { FollowEdge, FollowRepository, Page, Slice, UserRepository } from '../contract';
import { fillSlices, pageOf } from './batch';
import type { Get } from './entity-cache';
import type { KeyList, KeyLists } from './key-lists';
import { mustExist } from './guards';
import { toUser } from './rows';
import type { CypherRunner, CypherTx } from './runner';

/**
 * A follow or unfollow changes both users' lists and every follower count (user lists sort by
 * it); which of the followee's shares the follower may see changes too, and the follower's share
 * reads record `following` for that. One that changed nothing changed no answer.
 */
const followChanges = (followerId: string, followeeId: string) => (done: { changed: boolean }) =>
  done.changed ? [tags.following(followerId), tags.followers(followeeId), tags.users] : [];

const EDGE = 'MATCH (:User {id: $a})-[f:FOLLOWS]->(:User {id: $b})';
const followed = async (tx: CypherTx, pair: { a: string; b: string }) => Number((await tx.run(`${EDGE} RETURN count(f) AS n`, pair))[0].n) > 0;

export function cypherFollows(db: CypherRunner, users: UserRepository, changed: ChangeListener, lists: KeyLists): FollowRepository {
  /** Pages of each user's cached follow list (key-lists.ts), filled with the page's users. */
  async function edges(lists: Get<KeyList>, userIds: readonly string[], page: Page): Promise<Slice<FollowEdge>[]> {
    const slices = (await lists(userIds)).map((list) => pageOf(list?.keys ?? [], page));
    const since = new Map(slices.flatMap((s) => s.items.map((k) => [`${k.pid}|${k.id}`, Number(k.since)] as const)));
    const filled = await fillSlices(slices, (ids) => users.get(ids));
    return filled.map((s, i) => ({
      totalCount: s.totalCount,
      items: s.items.map((user) => ({ user, since: since.get(`${userIds[i]}|${user.id}`) ?? 0 })),
    }));
  }

  /** Validates a follow change and returns the followee; NOT_FOUND when either user is missing. */
  async function followee(tx: CypherTx, followerId: string, followeeId: string) {
    validateFollow(followerId, followeeId);
    await mustExist(tx, 'User', followerId);
    const rows = await tx.run('MATCH (u:User {id: $id}) RETURN u', { id: followeeId });
    if (rows.length === 0) await mustExist(tx, 'User', followeeId);
    return toUser(rows[0].u as Record<string, unknown>);
  }

  return {
    followers: (ids, page) => edges(lists.followers, ids, page),
    following: (ids, page) => edges(lists.following, ids, page),

    async exists(pairs) {
      if (pairs.length === 0) return [];
      const rows = await db.read(
        'UNWIND $pairs AS pair MATCH (:User {id: pair.followerId})-[:FOLLOWS]->(b:User {id: pair.followeeId}) ' +
          'RETURN pair.followerId AS a, b.id AS b',
        { pairs: pairs.map((p) => ({ followerId: p.followerId, followeeId: p.followeeId })) },
      );
      const found = new Set(rows.map((r) => `${r.a}|${r.b}`));
      return pairs.map((p) => found.has(`${p.followerId}|${p.followeeId}`));
    },

    follow(followerId, followeeId, at) {
      const write = db.write(async (tx) => {
        const user = await followee(tx, followerId, followeeId);
        const pair = { a: followerId, b: followeeId };
        const exists = await followed(tx, pair);
        // MERGE still: on Neo4j another instance may follow at the same moment.
        if (!exists) await tx.run('MATCH (a:User {id: $a}) MATCH (b:User {id: $b}) MERGE (a)-[f:FOLLOWS]->(b) ON CREATE SET f.since = $at', { ...pair, at });
        return { user, changed: !exists };
      });
      return announce(changed, write, followChanges(followerId, followeeId)).then(({ user }) => user);
    },

    unfollow(followerId, followeeId) {
      const write = db.write(async (tx) => {
        const user = await followee(tx, followerId, followeeId);
        const pair = { a: followerId, b: followeeId };
        const exists = await followed(tx, pair);
        if (exists) await tx.run(`${EDGE} DELETE f`, pair);
        return { user, changed: exists };
      });
      return announce(changed, write, followChanges(followerId, followeeId)).then(({ user }) => user);
    },
  };
}
