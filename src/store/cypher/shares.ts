import { InvalidInputError } from '../../domain/errors';
import type { NewShare, Share } from '../../domain/share';
import { announce, tags, type ChangeListener } from '../changes';
import type { ShareRepository, Stamp } from '../contract';
import { fillSlices, inOrder, pageByParent } from './batch';
import type { Get, Through } from './entity-cache';
import { mustExist } from './guards';
import { toShare } from './rows';
import type { CypherRunner } from './runner';
import { shareVisible, viewerParam } from './visibility';

const RETURN_SHARE =
  'OPTIONAL MATCH (s)-[:SHARED_WITH]->(t:User) RETURN s, u.id AS sharerId, p.id AS productId, t.id AS recipientId';

/**
 * Shares by id whoever asks, through the store's cache (a share never changes once made): for
 * callers that only ask for shares the viewer may see by construction (feed.ts). Anchored on the
 * share's key: starting from the sharer, LadybugDB took 10-20 ms for a page's ten shares.
 */
export function shareEntities(db: CypherRunner, through: Through): Get<Share> {
  return through('Share', (id) => [tags.share(id)], async (ids) => {
    const rows = await db.read(`MATCH (s:Share) WHERE s.id IN $ids MATCH (u:User)-[:SHARED]->(s)-[:OF_PRODUCT]->(p:Product) ${RETURN_SHARE}`, {
      ids: [...ids],
    });
    return inOrder(ids, rows.map(toShare));
  });
}

export function cypherShares(db: CypherRunner, changed: ChangeListener): ShareRepository {
  async function get(ids: readonly string[], viewerId: string | null): Promise<(Share | null)[]> {
    if (ids.length === 0) return [];
    const rows = await db.read(
      'MATCH (u:User)-[:SHARED]->(s:Share)-[:OF_PRODUCT]->(p:Product) ' +
        `WHERE s.id IN $ids AND ${shareVisible()} ${RETURN_SHARE}`,
      { ids: [...new Set(ids)], ...viewerParam(viewerId) },
    );
    return inOrder(ids, rows.map(toShare));
  }

  return {
    get,

    async byUsers(userIds, page, viewerId) {
      if (userIds.length === 0) return [];
      const keys = await db.read(
        `MATCH (u:User)-[:SHARED]->(s:Share) WHERE u.id IN $ids AND ${shareVisible()} ` +
          'RETURN u.id AS pid, s.id AS id ORDER BY pid, s.createdAt DESC, id',
        { ids: [...new Set(userIds)], ...viewerParam(viewerId) },
      );
      return fillSlices(pageByParent(userIds, keys, page), (ids) => get(ids, viewerId));
    },

    create(sharerId: string, input: NewShare, stamp: Stamp) {
      const write = db.write(async (tx) => {
        await mustExist(tx, 'User', sharerId);
        await mustExist(tx, 'Product', input.productId);
        if (input.recipientId !== undefined) {
          if (input.recipientId === sharerId) throw new InvalidInputError('recipientId', 'you cannot share with yourself');
          await mustExist(tx, 'User', input.recipientId);
        }
        await tx.run(
          'MATCH (u:User {id: $sharerId}) MATCH (p:Product {id: $productId}) ' +
            'CREATE (s:Share {id: $id, audience: $audience, message: $message, createdAt: $at}), ' +
            '(u)-[:SHARED]->(s), (s)-[:OF_PRODUCT]->(p)',
          {
            sharerId,
            productId: input.productId,
            id: stamp.id,
            at: stamp.at,
            audience: input.recipientId === undefined ? 'FOLLOWERS' : 'USER',
            message: input.message ?? '',
          },
        );
        if (input.recipientId !== undefined) {
          await tx.run('MATCH (s:Share {id: $id}) MATCH (t:User {id: $recipientId}) CREATE (s)-[:SHARED_WITH]->(t)', {
            id: stamp.id,
            recipientId: input.recipientId,
          });
        }
        const rows = await tx.run(
          `MATCH (u:User)-[:SHARED]->(s:Share {id: $id})-[:OF_PRODUCT]->(p:Product) ${RETURN_SHARE}`,
          { id: stamp.id },
        );
        return toShare(rows[0]);
      });
      return announce(changed, write, (s) => [
        tags.share(s.id),
        tags.sharesBy(s.sharerId),
        ...(s.recipientId === null ? [tags.activity(s.sharerId)] : [tags.sharesTo(s.recipientId)]),
      ]);
    },
  };
}
